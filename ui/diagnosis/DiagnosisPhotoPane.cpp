#include "ui/diagnosis/DiagnosisPhotoPane.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QMenu>
#include <QMimeData>
#include <QSettings>
#include <QUrl>
#include <QVBoxLayout>

#include "ui/common/MatImage.h"
#include "ui/common/SafeText.h"
#include "ui/diagnosis/DiagnosisController.h"
#include "ui/diagnosis/EyeFinderBar.h"
#include "ui/diagnosis/PhotoView.h"
#include "walness/imaging/ImageDecoder.h"

// The texts here keep the translation context of the page they were written for
// (walness::ui::DiagnosisPage), where their translations are.

namespace walness::ui {

namespace {

constexpr int kMaximumRecent = 8;
const char* kRecentKey = "diagnosis/recentPhotos";

}  // namespace

DiagnosisPhotoPane::DiagnosisPhotoPane(DiagnosisController* controller, QWidget* parent)
    : QWidget(parent),
      controller_(controller),
      photoView_(new PhotoView(this)),
      eyeFinderBar_(new EyeFinderBar(this)),
      recentMenu_(new QMenu(this)) {
  photoView_->setObjectName(QStringLiteral("photoView"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(photoView_, 1);
  layout->addWidget(eyeFinderBar_);

  connect(controller_, &DiagnosisController::eyesFound, this, &DiagnosisPhotoPane::showFoundEyes);
  connect(eyeFinderBar_, &EyeFinderBar::squareChosen, this, &DiagnosisPhotoPane::placeSquare);
  connect(photoView_, &PhotoView::regionChanged, this, [this] {
    if (!placingSquare_) userMovedSquare_ = true;
    showPairState();
    Q_EMIT squareChanged();
  });
  updateRecentMenu();
  retranslate();
}

cv::Rect DiagnosisPhotoPane::eyeSquare() const {
  const QRect square = photoView_->region();
  return cv::Rect(square.x(), square.y(), square.width(), square.height());
}

namespace {

double overlapOf(const QRect& a, const QRect& b) {
  const QRect overlap = a.intersected(b);
  const double shared = double(overlap.width()) * overlap.height();
  const double both = double(a.width()) * a.height() + double(b.width()) * b.height() - shared;
  return both > 0 ? shared / both : 0;
}

// The view keeps the square inside the photo and square: a found square at the photo's edge is
// shown a little differently, and is still that eye; so is a square nudged on the eye.
constexpr double kSameEyeOverlap = 0.7;

}  // namespace

QList<QRect> DiagnosisPhotoPane::eyePair() const {
  if (pair_.size() != 2) return {};
  const QRect shown = photoView_->region();
  for (const QRect& eye : pair_)
    if (overlapOf(eye, shown) >= kSameEyeOverlap) return pair_;
  return {};
}

std::vector<EyeToScreen> DiagnosisPhotoPane::eyesToScreen() const {
  const QList<QRect> pair = eyePair();
  if (pair.isEmpty()) return {EyeToScreen{eyeSquare(), gate::PhotoSide::Only}};
  const QRect shown = photoView_->region();
  const int underSquare = overlapOf(pair[0], shown) >= overlapOf(pair[1], shown) ? 0 : 1;
  std::vector<EyeToScreen> eyes;
  for (int k = 0; k < 2; ++k) {
    const QRect square = k == underSquare ? shown : pair[k];
    eyes.push_back({cv::Rect(square.x(), square.y(), square.width(), square.height()),
                    k == 0 ? gate::PhotoSide::Left : gate::PhotoSide::Right});
  }
  return eyes;
}

void DiagnosisPhotoPane::showPairState() {
  const bool paired = !eyePair().isEmpty();
  photoView_->setOtherSquares(paired ? pair_ : QList<QRect>());
  eyeFinderBar_->setBothEyes(paired);
}

void DiagnosisPhotoPane::showEyeSquare(const QRect& square) {
  placeSquare(square);
}

bool DiagnosisPhotoPane::openPhoto(const QString& path) {
  // The same decoder the model uses: HEIC, EXIF rotation, size limits, clear errors.
  auto decoded = imaging::decodeImageFile(path.toStdString());
  if (!decoded) {
    Q_EMIT openFailed(QString::fromStdString(decoded.message()));
    return false;
  }
  setPhoto(decoded->rgb, path, QFileInfo(path).fileName());
  rememberRecent(path);
  return true;
}

bool DiagnosisPhotoPane::openImage(const QImage& image, const QString& name) {
  if (image.isNull() || image.width() < 8 || image.height() < 8) {
    Q_EMIT openFailed(QCoreApplication::translate("walness::ui::DiagnosisPage",
                                                  "%1 is not a photo Walness can use.")
                          .arg(name));
    return false;
  }
  setPhoto(toRgbMat(image), QString(), name);
  return true;
}

bool DiagnosisPhotoPane::openFromMime(const QMimeData* data, const QString& imageName) {
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

void DiagnosisPhotoPane::setPhoto(const cv::Mat& rgb, const QString& path, const QString& name) {
  Q_EMIT photoAboutToChange();
  rgb_ = rgb;
  pair_.clear();
  image_ = toQImage(rgb_);
  path_ = path;
  name_ = name;
  placingSquare_ = true;
  photoView_->setImage(image_);  // the centre square until the eye finder answers
  placingSquare_ = false;
  userMovedSquare_ = false;
  lookForEyes();
  Q_EMIT photoChanged();
}

void DiagnosisPhotoPane::setSpecies(Species species) {
  species_ = species;
  // The other species' eyes look different: look again unless the user placed the square.
  if (!rgb_.empty() && !userMovedSquare_) lookForEyes();
}

void DiagnosisPhotoPane::lookForEyes() {
  pair_.clear();
  showPairState();
  eyeFinderBar_->setSearching();
  controller_->findEyes(rgb_, species_, ++photoToken_);
}

void DiagnosisPhotoPane::showFoundEyes(quint64 token, const QList<QRect>& squares, bool available,
                                       const QList<QRect>& pair) {
  if (token != photoToken_) return;  // an answer for a photo no longer shown
  if (userMovedSquare_) {
    eyeFinderBar_->clear();  // the user placed the square already: leave it
    return;
  }
  pair_ = pair;
  eyeFinderBar_->setSquares(squares, available, species_);  // places the best square
  showPairState();
}

void DiagnosisPhotoPane::placeSquare(const QRect& square) {
  placingSquare_ = true;
  photoView_->setRegion(square);
  placingSquare_ = false;
}

QStringList DiagnosisPhotoPane::recentPhotos() const {
  return QSettings().value(QLatin1String(kRecentKey)).toStringList();
}

void DiagnosisPhotoPane::rememberRecent(const QString& path) {
  QStringList recent = recentPhotos();
  const QString absolute = QFileInfo(path).absoluteFilePath();
  recent.removeAll(absolute);
  recent.prepend(absolute);
  while (recent.size() > kMaximumRecent) recent.removeLast();
  QSettings().setValue(QLatin1String(kRecentKey), recent);
  updateRecentMenu();
}

void DiagnosisPhotoPane::updateRecentMenu() {
  recentMenu_->clear();
  for (const QString& path : recentPhotos()) {
    QAction* action = recentMenu_->addAction(QFileInfo(path).fileName());
    action->setToolTip(plainToolTip(path));
    action->setEnabled(QFileInfo::exists(path));
    connect(action, &QAction::triggered, this, [this, path] { openPhoto(path); });
  }
  if (!recentMenu_->isEmpty()) {
    recentMenu_->addSeparator();
    const QString clear =
        QCoreApplication::translate("walness::ui::DiagnosisPage", "Clear the list");
    connect(recentMenu_->addAction(clear), &QAction::triggered, this, [this] {
      QSettings().remove(QLatin1String(kRecentKey));
      updateRecentMenu();
    });
  }
  Q_EMIT recentPhotosChanged();
}

void DiagnosisPhotoPane::retranslate() {
  photoView_->setAccessibleName(
      QCoreApplication::translate("walness::ui::DiagnosisPage", "Photo with the eye square"));
  photoView_->setToolTip(QCoreApplication::translate(
      "walness::ui::DiagnosisPage",
      "Drag the square onto the eye; drag a corner to resize it. Wheel to "
      "zoom, drag outside the square to pan, double-click to fit."));
  photoView_->setPlaceholderText(QCoreApplication::translate(
      "walness::ui::DiagnosisPage",
      "No photo yet.\nOpen a close-up photo of your pet's eye, drop one here or paste it."));
}

}  // namespace walness::ui
