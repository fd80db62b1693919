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
  if (busy_ || rgb.empty()) return false;
  busy_ = true;
  const quint64 request = ++request_;
  cancelFlag_ = std::make_shared<std::atomic<bool>>(false);
  const auto cancelFlag = cancelFlag_;
  const cv::Mat photo = rgb.clone();
  const std::string cam = camMethod.toStdString();
  Q_EMIT started();

  // Everything below runs on the pool's thread; results come back as queued calls.
  pool_.start([this, request, cancelFlag, photo, species, cam, eyeRegion] {
    const auto report = [this, request](auto&& deliver) {
      QMetaObject::invokeMethod(
          this,
          [this, request, deliver] {
            if (request != request_ || !busy_) return;  // cancelled meanwhile
            deliver();
          },
          Qt::QueuedConnection);
    };
    const auto fail = [this, report](QString message) {
      report([this, message] {
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
      report([this] { Q_EMIT progressed(tr("Loading the model...")); });
      auto opened = inference::ScreeningSession::open(model->directory);
      if (!opened) {
        fail(QString::fromStdString(opened.message()));
        return;
      }
      session_ = std::move(*opened);
    }
    if (cancelFlag->load()) return;
    report([this] { Q_EMIT progressed(tr("Looking at the photo...")); });
    auto explained = session_->explain(photo, eyeRegion, cam, {"*"});
    if (cancelFlag->load()) return;
    if (!explained) {
      fail(QString::fromStdString(explained.message()));
      return;
    }
    auto result = std::make_shared<inference::ExplainedDiagnosis>(std::move(*explained));
    auto card = std::make_shared<bundle::ModelCard>(session_->card());
    report([this, result, card] {
      busy_ = false;
      Q_EMIT finished(*result, *card);
    });
  });
  return true;
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
      break;
    }
    QList<QRect> squares;
    for (const auto& eye : eyes)
      squares.append(QRect(eye.square.x, eye.square.y, eye.square.width, eye.square.height));
    QMetaObject::invokeMethod(
        this,
        [this, photoToken, squares, available] {
          Q_EMIT eyesFound(photoToken, squares, available);
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
