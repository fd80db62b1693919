#include "ui/diagnosis/DiagnosisController.h"

#include "walness/bundle/ModelChoice.h"

#include <QCoreApplication>
#include <QMetaObject>

#include "walness/inference/ScreeningSession.h"

namespace walness::ui {

DiagnosisController::DiagnosisController(QObject* parent) : QObject(parent) {
  pool_.setMaxThreadCount(1);  // the session is used by one thread at a time
}

DiagnosisController::~DiagnosisController() {
  if (cancelFlag_) cancelFlag_->store(true);
  pool_.waitForDone();
}

std::optional<bundle::BundleListing> DiagnosisController::installedModel(Species species) {
  return bundle::ModelChoice::active(species);
}

bool DiagnosisController::analyze(const cv::Mat& rgb, Species species, const QString& camMethod,
                                  const std::optional<cv::Rect>& eyeRegion) {
  return analyzeEyes(rgb, species, camMethod, {EyeToScreen{eyeRegion, gate::PhotoSide::Only}});
}

bool DiagnosisController::analyzeEyes(const cv::Mat& rgb, Species species, const QString& camMethod,
                                      const std::vector<EyeToScreen>& eyes) {
  if (busy_ || rgb.empty() || eyes.empty()) return false;
  busy_ = true;
  const quint64 request = ++request_;
  cancelFlag_ = std::make_shared<std::atomic<bool>>(false);
  const auto cancelFlag = cancelFlag_;
  const cv::Mat photo = rgb.clone();
  const std::string cam = camMethod.toStdString();
  Q_EMIT started();
  pool_.start([this, request, cancelFlag, photo, species, cam, eyes] {
    screenOnWorker(request, cancelFlag, photo, species, cam, eyes);
  });
  return true;
}

void DiagnosisController::report(quint64 request, std::function<void()> deliver) {
  QMetaObject::invokeMethod(
      this,
      [this, request, deliver = std::move(deliver)] {
        if (request != request_ || !busy_) return;  // cancelled meanwhile
        deliver();
      },
      Qt::QueuedConnection);
}

void DiagnosisController::screenOnWorker(quint64 request,
                                         std::shared_ptr<std::atomic<bool>> cancelFlag,
                                         const cv::Mat& photo, Species species,
                                         const std::string& cam,
                                         const std::vector<EyeToScreen>& eyes) {
  // Runs on the pool's thread; results come back as queued calls.
  const auto fail = [this, request](QString message) {
    report(request, [this, message] {
      busy_ = false;
      Q_EMIT failed(message);
    });
  };
  const auto model = installedModel(species);
  if (!model) {
    fail(tr("No model for %1 eyes is installed.")
             .arg(species == Species::Dog ? tr("dog") : tr("cat")));
    return;
  }
  if (!session_ || session_->directory() != model->directory) {
    report(request, [this] { Q_EMIT progressed(tr("Loading the model...")); });
    auto opened = inference::ScreeningSession::open(model->directory);
    if (!opened) {
      fail(QString::fromStdString(opened.message()));
      return;
    }
    session_ = std::move(*opened);
  }
  auto screened = std::make_shared<std::vector<ScreenedEye>>();
  for (const EyeToScreen& eye : eyes) {
    if (cancelFlag->load()) return;
    const QString step =
        eye.side == gate::PhotoSide::Left    ? tr("Looking at the eye on the left of the photo...")
        : eye.side == gate::PhotoSide::Right ? tr("Looking at the eye on the right of the photo...")
                                             : tr("Looking at the photo...");
    report(request, [this, step] { Q_EMIT progressed(step); });
    auto explained = session_->explain(photo, eye.square, cam, {"*"});
    if (!explained) {
      fail(QString::fromStdString(explained.message()));
      return;
    }
    screened->push_back({std::move(*explained), eye.side});
  }
  if (cancelFlag->load()) return;
  auto card = std::make_shared<bundle::ModelCard>(session_->card());
  report(request, [this, screened, card] {
    busy_ = false;
    if (screened->size() == 1)
      Q_EMIT finished(screened->front().result, *card);
    else
      Q_EMIT finishedEyes(*screened, *card);
  });
}

void DiagnosisController::findEyes(const cv::Mat& rgb, Species species, quint64 photoToken) {
  if (rgb.empty()) return;
  const cv::Mat photo = rgb.clone();
  pool_.start([this, photo, species, photoToken] {
    // The model for the species, else any installed model with an eye gate (today's dog model
    // also knows cats' eyes).
    std::vector<std::string> candidates;
    if (const auto model = installedModel(species)) candidates.push_back(model->directory);
    for (const auto& listing : bundle::listBundles(bundle::modelSearchDirectories()))
      candidates.push_back(listing.directory);
    std::vector<gate::EyeSquare> eyes;
    std::vector<gate::PlacedEye> pair;
    bool available = false;
    for (const std::string& directory : candidates) {
      if (!session_ || session_->directory() != directory) {
        auto opened = inference::ScreeningSession::open(directory);
        if (!opened) continue;
        session_ = std::move(*opened);
      }
      if (!session_->hasEyeGate()) continue;
      available = true;
      eyes = session_->findEyes(photo, species, 4);
      pair = gate::eyesToScreen(eyes, session_->eyePairRule());
      break;
    }
    const auto toQRect = [](const cv::Rect& r) { return QRect(r.x, r.y, r.width, r.height); };
    QList<QRect> squares, pairSquares;
    for (const auto& eye : eyes) squares.append(toQRect(eye.square));
    if (pair.size() == 2)
      for (const auto& eye : pair) pairSquares.append(toQRect(eye.eye.square));
    QMetaObject::invokeMethod(
        this,
        [this, photoToken, squares, available, pairSquares] {
          Q_EMIT eyesFound(photoToken, squares, available, pairSquares);
        },
        Qt::QueuedConnection);
  });
}

void DiagnosisController::cancel() {
  if (!busy_) return;
  if (cancelFlag_) cancelFlag_->store(true);
  busy_ = false;
  ++request_;
  Q_EMIT cancelled();
}

}  // namespace walness::ui
