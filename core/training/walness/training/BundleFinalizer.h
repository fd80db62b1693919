#pragma once

#include <QJsonObject>

#include <functional>
#include <string>
#include <vector>

#include "walness/Result.h"
#include "walness/imaging/Preprocess.h"
#include "walness/training/Trainer.h"
#include "walness/training/TrainingConfig.h"
#include "walness/training/data/LabeledDataset.h"

namespace walness::nn {
class FeatureClassifier;
}

namespace walness::training {

// Turns the best epoch's weights into a bundle: the positive weighting's logit prior is taken
// off the head's bias, one temperature is fitted on the validation logits, each disease's
// threshold maximises Youden's J on validation, pooled CAM-layer feature statistics come from up
// to 3,000 training photos (the out-of-distribution threshold is the 99.5th percentile of the
// validation scores), and the bundle is written with a complete card.
class BundleFinalizer {
 public:
  BundleFinalizer(nn::FeatureClassifier& network, const LabeledDataset& train,
                  const LabeledDataset& validation, imaging::InputSpec spec,
                  const TrainingConfig& config, int loaderWorkers, std::vector<float> weights);
  void setProgressHandler(std::function<void(const TrainingProgress&)> handler) {
    progress_ = std::move(handler);
  }
  // Keys added to the card's provenance (replacing any of the same name), e.g. an ensemble's
  // members.
  void setExtraProvenance(QJsonObject extra) { extraProvenance_ = std::move(extra); }
  // Fills outcome.card and outcome.validation.
  Status write(const std::string& bestWeightsPath, TrainingOutcome& outcome,
               const std::string& bundleDirectory, const BundleIdentity& identity);

 private:
  nn::FeatureClassifier& network_;
  const LabeledDataset& train_;
  const LabeledDataset& validation_;
  imaging::InputSpec spec_;
  const TrainingConfig& config_;
  int loaderWorkers_;
  std::vector<float> weights_;  // each disease's positive weight in the loss
  std::function<void(const TrainingProgress&)> progress_;
  QJsonObject extraProvenance_;

  // The validation split's predictions with the temperature and thresholds fitted on them.
  struct Calibration {
    Predictions validation;
    double temperature = 1;
    std::vector<double> thresholds;
    double eceBefore = 0;  // of the uncalibrated probabilities, at the same thresholds
  };
  Status loadBestWeights(const std::string& bestWeightsPath);
  // Also fills outcome.validation.
  Result<Calibration> calibrate(TrainingOutcome& outcome, const PredictionProgress& progress);
  Result<bundle::OodStatistics> oodStatistics(const Predictions& validation,
                                              const PredictionProgress& progress);
  QJsonObject metricsJson(const TrainingOutcome& outcome, double eceBefore) const;
  QJsonObject provenanceJson(const TrainingOutcome& outcome) const;
};

}  // namespace walness::training
