#include "walness/inference/ScreeningSession.h"

#include "walness/cam/CamMethod.h"
#include "walness/gate/EyeFinder.h"
#include "walness/inference/Classifier.h"

namespace walness::inference {

ScreeningSession::ScreeningSession(std::unique_ptr<Classifier> classifier)
    : classifier_(std::move(classifier)) {
}

ScreeningSession::~ScreeningSession() = default;

Result<std::unique_ptr<ScreeningSession>> ScreeningSession::open(const std::string& directory) {
  auto classifier = Classifier::load(directory);
  if (!classifier) return Error{classifier.message()};
  return std::unique_ptr<ScreeningSession>(new ScreeningSession(std::move(*classifier)));
}

const bundle::ModelCard& ScreeningSession::card() const {
  return classifier_->card();
}

const std::string& ScreeningSession::directory() const {
  return classifier_->directory();
}

bool ScreeningSession::hasEyeGate() const {
  return classifier_->eyeGate() != nullptr;
}

std::vector<gate::EyeSquare> ScreeningSession::findEyes(const cv::Mat& rgb, Species species,
                                                        size_t maxCount) const {
  if (!classifier_->eyeGate()) return {};
  const gate::EyeFinder finder(classifier_->network(), *classifier_->eyeGate(),
                               classifier_->card().input);
  return finder.find(rgb, species, maxCount);
}

gate::EyePairRule ScreeningSession::eyePairRule() const {
  if (!classifier_->eyeGate()) return {};
  return gate::EyeFinder(classifier_->network(), *classifier_->eyeGate(), classifier_->card().input)
      .pairRule();
}

Result<Diagnosis> ScreeningSession::diagnose(const cv::Mat& rgb,
                                             const std::optional<cv::Rect>& region) const {
  return classifier_->diagnose(rgb, region);
}

Result<ExplainedDiagnosis> ScreeningSession::explain(
    const cv::Mat& rgb, const std::optional<cv::Rect>& region, const std::string& camId,
    const std::vector<std::string>& diseases) const {
  const auto method = cam::createCamMethod(camId);
  if (!method) return Error{"unknown CAM method '" + camId + "'"};
  return classifier_->explain(rgb, region, *method, diseases);
}

}  // namespace walness::inference
