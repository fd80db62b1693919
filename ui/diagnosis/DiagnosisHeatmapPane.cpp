#include "ui/diagnosis/DiagnosisHeatmapPane.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPixmap>
#include <QSlider>
#include <QVBoxLayout>

#include <initializer_list>
#include <utility>

#include "ui/common/DiseaseName.h"
#include "ui/common/MatImage.h"
#include "ui/diagnosis/DiagnosisPhotoPane.h"
#include "walness/cam/HeatmapOverlay.h"

// The texts here keep the translation context of the page they were written for
// (walness::ui::DiagnosisPage), where their translations are.

namespace walness::ui {

namespace {

constexpr int kThumbnailSide = 220;

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

}  // namespace

DiagnosisHeatmapPane::DiagnosisHeatmapPane(const DiagnosisPhotoPane* photo, QWidget* parent)
    : QWidget(parent),
      photo_(photo),
      modelViewTitle_(new QLabel(this)),
      modelView_(thumbnailLabel(this, "modelView")),
      overlayTitle_(new QLabel(this)),
      overlayView_(thumbnailLabel(this, "overlayView")),
      heatmapLabel_(new QLabel(this)),
      heatmapDisease_(new QComboBox(this)),
      camMethod_(new QComboBox(this)),
      opacityLabel_(new QLabel(this)),
      opacity_(new QSlider(Qt::Horizontal, this)) {
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

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(thumbnails);
  layout->addLayout(heatmapRow);
  // Always as tall as the pictures and controls need: the photo above takes what space is left.
  setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);

  connect(heatmapDisease_, &QComboBox::currentIndexChanged, this,
          &DiagnosisHeatmapPane::showHeatmap);
  connect(opacity_, &QSlider::valueChanged, this, &DiagnosisHeatmapPane::showHeatmap);
  connect(camMethod_, &QComboBox::currentIndexChanged, this,
          &DiagnosisHeatmapPane::camMethodChanged);
  retranslate();
}

void DiagnosisHeatmapPane::setModelInput(const std::optional<imaging::InputSpec>& input) {
  input_ = input;
  showModelView();
}

void DiagnosisHeatmapPane::showModelView() {
  const cv::Mat& rgb = photo_->rgb();
  // Before a photo is open the thumbnails would be two empty frames.
  for (QWidget* widget :
       std::initializer_list<QWidget*>{modelViewTitle_, modelView_, overlayTitle_, overlayView_})
    widget->setVisible(!rgb.empty());
  if (rgb.empty() || !input_) {
    modelView_->clear();
    modelView_->setText(rgb.empty() ? QString()
                                    : QCoreApplication::translate("walness::ui::DiagnosisPage",
                                                                  "No model installed"));
    return;
  }
  // Exactly the square the model gets (its own resize policy), before normalisation.
  const cv::Mat view = imaging::modelView(rgb, *input_, photo_->eyeSquare());
  modelView_->setPixmap(thumbnail(toQImage(view), devicePixelRatioF()));
}

void DiagnosisHeatmapPane::showHeatmaps(const inference::ExplainedDiagnosis& result,
                                        const QString& language) {
  heatmaps_ = result.heatmaps;
  region_ = result.region;
  const QString previous = heatmapDisease_->currentData().toString();
  heatmapDisease_->blockSignals(true);
  heatmapDisease_->clear();
  for (const auto& finding : result.diagnosis.findings)
    if (heatmaps_.count(finding.disease))
      heatmapDisease_->addItem(diseaseLabel(finding.disease, language),
                               QString::fromStdString(finding.disease));
  const int keep = heatmapDisease_->findData(previous);
  heatmapDisease_->setCurrentIndex(keep >= 0 ? keep : 0);
  heatmapDisease_->blockSignals(false);
  showHeatmap();
}

void DiagnosisHeatmapPane::clearHeatmaps() {
  heatmaps_.clear();
  heatmapDisease_->clear();
  showHeatmap();
}

QImage DiagnosisHeatmapPane::heatmapImage() const {
  if (heatmaps_.empty() || heatmapDisease_->currentIndex() < 0) return {};
  const auto heatmap = heatmaps_.find(disease());
  if (heatmap == heatmaps_.end()) return {};
  // Only the region is copied and blended: a phone photo is many times its size.
  const cv::Mat& rgb = photo_->rgb();
  const cv::Rect inside = region_ & cv::Rect(0, 0, rgb.cols, rgb.rows);
  if (inside.empty()) return {};
  return toQImage(cam::overlayHeatmap(rgb(inside), heatmap->second(inside - region_.tl()),
                                      opacity_->value() / 100.0,
                                      cv::Rect(0, 0, inside.width, inside.height)));
}

void DiagnosisHeatmapPane::showHeatmap() {
  const QImage overlay = heatmapImage();
  if (overlay.isNull()) {
    overlayView_->clear();
    overlayView_->setText(photo_->rgb().empty() ? QString()
                                                : QCoreApplication::translate(
                                                      "walness::ui::DiagnosisPage",
                                                      "Analyze to see where the model looked"));
    return;
  }
  overlayView_->setPixmap(thumbnail(overlay, devicePixelRatioF()));
}

std::string DiagnosisHeatmapPane::disease() const {
  return heatmapDisease_->currentData().toString().toStdString();
}

QString DiagnosisHeatmapPane::camMethod() const {
  return camMethod_->currentData().toString();
}

void DiagnosisHeatmapPane::setControlsEnabled(bool enabled) {
  for (QWidget* widget : std::initializer_list<QWidget*>{heatmapLabel_, heatmapDisease_, camMethod_,
                                                         opacityLabel_, opacity_})
    widget->setEnabled(enabled);
}

void DiagnosisHeatmapPane::retranslate() {
  modelViewTitle_->setText(
      QCoreApplication::translate("walness::ui::DiagnosisPage", "What the model sees"));
  overlayTitle_->setText(
      QCoreApplication::translate("walness::ui::DiagnosisPage", "Where it looked"));
  heatmapLabel_->setText(QCoreApplication::translate("walness::ui::DiagnosisPage", "Heatmap for"));
  opacityLabel_->setText(QCoreApplication::translate("walness::ui::DiagnosisPage", "Opacity"));
  heatmapDisease_->setAccessibleName(
      QCoreApplication::translate("walness::ui::DiagnosisPage", "Disease shown in the heatmap"));
  camMethod_->setAccessibleName(
      QCoreApplication::translate("walness::ui::DiagnosisPage", "Heatmap method"));
  opacity_->setAccessibleName(
      QCoreApplication::translate("walness::ui::DiagnosisPage", "Heatmap opacity"));
}

}  // namespace walness::ui
