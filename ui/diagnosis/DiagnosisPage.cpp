#include "ui/diagnosis/DiagnosisPage.h"

#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QShortcut>
#include <QSlider>
#include <QStandardPaths>
#include <QToolButton>
#include <QUuid>
#include <QVBoxLayout>

#include <opencv2/imgproc.hpp>

#include <cmath>

#include "ui/common/DiseaseName.h"
#include "ui/common/MatImage.h"
#include "ui/common/ProbabilityBars.h"
#include "ui/common/ReportPdf.h"
#include "ui/common/SafeText.h"
#include "ui/diagnosis/DiagnosisController.h"
#include "ui/diagnosis/EyeFinderBar.h"
#include "ui/diagnosis/PhotoView.h"
#include "ui/diagnosis/ResultExporter.h"
#include "ui/diagnosis/SpeciesToggle.h"
#include "ui/history/HistoryDatabase.h"
#include "ui/history/SaveToPetDialog.h"
#include "walness/cam/HeatmapImage.h"
#include "walness/cam/HeatmapOverlay.h"
#include "walness/imaging/ImageDecoder.h"
#include "walness/imaging/ModelInput.h"
#include "walness/inference/Wording.h"
#include "walness/report/Report.h"
#include "walness/text/Words.h"

#include <walness/Version.h>

namespace walness::ui {

namespace {

constexpr int kThumbnailSide = 220;
constexpr int kMaximumRecent = 8;
const char* kRecentKey = "diagnosis/recentPhotos";

cv::Rect toCvRect(const QRect& rect) {
  return cv::Rect(rect.x(), rect.y(), rect.width(), rect.height());
}

// Sharp on high-DPI screens: scaled to device pixels, shown at the thumbnail's logical size.
QPixmap thumbnail(const QImage& image, qreal devicePixelRatio) {
  const int side = int((kThumbnailSide - 4) * devicePixelRatio);
  QPixmap pixmap =
      QPixmap::fromImage(image.scaled(side, side, Qt::KeepAspectRatio, Qt::SmoothTransformation));
  pixmap.setDevicePixelRatio(devicePixelRatio);
  return pixmap;
}

QLabel* thumbnailLabel(QWidget* parent, const char* name) {
  auto* label = new QLabel(parent);
  label->setObjectName(QLatin1String(name));
  label->setFixedSize(kThumbnailSide, kThumbnailSide);
  label->setAlignment(Qt::AlignCenter);
  label->setFrameShape(QFrame::StyledPanel);
  label->setWordWrap(true);
  return label;
}

QString percent(double probability) {
  return QStringLiteral("%1%").arg(std::lround(probability * 100));
}

// Plain text: these labels quote file names, model cards, pet names and error messages.
QLabel* wrappingLabel(QWidget* parent, const char* name) {
  auto* label = new QLabel(parent);
  label->setObjectName(QLatin1String(name));
  showPlainText(label);
  label->setWordWrap(true);
  label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  label->setTextInteractionFlags(Qt::TextSelectableByMouse);
  return label;
}

}  // namespace

DiagnosisPage::DiagnosisPage(QWidget* parent)
    : QWidget(parent),
      controller_(new DiagnosisController(this)),
      speciesToggle_(new SpeciesToggle(this)),
      speciesLabel_(new QLabel(this)),
      openButton_(new QPushButton(this)),
      analyzeButton_(new QPushButton(this)),
      cancelButton_(new QPushButton(this)),
      findVetButton_(new QPushButton(this)),
      saveButton_(new QPushButton(this)),
      saveToPetButton_(new QPushButton(this)),
      recentButton_(new QToolButton(this)),
      recentMenu_(new QMenu(this)),
      busyBar_(new QProgressBar(this)),
      photoView_(new PhotoView(this)),
      eyeFinderBar_(new EyeFinderBar(this)),
      switchSpeciesButton_(new QPushButton(this)),
      modelViewTitle_(new QLabel(this)),
      modelView_(thumbnailLabel(this, "modelView")),
      overlayTitle_(new QLabel(this)),
      overlayView_(thumbnailLabel(this, "overlayView")),
      qualityBanner_(new QFrame(this)),
      qualityText_(wrappingLabel(this, "qualityText")),
      retakeButton_(new QPushButton(this)),
      keepButton_(new QPushButton(this)),
      heatmapLabel_(new QLabel(this)),
      heatmapDisease_(new QComboBox(this)),
      camMethod_(new QComboBox(this)),
      opacityLabel_(new QLabel(this)),
      opacity_(new QSlider(Qt::Horizontal, this)),
      resultTitle_(wrappingLabel(this, "resultTitle")),
      resultBody_(wrappingLabel(this, "resultBody")),
      bars_(new ProbabilityBars(this)),
      knowledgeText_(wrappingLabel(this, "knowledgeText")),
      coverageNote_(wrappingLabel(this, "coverageNote")),
      privacyNote_(wrappingLabel(this, "privacyNote")) {
  QFile knowledgeFile(QStringLiteral(":/knowledge/diseases.json"));
  if (knowledgeFile.open(QIODevice::ReadOnly)) {
    auto parsed = knowledge::DiseaseKnowledge::parse(knowledgeFile.readAll(), "diseases.json");
    if (parsed) knowledge_ = std::move(*parsed);
  }

  openButton_->setObjectName(QStringLiteral("openPhotoButton"));
  openButton_->setShortcut(QKeySequence::Open);
  analyzeButton_->setObjectName(QStringLiteral("analyzeButton"));
  analyzeButton_->setDefault(true);
  analyzeButton_->setShortcut(Qt::CTRL | Qt::Key_Return);
  cancelButton_->setObjectName(QStringLiteral("cancelButton"));
  cancelButton_->setShortcut(Qt::Key_Escape);
  for (QPushButton* button : {openButton_, analyzeButton_, cancelButton_})
    button->setMinimumHeight(36);
  busyBar_->setObjectName(QStringLiteral("busyBar"));
  busyBar_->setRange(0, 0);  // indeterminate: one screening takes well under a second
  busyBar_->setMaximumHeight(8);
  busyBar_->setTextVisible(false);
  busyBar_->hide();
  cancelButton_->hide();

  photoView_->setObjectName(QStringLiteral("photoView"));
  saveButton_->setObjectName(QStringLiteral("saveResultButton"));
  saveButton_->setShortcut(QKeySequence::Save);
  saveToPetButton_->setObjectName(QStringLiteral("saveToPetButton"));
  saveToPetButton_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
  saveToPetButton_->hide();  // until there is a history to save to
  recentButton_->setObjectName(QStringLiteral("recentPhotosButton"));
  recentButton_->setMenu(recentMenu_);
  recentButton_->setPopupMode(QToolButton::InstantPopup);
  recentButton_->setMinimumHeight(36);
  setAcceptDrops(true);
  auto* paste = new QShortcut(QKeySequence::Paste, this);
  connect(paste, &QShortcut::activated, this, &DiagnosisPage::pasteFromClipboard);

  qualityBanner_->setObjectName(QStringLiteral("qualityBanner"));
  qualityBanner_->setFrameShape(QFrame::StyledPanel);
  qualityBanner_->setAutoFillBackground(true);
  QPalette bannerPalette = qualityBanner_->palette();
  bannerPalette.setColor(QPalette::Window, QColor(255, 243, 205));
  bannerPalette.setColor(QPalette::WindowText, QColor(102, 77, 3));
  qualityBanner_->setPalette(bannerPalette);
  qualityText_->setPalette(bannerPalette);
  // Deliberate rich text; everything inserted into it is escaped.
  qualityText_->setTextFormat(Qt::RichText);
  knowledgeText_->setTextFormat(Qt::RichText);
  retakeButton_->setObjectName(QStringLiteral("retakeButton"));
  keepButton_->setObjectName(QStringLiteral("keepResultButton"));
  auto* bannerLayout = new QVBoxLayout(qualityBanner_);
  bannerLayout->addWidget(qualityText_);
  auto* bannerButtons = new QHBoxLayout;
  bannerButtons->addWidget(retakeButton_);
  bannerButtons->addWidget(keepButton_);
  bannerButtons->addStretch(1);
  bannerLayout->addLayout(bannerButtons);
  qualityBanner_->hide();
  connect(retakeButton_, &QPushButton::clicked, this, &DiagnosisPage::choosePhoto);
  connect(keepButton_, &QPushButton::clicked, qualityBanner_, &QWidget::hide);

  heatmapDisease_->setObjectName(QStringLiteral("heatmapDisease"));
  camMethod_->setObjectName(QStringLiteral("camMethod"));
  for (const auto& [id, name] : {std::pair{"gradcam", "Grad-CAM"},
                                 {"gradcampp", "Grad-CAM++"},
                                 {"hirescam", "HiResCAM"},
                                 {"layercam", "LayerCAM"}})
    camMethod_->addItem(QLatin1String(name), QLatin1String(id));
  opacity_->setObjectName(QStringLiteral("heatmapOpacity"));
  opacity_->setRange(0, 100);
  opacity_->setValue(45);
  auto* heatmapRow = new QHBoxLayout;
  heatmapRow->addWidget(heatmapLabel_);
  heatmapRow->addWidget(heatmapDisease_, 1);
  heatmapRow->addWidget(camMethod_);
  heatmapRow->addWidget(opacityLabel_);
  heatmapRow->addWidget(opacity_, 1);

  // What the model sees beside where it looked, the same size.
  auto* thumbnails = new QGridLayout;
  thumbnails->addWidget(modelViewTitle_, 0, 0);
  thumbnails->addWidget(overlayTitle_, 0, 1);
  thumbnails->addWidget(modelView_, 1, 0);
  thumbnails->addWidget(overlayView_, 1, 1);
  thumbnails->setColumnStretch(2, 1);

  auto* left = new QVBoxLayout;
  left->addWidget(photoView_, 1);
  left->addWidget(eyeFinderBar_);
  left->addLayout(thumbnails);
  left->addLayout(heatmapRow);

  QFont titleFont = resultTitle_->font();
  titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
  titleFont.setBold(true);
  resultTitle_->setFont(titleFont);
  auto* resultArea = new QWidget;
  resultArea->setObjectName(QStringLiteral("resultArea"));
  auto* resultLayout = new QVBoxLayout(resultArea);
  resultLayout->addWidget(qualityBanner_);
  resultLayout->addWidget(resultTitle_);
  resultLayout->addWidget(resultBody_);
  resultLayout->addWidget(bars_);
  resultLayout->addWidget(knowledgeText_);
  findVetButton_->setObjectName(QStringLiteral("findVetButton"));
  findVetButton_->hide();
  resultLayout->addWidget(findVetButton_, 0, Qt::AlignLeft);
  switchSpeciesButton_->setObjectName(QStringLiteral("switchSpeciesButton"));
  switchSpeciesButton_->hide();
  resultLayout->addWidget(switchSpeciesButton_, 0, Qt::AlignLeft);
  resultLayout->addWidget(coverageNote_);
  resultLayout->addStretch(1);
  auto* scroll = new QScrollArea(this);
  scroll->setWidget(resultArea);
  scroll->setWidgetResizable(true);
  scroll->setMinimumWidth(360);

  auto* topRow = new QHBoxLayout;
  topRow->addWidget(speciesLabel_);
  topRow->addWidget(speciesToggle_);
  topRow->addStretch(1);
  topRow->addWidget(openButton_);
  topRow->addWidget(recentButton_);
  topRow->addWidget(analyzeButton_);
  topRow->addWidget(cancelButton_);
  topRow->addWidget(saveButton_);
  topRow->addWidget(saveToPetButton_);

  auto* middle = new QHBoxLayout;
  middle->addLayout(left, 3);
  middle->addWidget(scroll, 2);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(topRow);
  layout->addWidget(busyBar_);
  layout->addLayout(middle, 1);
  layout->addWidget(privacyNote_);

  connect(openButton_, &QPushButton::clicked, this, &DiagnosisPage::choosePhoto);
  connect(analyzeButton_, &QPushButton::clicked, this, &DiagnosisPage::analyze);
  connect(cancelButton_, &QPushButton::clicked, controller_, &DiagnosisController::cancel);
  connect(findVetButton_, &QPushButton::clicked, this, [this] {
    bool urgent = false;
    if (result_ && knowledge_)
      for (const auto& finding : result_->diagnosis.findings)
        if (const auto* info = knowledge_->find(result_->diagnosis.species, finding.disease))
          urgent |= finding.positive && info->urgency == knowledge::Urgency::Today;
    Q_EMIT findVetRequested(urgent);
  });
  connect(speciesToggle_, &SpeciesToggle::speciesChanged, this, [this] {
    lookUpModel();
    clearResult();
    retranslate();
    // The other species' eyes look different: look again unless the user placed the square.
    if (!rgb_.empty() && !userMovedSquare_) {
      eyeFinderBar_->setSearching();
      controller_->findEyes(rgb_, speciesToggle_->species(), ++photoToken_);
    }
  });
  connect(saveButton_, &QPushButton::clicked, this, &DiagnosisPage::chooseSaveLocation);
  connect(saveToPetButton_, &QPushButton::clicked, this, &DiagnosisPage::chooseSaveToPet);
  connect(controller_, &DiagnosisController::eyesFound, this,
          [this](quint64 token, const QList<QRect>& squares, bool available) {
            if (token != photoToken_) return;  // an answer for a photo no longer shown
            if (userMovedSquare_) {
              eyeFinderBar_->clear();  // the user placed the square already: leave it
              return;
            }
            eyeFinderBar_->setSquares(squares, available, speciesToggle_->species());
          });
  connect(eyeFinderBar_, &EyeFinderBar::squareChosen, this, [this](const QRect& square) {
    placingSquare_ = true;
    photoView_->setRegion(square);
    placingSquare_ = false;
  });
  connect(switchSpeciesButton_, &QPushButton::clicked, this, [this] {
    if (!result_ || !result_->diagnosis.detectedSpecies) return;
    speciesToggle_->setSpecies(*result_->diagnosis.detectedSpecies);
    analyze();
  });
  connect(photoView_, &PhotoView::regionChanged, this, [this] {
    if (!placingSquare_) userMovedSquare_ = true;
    // A result belongs to the square it was computed for.
    if (result_) {
      clearResult();
      resultTitle_->setText(tr("Eye square changed"));
      resultBody_->setText(tr("Press Analyze to check the new square."));
    }
    showModelView();
  });
  connect(heatmapDisease_, &QComboBox::currentIndexChanged, this, &DiagnosisPage::showHeatmap);
  connect(opacity_, &QSlider::valueChanged, this, &DiagnosisPage::showHeatmap);
  connect(camMethod_, &QComboBox::currentIndexChanged, this, [this] {
    if (result_) analyze();
  });
  connect(controller_, &DiagnosisController::started, this, [this] {
    statusMessage_ = tr("Analysing...");
    updateActions();
  });
  connect(controller_, &DiagnosisController::progressed, this, [this](const QString& step) {
    statusMessage_ = step;
    updateActions();
  });
  connect(controller_, &DiagnosisController::finished, this,
          [this](const inference::ExplainedDiagnosis& result, const bundle::ModelCard& card) {
            result_ = result;
            card_ = card;
            pendingSave_.reset();
            updateSaveToPetText();
            statusMessage_.clear();
            showResult();
            updateActions();
          });
  connect(controller_, &DiagnosisController::failed, this, [this](const QString& message) {
    statusMessage_.clear();
    resultTitle_->setText(tr("The photo could not be analysed"));
    resultBody_->setText(message);
    updateActions();
  });
  connect(controller_, &DiagnosisController::cancelled, this, [this] {
    statusMessage_.clear();
    resultTitle_->setText(tr("Analysis cancelled"));
    resultBody_->clear();
    updateActions();
  });
  lookUpModel();
  updateRecentMenu();
  retranslate();
}

DiagnosisPage::~DiagnosisPage() = default;

void DiagnosisPage::refreshModels() {
  lookUpModel();
  retranslate();
}

void DiagnosisPage::lookUpModel() {
  // Reads every installed card from disk: once per species change, not on every state change.
  const auto listing = DiagnosisController::installedModel(speciesToggle_->species());
  installedCard_.reset();
  if (listing) installedCard_ = listing->card;
  showModelView();
}

QString DiagnosisPage::language() const {
  //: The language code of this translation ("ko" for Korean); picks disease texts.
  return tr("en");
}

QString DiagnosisPage::diseaseName(const std::string& id) const {
  return diseaseLabel(id, language());
}

void DiagnosisPage::choosePhoto() {
  const QString filter =
      tr("Photos (%1)")
          .arg(QStringLiteral("*.jpg *.jpeg *.png *.webp *.bmp *.tif *.tiff *.heic *.heif"));
  const QStringList recent = recentPhotos();
  const QString folder = recent.isEmpty()
                             ? QStandardPaths::writableLocation(QStandardPaths::PicturesLocation)
                             : QFileInfo(recent.front()).absolutePath();
  const QString path =
      QFileDialog::getOpenFileName(this, tr("Open a photo of the eye"), folder, filter);
  if (!path.isEmpty()) openPhoto(path);
}

bool DiagnosisPage::openPhoto(const QString& path) {
  // The same decoder the model uses: HEIC, EXIF rotation, size limits, clear errors.
  auto decoded = imaging::decodeImageFile(path.toStdString());
  if (!decoded) {
    resultTitle_->setText(tr("Could not open the photo"));
    resultBody_->setText(QString::fromStdString(decoded.message()));
    return false;
  }
  setPhoto(decoded->rgb, path, QFileInfo(path).fileName());
  rememberRecent(path);
  return true;
}

bool DiagnosisPage::openImage(const QImage& image, const QString& name) {
  if (image.isNull() || image.width() < 8 || image.height() < 8) {
    resultTitle_->setText(tr("Could not open the photo"));
    resultBody_->setText(tr("%1 is not a photo Walness can use.").arg(name));
    return false;
  }
  setPhoto(toRgbMat(image), QString(), name);
  return true;
}

void DiagnosisPage::setPhoto(const cv::Mat& rgb, const QString& path, const QString& name) {
  controller_->cancel();
  rgb_ = rgb;
  photo_ = toQImage(rgb_);
  photoPath_ = path;
  photoName_ = name;
  result_.reset();
  placingSquare_ = true;
  photoView_->setImage(photo_);  // the centre square until the eye finder answers
  placingSquare_ = false;
  userMovedSquare_ = false;
  eyeFinderBar_->setSearching();
  controller_->findEyes(rgb_, speciesToggle_->species(), ++photoToken_);
  clearResult();
  retranslate();
}

void DiagnosisPage::pasteFromClipboard() {
  openFromMime(QApplication::clipboard()->mimeData(), tr("Pasted image"));
}

void DiagnosisPage::dragEnterEvent(QDragEnterEvent* event) {
  const QMimeData* data = event->mimeData();
  bool usable = data->hasImage();
  for (const QUrl& url : data->urls()) usable |= url.isLocalFile();
  if (usable && !controller_->isBusy()) event->acceptProposedAction();
}

void DiagnosisPage::dropEvent(QDropEvent* event) {
  if (openDropped(event->mimeData())) event->acceptProposedAction();
}

bool DiagnosisPage::openDropped(const QMimeData* data) {
  return openFromMime(data, tr("Dropped image"));
}

bool DiagnosisPage::openFromMime(const QMimeData* data, const QString& imageName) {
  if (!data || controller_->isBusy()) return false;
  for (const QUrl& url : data->urls()) {
    if (url.isLocalFile()) {
      openPhoto(url.toLocalFile());
      return true;
    }
  }
  if (!data->hasImage()) return false;
  openImage(qvariant_cast<QImage>(data->imageData()), imageName);
  return true;
}

QStringList DiagnosisPage::recentPhotos() const {
  return QSettings().value(QLatin1String(kRecentKey)).toStringList();
}

void DiagnosisPage::rememberRecent(const QString& path) {
  QStringList recent = recentPhotos();
  const QString absolute = QFileInfo(path).absoluteFilePath();
  recent.removeAll(absolute);
  recent.prepend(absolute);
  while (recent.size() > kMaximumRecent) recent.removeLast();
  QSettings().setValue(QLatin1String(kRecentKey), recent);
  updateRecentMenu();
}

void DiagnosisPage::updateRecentMenu() {
  recentMenu_->clear();
  for (const QString& path : recentPhotos()) {
    QAction* action = recentMenu_->addAction(QFileInfo(path).fileName());
    action->setToolTip(plainToolTip(path));
    action->setEnabled(QFileInfo::exists(path));
    connect(action, &QAction::triggered, this, [this, path] { openPhoto(path); });
  }
  if (!recentMenu_->isEmpty()) {
    recentMenu_->addSeparator();
    connect(recentMenu_->addAction(tr("Clear the list")), &QAction::triggered, this, [this] {
      QSettings().remove(QLatin1String(kRecentKey));
      updateRecentMenu();
    });
  }
  recentButton_->setEnabled(!recentMenu_->isEmpty());
}

void DiagnosisPage::analyze() {
  if (rgb_.empty()) return;
  // The square analysed is the one shown now: an eye finder answer still on its way must not
  // move it under the result.
  userMovedSquare_ = true;
  controller_->analyze(rgb_, speciesToggle_->species(), camMethod_->currentData().toString(),
                       toCvRect(photoView_->region()));
}

void DiagnosisPage::clearResult() {
  result_.reset();
  pendingSave_.reset();
  updateSaveToPetText();
  heatmapDisease_->clear();
  bars_->setRows({});
  knowledgeText_->clear();
  findVetButton_->hide();
  coverageNote_->clear();
  qualityBanner_->hide();
  showHeatmap();
  updateActions();
}

void DiagnosisPage::updateActions() {
  const bool busy = controller_->isBusy();
  analyzeButton_->setEnabled(!busy && !rgb_.empty() && installedCard_.has_value());
  openButton_->setEnabled(!busy);
  recentButton_->setEnabled(!busy && !recentMenu_->isEmpty());
  saveButton_->setEnabled(!busy && result_.has_value());
  saveToPetButton_->setEnabled(!busy && result_.has_value());
  speciesToggle_->setEnabled(!busy);
  cancelButton_->setVisible(busy);
  busyBar_->setVisible(busy);
  if (busy) resultTitle_->setText(statusMessage_);
  const bool heatmaps = result_ && !result_->heatmaps.empty();
  for (QWidget* widget : std::initializer_list<QWidget*>{heatmapLabel_, heatmapDisease_, camMethod_,
                                                         opacityLabel_, opacity_})
    widget->setEnabled(heatmaps && !busy);
}

void DiagnosisPage::showModelView() {
  // Before a photo is open the thumbnails would be two empty frames.
  for (QWidget* widget :
       std::initializer_list<QWidget*>{modelViewTitle_, modelView_, overlayTitle_, overlayView_})
    widget->setVisible(!rgb_.empty());
  if (rgb_.empty() || !installedCard_) {
    modelView_->clear();
    modelView_->setText(rgb_.empty() ? QString() : tr("No model installed"));
    return;
  }
  // Exactly the square the model gets (its own resize policy), before normalisation.
  const cv::Mat view =
      imaging::modelView(rgb_, installedCard_->input, toCvRect(photoView_->region()));
  modelView_->setPixmap(thumbnail(toQImage(view), devicePixelRatioF()));
}

QImage DiagnosisPage::heatmapImage() const {
  if (!result_ || heatmapDisease_->currentIndex() < 0) return {};
  const auto heatmap =
      result_->heatmaps.find(heatmapDisease_->currentData().toString().toStdString());
  if (heatmap == result_->heatmaps.end()) return {};
  const cv::Mat overlay =
      cam::overlayHeatmap(rgb_, heatmap->second, opacity_->value() / 100.0, result_->region);
  const cv::Rect region = result_->region & cv::Rect(0, 0, overlay.cols, overlay.rows);
  return toQImage(overlay(region).clone());
}

void DiagnosisPage::showHeatmap() {
  const QImage overlay = heatmapImage();
  if (overlay.isNull()) {
    overlayView_->clear();
    overlayView_->setText(rgb_.empty() ? QString() : tr("Analyze to see where the model looked"));
    return;
  }
  overlayView_->setPixmap(thumbnail(overlay, devicePixelRatioF()));
}

void DiagnosisPage::chooseSaveLocation() {
  if (!result_) return;
  const QString base = photoName_.isEmpty() ? QStringLiteral("walness-result")
                                            : QFileInfo(photoName_).completeBaseName();
  const QString folder = photoPath_.isEmpty()
                             ? QStandardPaths::writableLocation(QStandardPaths::PicturesLocation)
                             : QFileInfo(photoPath_).absolutePath();
  QString filter;
  const QString pngFilter = tr("PNG image with JSON beside it (*.png)");
  const QString path = QFileDialog::getSaveFileName(
      this, tr("Save the result"),
      folder + QLatin1Char('/') + base + QStringLiteral("-walness.png"),
      pngFilter + QStringLiteral(";;") + tr("PDF report for the vet (*.pdf)") +
          QStringLiteral(";;") + tr("Web page report (*.html)"),
      &filter);
  if (path.isEmpty()) return;
  QString error;
  const QString suffix = QFileInfo(path).suffix().toLower();
  if (suffix == QLatin1String("pdf") || suffix == QLatin1String("html")) {
    if (!saveReport(path, &error)) {
      resultBody_->setText(error);
      return;
    }
    privacyNote_->setText(tr("Saved %1.").arg(QFileInfo(path).fileName()));
    return;
  }
  if (!saveResult(path, &error)) {
    resultBody_->setText(error);
    return;
  }
  privacyNote_->setText(tr("Saved %1 and %2.")
                            .arg(QFileInfo(path).fileName(),
                                 QFileInfo(path).completeBaseName() + QStringLiteral(".json")));
}

ResultExporter DiagnosisPage::exporter() const {
  ResultExporter::Shown shown;
  shown.result = &*result_;
  shown.photo = &rgb_;
  shown.card = card_;
  shown.image = photoPath_.isEmpty() ? photoName_ : photoPath_;
  shown.camDisease = heatmapDisease_->currentData().toString().toStdString();
  shown.overlay = heatmapImage();
  shown.language = language().toStdString();
  return ResultExporter(std::move(shown));
}

bool DiagnosisPage::saveReport(const QString& path, QString* error) {
  if (!result_) {
    if (error) *error = tr("There is no result to save yet.");
    return false;
  }
  const Status written = exporter().saveReport(path);
  if (!written && error)
    *error = tr("Could not save the report: %1").arg(QString::fromStdString(written.message()));
  return bool(written);
}

bool DiagnosisPage::saveResult(const QString& pngPath, QString* error) {
  if (!result_) {
    if (error) *error = tr("There is no result to save yet.");
    return false;
  }
  const Status written = exporter().saveSheet(pngPath);
  if (!written && error)
    *error = tr("Could not save the result: %1").arg(QString::fromStdString(written.message()));
  return bool(written);
}

void DiagnosisPage::setHistory(HistoryDatabase* history) {
  history_ = history;
  saveToPetButton_->setVisible(history_ != nullptr);
}

void DiagnosisPage::chooseSaveToPet() {
  if (!result_ || !history_) return;
  if (pendingSave_) {
    trySave(*pendingSave_);  // the same pet, notes and check id: never stored twice
    return;
  }
  SaveToPetDialog dialog(*history_, result_->diagnosis.species, this);
  if (dialog.exec() != QDialog::Accepted) return;
  saveResultTo(dialog.petId(), dialog.notes(),
               dialog.petBox()->currentIndex() == 0 ? dialog.nameEdit()->text().trimmed()
                                                    : dialog.petBox()->currentText());
}

void DiagnosisPage::saveResultTo(int64_t petId, const QString& notes, const QString& petName) {
  PendingSave save;
  save.petId = petId;
  save.notes = notes;
  save.petName = petName;
  save.checkUid = QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
  trySave(save);
}

void DiagnosisPage::trySave(PendingSave save) {
  QString error;
  if (saveToPet(save.petId, save.notes, &error, save.checkUid) == 0) {
    // Nothing is lost: the result stays on screen, the pet and notes wait for Retry.
    pendingSave_ = std::move(save);
    // What matters first (nothing is lost, how to go on), then the reason.
    privacyNote_->setText(tr("Not saved to %1's history. The result and your notes are kept: "
                             "press \"Retry saving\" when the history can be reached again.")
                              .arg(pendingSave_->petName) +
                          QLatin1Char('\n') + error);
  } else {
    pendingSave_.reset();
    privacyNote_->setText(tr("Saved to %1's history.").arg(save.petName));
  }
  updateSaveToPetText();
}

void DiagnosisPage::updateSaveToPetText() {
  saveToPetButton_->setText(pendingSave_ ? tr("Retry saving") : tr("Save to pet..."));
  saveToPetButton_->setToolTip(
      pendingSave_
          ? plainToolTip(tr("Save this result to %1's history again, with the same notes; it is "
                            "stored once however often you retry.")
                             .arg(pendingSave_->petName))
          : tr("Keep this result in a pet's history to follow the eye over time "
               "(Ctrl+Shift+S)."));
}

int64_t DiagnosisPage::saveToPet(int64_t petId, const QString& notes, QString* error,
                                 const std::string& checkUid) {
  const auto fail = [&](const QString& why) {
    if (error) *error = tr("Could not save to the history: %1").arg(why);
    return int64_t(0);
  };
  if (!result_) return fail(tr("there is no result yet."));
  if (!history_ || !history_->store()) return fail(history_ ? history_->error() : QString());
  history::NewDiagnosis entry;
  entry.petId = petId;
  entry.diagnosis = result_->diagnosis;
  entry.region = result_->region;
  // The photo as it was opened (kept once per content); a pasted image as PNG.
  if (!photoPath_.isEmpty()) {
    QFile file(photoPath_);
    if (file.open(QIODevice::ReadOnly)) entry.photo = file.readAll();
  }
  if (entry.photo.isEmpty()) {
    QBuffer buffer(&entry.photo);
    buffer.open(QIODevice::WriteOnly);
    photo_.save(&buffer, "PNG");
  }
  const std::string disease = heatmapDisease_->currentData().toString().toStdString();
  if (auto heatmap = result_->heatmaps.find(disease); heatmap != result_->heatmaps.end()) {
    entry.camMethod = result_->camMethod;
    entry.camDisease = disease;
    entry.camPng = cam::encodeRegionHeatmap(heatmap->second, result_->region);
  }
  entry.notes = notes.toStdString();
  entry.checkUid = checkUid;
  auto saved = history_->store()->addDiagnosis(entry);
  if (!saved) return fail(QString::fromStdString(saved.message()));
  history_->notifyChanged();
  Q_EMIT savedToPet(petId, *saved);
  return *saved;
}

void DiagnosisPage::showResult() {
  if (!result_) return;
  const inference::Diagnosis& diagnosis = result_->diagnosis;
  const std::string lang = language().toStdString();
  const QString species = diagnosis.species == Species::Dog ? tr("dog") : tr("cat");

  // An eye too small is said once, by the abstention (with the size screening needs), not again
  // by the region check with its warning threshold.
  const bool tooSmall = diagnosis.abstention &&
                        diagnosis.abstention->reason == inference::AbstentionReason::EyeTooSmall;
  QStringList qualityProblems;
  for (const auto& check : diagnosis.quality.checks) {
    const bool saidByAbstention = tooSmall && check.key == "small_region";
    if (check.severity != imaging::QualitySeverity::Ok && !saidByAbstention)
      qualityProblems << QString::fromStdString(imaging::qualityMessage(check, lang));
  }
  QStringList notes = qualityProblems;

  std::vector<ProbabilityBars::Row> rows;
  QStringList checked;
  for (const auto& label : card_.labels) checked << diseaseName(label.id);
  switchSpeciesButton_->hide();
  if (diagnosis.abstention) {
    // The decision's words are the same everywhere (report, CLI): inference::describeAbstention.
    const inference::AbstentionText text =
        inference::describeAbstention(diagnosis, Words::installed());
    resultTitle_->setText(text.title);
    if (diagnosis.abstention->reason == inference::AbstentionReason::OtherSpecies &&
        diagnosis.detectedSpecies) {
      // What this window can do about it: switch species, when a model for it is installed.
      const Species seen = *diagnosis.detectedSpecies;
      if (DiagnosisController::installedModel(seen).has_value()) {
        notes.prepend(tr("You chose %1, but the photo looks like a %2's eye. If your pet is a "
                         "%2, switch and analyse again.")
                          .arg(species, seen == Species::Cat ? tr("cat") : tr("dog")));
        switchSpeciesButton_->setText(seen == Species::Cat ? tr("Switch to Cat and analyse")
                                                           : tr("Switch to Dog and analyse"));
        switchSpeciesButton_->show();
      } else {
        notes.prepend(seen == Species::Cat
                          ? tr("Walness has no model for cats' eyes yet, so it gives no findings "
                               "for this photo. If this is a dog, use a closer photo of its eye.")
                          : tr("Walness has no model for dogs' eyes installed, so it gives no "
                               "findings for this photo."));
      }
    } else {
      notes.prepend(text.advice);
    }
  } else {
    const inference::Finding* top = diagnosis.top();
    if (top && top->positive) {
      resultTitle_->setText(tr("Signs consistent with %1: %2")
                                .arg(diseaseName(top->disease), percent(top->probability)));
    } else {
      resultTitle_->setText(tr("No disease this model checks is above its threshold"));
      notes << tr(
          "This does not mean the eye is healthy: the model cannot confirm a healthy eye. "
          "If your pet squints, rubs the eye or the eye looks different, see a vet.");
    }
    if (!notes.isEmpty() && diagnosis.quality.hasWarnings())
      notes.prepend(tr("The photo has problems; the result may be less reliable."));
    for (const auto& finding : diagnosis.findings)
      rows.push_back(
          {diseaseName(finding.disease), finding.probability, finding.threshold, finding.positive});
  }
  resultBody_->setText(notes.join(QStringLiteral("\n")));
  bars_->setRows(rows);

  // What to do, for each positive finding, most urgent first.
  QStringList advice;
  if (knowledge_ && !diagnosis.abstention) {
    std::vector<const knowledge::DiseaseInfo*> infos;
    for (const auto& finding : diagnosis.findings)
      if (finding.positive)
        if (const auto* info = knowledge_->find(diagnosis.species, finding.disease))
          infos.push_back(info);
    std::stable_sort(infos.begin(), infos.end(), [](const auto* a, const auto* b) {
      return int(a->urgency) > int(b->urgency);
    });
    for (const auto* info : infos) {
      const QString urgency = info->urgency == knowledge::Urgency::Today ? tr("See a vet today")
                              : info->urgency == knowledge::Urgency::Days
                                  ? tr("See a vet within a few days")
                                  : tr("Mention it at the next vet visit");
      advice << QStringLiteral("<p><b>%1</b> &mdash; <b>%2</b>: %3<br>%4<br><i>%5</i> %6</p>")
                    .arg(diseaseName(info->id).toHtmlEscaped(), urgency.toHtmlEscaped(),
                         QString::fromStdString(info->urgencyReason.at(lang)).toHtmlEscaped(),
                         QString::fromStdString(info->what.at(lang)).toHtmlEscaped(),
                         tr("What to do:").toHtmlEscaped(),
                         QString::fromStdString(info->ownerAction.at(lang)).toHtmlEscaped());
    }
  }
  knowledgeText_->setText(advice.join(QString()));
  findVetButton_->setVisible(!advice.isEmpty());
  coverageNote_->setText(
      tr("Model %1 %2 checks %3 eyes for: %4. It cannot confirm that an eye is healthy. "
         "Walness is a screening aid, not a veterinary diagnosis.")
          .arg(QString::fromStdString(card_.id), QString::fromStdString(card_.version), species,
               checked.join(QStringLiteral(", "))));

  const QString previous = heatmapDisease_->currentData().toString();
  heatmapDisease_->blockSignals(true);
  heatmapDisease_->clear();
  for (const auto& finding : diagnosis.findings)
    if (result_->heatmaps.count(finding.disease))
      heatmapDisease_->addItem(diseaseName(finding.disease),
                               QString::fromStdString(finding.disease));
  const int keep = heatmapDisease_->findData(previous);
  heatmapDisease_->setCurrentIndex(keep >= 0 ? keep : 0);
  heatmapDisease_->blockSignals(false);
  showHeatmap();

  // A result from a poor photo: offer to retake it (or keep this one).
  qualityBanner_->setVisible(!diagnosis.abstention && !qualityProblems.isEmpty());
  qualityText_->setText(tr("<b>This photo is not ideal.</b> %1 For a more reliable result, take "
                           "the photo again: close to one eye, in focus, in soft daylight.")
                            .arg(qualityProblems.join(QLatin1Char(' ')).toHtmlEscaped()));
}

void DiagnosisPage::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) {
    retranslate();
    showResult();
    // The two pictures' placeholder texts are set where the pictures are.
    showModelView();
    showHeatmap();
  }
  QWidget::changeEvent(event);
}

void DiagnosisPage::retranslate() {
  speciesLabel_->setText(tr("My pet is a"));
  openButton_->setText(tr("Open photo..."));
  openButton_->setToolTip(
      tr("Open a photo (Ctrl+O). You can also drop a photo here or paste one "
         "(Ctrl+V)."));
  recentButton_->setText(tr("Recent"));
  recentButton_->setAccessibleName(tr("Recent photos"));
  saveButton_->setText(tr("Save result..."));
  saveButton_->setToolTip(tr("Save the heatmap as PNG and the findings as JSON (Ctrl+S)."));
  updateSaveToPetText();
  retakeButton_->setText(tr("Open another photo"));
  keepButton_->setText(tr("Keep this result"));
  modelViewTitle_->setText(tr("What the model sees"));
  overlayTitle_->setText(tr("Where it looked"));
  photoView_->setAccessibleName(tr("Photo with the eye square"));
  photoView_->setToolTip(
      tr("Drag the square onto the eye; drag a corner to resize it. Wheel to "
         "zoom, drag outside the square to pan, double-click to fit."));
  analyzeButton_->setText(tr("Analyze"));
  cancelButton_->setText(tr("Cancel"));
  findVetButton_->setText(tr("Find a vet nearby"));
  heatmapLabel_->setText(tr("Heatmap for"));
  opacityLabel_->setText(tr("Opacity"));
  heatmapDisease_->setAccessibleName(tr("Disease shown in the heatmap"));
  camMethod_->setAccessibleName(tr("Heatmap method"));
  opacity_->setAccessibleName(tr("Heatmap opacity"));
  bars_->setAccessibleName(tr("Probability per disease"));
  const Species species = speciesToggle_->species();
  photoView_->setPlaceholderText(
      tr("No photo yet.\nOpen a close-up photo of your pet's eye, drop one here or paste it."));
  if (!result_ && !controller_->isBusy()) {
    if (!installedCard_.has_value()) {
      resultTitle_->setText(species == Species::Cat ? tr("No cat eye model yet")
                                                    : tr("No dog eye model installed"));
      resultBody_->setText(
          species == Species::Cat
              ? tr("Walness has no model for cats yet: no labelled cat eye photos were available "
                   "to train one. Choose Dog to screen a dog's eye.")
              : tr("Install a model bundle (see Help) to screen dog eyes."));
    } else if (photo_.isNull()) {
      resultTitle_->setText(tr("No result yet"));
      resultBody_->setText(
          tr("Choose dog or cat, then open a photo of the eye. Walness checks it for signs of eye "
             "disease and explains what it sees."));
    } else {
      resultTitle_->setText(tr("Photo loaded"));
      resultBody_->setText(tr("%1 (%2 x %3 pixels). Check that the square covers the eye, then "
                              "press Analyze.")
                               .arg(photoName_)
                               .arg(photo_.width())
                               .arg(photo_.height()));
    }
  }
  privacyNote_->setText(
      tr("Photos are analysed on this computer and never uploaded. Walness is a screening aid, "
         "not a veterinary diagnosis."));
  updateActions();
}

}  // namespace walness::ui
