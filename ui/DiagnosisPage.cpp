#include "DiagnosisPage.h"

#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "SpeciesToggle.h"

namespace walness::ui {

DiagnosisPage::DiagnosisPage(QWidget* parent)
    : QWidget(parent),
      speciesToggle_(new SpeciesToggle(this)),
      speciesLabel_(new QLabel(this)),
      openButton_(new QPushButton(this)),
      photoView_(new QLabel(this)),
      resultTitle_(new QLabel(this)),
      resultBody_(new QLabel(this)),
      privacyNote_(new QLabel(this)) {
  openButton_->setObjectName(QStringLiteral("openPhotoButton"));
  openButton_->setDefault(true);
  openButton_->setMinimumHeight(36);

  photoView_->setObjectName(QStringLiteral("photoView"));
  photoView_->setAlignment(Qt::AlignCenter);
  photoView_->setMinimumSize(320, 320);
  photoView_->setFrameShape(QFrame::StyledPanel);
  photoView_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
  photoView_->setWordWrap(true);

  auto* resultArea = new QFrame(this);
  resultArea->setObjectName(QStringLiteral("resultArea"));
  resultArea->setFrameShape(QFrame::StyledPanel);
  resultArea->setMinimumWidth(320);
  QFont titleFont = resultTitle_->font();
  titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
  titleFont.setBold(true);
  resultTitle_->setFont(titleFont);
  resultTitle_->setWordWrap(true);
  resultBody_->setWordWrap(true);
  resultBody_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  auto* resultLayout = new QVBoxLayout(resultArea);
  resultLayout->addWidget(resultTitle_);
  resultLayout->addWidget(resultBody_, 1);

  privacyNote_->setObjectName(QStringLiteral("privacyNote"));
  privacyNote_->setWordWrap(true);

  auto* topRow = new QHBoxLayout;
  topRow->addWidget(speciesLabel_);
  topRow->addWidget(speciesToggle_);
  topRow->addStretch(1);
  topRow->addWidget(openButton_);

  auto* middle = new QHBoxLayout;
  middle->addWidget(photoView_, 3);
  middle->addWidget(resultArea, 2);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(topRow);
  layout->addLayout(middle, 1);
  layout->addWidget(privacyNote_);

  connect(openButton_, &QPushButton::clicked, this, &DiagnosisPage::choosePhoto);
  retranslate();
}

void DiagnosisPage::choosePhoto() {
  const QString filter =
      tr("Photos (%1)")
          .arg(QStringLiteral("*.jpg *.jpeg *.png *.webp *.bmp *.tif *.tiff *.heic *.heif"));
  const QString path =
      QFileDialog::getOpenFileName(this, tr("Open a photo of the eye"), QString(), filter);
  if (!path.isEmpty()) openPhoto(path);
}

bool DiagnosisPage::openPhoto(const QString& path) {
  QImageReader reader(path);
  reader.setAutoTransform(true);  // phones store rotation in EXIF
  QImage image = reader.read();
  if (image.isNull()) {
    resultTitle_->setText(tr("Could not open the photo"));
    resultBody_->setText(tr("%1: %2").arg(QFileInfo(path).fileName(), reader.errorString()));
    return false;
  }
  photo_ = std::move(image);
  photoPath_ = path;
  showPhoto();
  resultTitle_->setText(tr("Photo loaded"));
  resultBody_->setText(tr("%1 (%2 x %3 pixels)")
                           .arg(QFileInfo(path).fileName())
                           .arg(photo_.width())
                           .arg(photo_.height()));
  return true;
}

void DiagnosisPage::showPhoto() {
  if (photo_.isNull()) return;
  photoView_->setPixmap(QPixmap::fromImage(photo_.scaled(
      photoView_->contentsRect().size(), Qt::KeepAspectRatio, Qt::SmoothTransformation)));
}

void DiagnosisPage::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  showPhoto();
}

void DiagnosisPage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void DiagnosisPage::retranslate() {
  speciesLabel_->setText(tr("My pet is a"));
  openButton_->setText(tr("Open photo..."));
  if (photo_.isNull()) {
    photoView_->setText(tr("No photo yet.\nOpen a close-up photo of your pet's eye."));
    resultTitle_->setText(tr("No result yet"));
    resultBody_->setText(
        tr("Choose dog or cat, then open a photo of the eye. Walness checks it for signs of eye "
           "disease and explains what it sees."));
  }
  privacyNote_->setText(
      tr("Photos are analysed on this computer and never uploaded. Walness is a screening aid, "
         "not a veterinary diagnosis."));
}

}  // namespace walness::ui
