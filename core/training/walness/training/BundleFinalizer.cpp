#include "walness/training/BundleFinalizer.h"

#include <torch/torch.h>

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>

#include <walness/Version.h>

#include <random>

#include "walness/bundle/ModelBundle.h"
#include "walness/metrics/Metrics.h"
#include "walness/nn/FeatureClassifier.h"
#include "walness/nn/Safetensors.h"
#include "walness/nn/StateDict.h"

namespace walness::training {

namespace {

QJsonObject countsJson(const LabeledDataset& dataset, const std::vector<int64_t>& counts) {
  QJsonObject json;
  for (size_t d = 0; d < dataset.diseases.size(); ++d)
    json[QString::fromStdString(dataset.diseases[d])] = qint64(counts[d]);
  return json;
}

QJsonArray toJsonArray(const std::vector<std::string>& sentences) {
  QJsonArray array;
  for (const std::string& sentence : sentences) array.append(QString::fromStdString(sentence));
  return array;
}

// How the network started: the warm start's own words, else random or ImageNet's file.
std::string initialisationText(const TrainingOutcome& outcome, const TrainingConfig& config) {
  if (!outcome.initialisation.empty()) return outcome.initialisation;
  if (config.pretrainedWeights.empty()) return "random";
  return "ImageNet weights from " +
         QFileInfo(QString::fromStdString(config.pretrainedWeights)).fileName().toStdString();
}

}  // namespace

BundleFinalizer::BundleFinalizer(nn::FeatureClassifier& network, const LabeledDataset& train,
                                 const LabeledDataset& validation, imaging::InputSpec spec,
                                 const TrainingConfig& config, int loaderWorkers,
                                 std::vector<float> weights)
    : network_(network),
      train_(train),
      validation_(validation),
      spec_(spec),
      config_(config),
      loaderWorkers_(loaderWorkers),
      weights_(std::move(weights)) {
}

Status BundleFinalizer::write(const std::string& bestWeightsPath, TrainingOutcome& outcome,
                              const std::string& bundleDirectory, const BundleIdentity& identity) {
  // Finalise the best epoch: temperature, thresholds, out-of-distribution statistics, bundle.
  if (auto loaded = loadBestWeights(bestWeightsPath); !loaded) return loaded;
  const PredictionProgress finalizeProgress = [&](size_t done, size_t total) {
    if (progress_)
      progress_({TrainingPhase::Finalize, outcome.bestEpoch, config_.epochs, done, total, 0, 0, 0});
    return true;
  };
  auto calibration = calibrate(outcome, finalizeProgress);
  if (!calibration) return Error{calibration.message()};
  auto ood = oodStatistics(calibration->validation, finalizeProgress);
  if (!ood) return Error{ood.message()};

  bundle::ModelCard card;
  card.id = identity.id;
  card.version = identity.version;
  card.species = train_.species;
  card.architecture = config_.architecture;
  card.input = spec_;
  for (size_t d = 0; d < train_.diseases.size(); ++d)
    card.labels.push_back({train_.diseases[d], calibration->thresholds[d]});
  card.camLayer = network_.camLayer();
  card.temperature = calibration->temperature;
  card.ood = ood.value();
  card.metrics = metricsJson(outcome, calibration->eceBefore);
  card.provenance = provenanceJson(outcome);
  card.created = QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString();
  card.trainerVersion = WALNESS_VERSION;
  network_.eval();
  auto written = bundle::writeModelBundle(bundleDirectory, card, network_);
  if (!written) return Error{written.message()};
  outcome.card = *written;
  return Ok{};
}

Status BundleFinalizer::loadBestWeights(const std::string& bestWeightsPath) {
  auto best = nn::readSafetensors(bestWeightsPath);
  if (!best) return Error{best.message()};
  if (auto loaded = nn::loadStateDict(network_, best->tensors, bestWeightsPath); !loaded)
    return Error{loaded.message()};
  network_.freezeFeatureBlocks(0);
  // Positive weighting trains logits that are too high by log(weight) on average: take that off,
  // so probabilities reflect the data again before the temperature is fitted.
  network_.shiftLogits(-torch::log(torch::tensor(weights_)));
  return Ok{};
}

Result<BundleFinalizer::Calibration> BundleFinalizer::calibrate(
    TrainingOutcome& outcome, const PredictionProgress& progress) {
  auto validationPredictions =
      predict(network_, validation_, spec_, config_.batchSize, loaderWorkers_, progress);
  if (!validationPredictions) return Error{validationPredictions.message()};
  Calibration calibration;
  calibration.validation = validationPredictions.value();
  std::vector<double> allLogits;
  std::vector<int> allTruth;
  for (size_t d = 0; d < validation_.diseases.size(); ++d) {
    std::vector<double> values;
    std::vector<int> truth;
    knownCells(validation_, calibration.validation.logits, d, values, truth);
    allLogits.insert(allLogits.end(), values.begin(), values.end());
    allTruth.insert(allTruth.end(), truth.begin(), truth.end());
  }
  calibration.temperature = metrics::fitTemperature(allLogits, allTruth);
  const torch::Tensor uncalibrated = torch::sigmoid(calibration.validation.logits);
  const torch::Tensor probabilities =
      torch::sigmoid(calibration.validation.logits / calibration.temperature);
  for (size_t d = 0; d < validation_.diseases.size(); ++d) {
    std::vector<double> values;
    std::vector<int> truth;
    knownCells(validation_, probabilities, d, values, truth);
    const auto choice = metrics::youdenThreshold(values, truth);
    calibration.thresholds.push_back(choice ? choice->threshold : 0.5);
  }
  outcome.validation = evaluateProbabilities(validation_, probabilities, calibration.thresholds);
  calibration.eceBefore =
      evaluateProbabilities(validation_, uncalibrated, calibration.thresholds).ece;
  return calibration;
}

// Feature statistics on (up to 3,000) training photos as they are, no augmentation; the threshold
// from the validation photos' scores.
Result<bundle::OodStatistics> BundleFinalizer::oodStatistics(const Predictions& validation,
                                                             const PredictionProgress& progress) {
  LabeledDataset statisticsSet = train_;
  std::mt19937_64 pick(config_.seed);
  std::shuffle(statisticsSet.images.begin(), statisticsSet.images.end(), pick);
  if (statisticsSet.images.size() > 3000) statisticsSet.images.resize(3000);
  auto trainPredictions =
      predict(network_, statisticsSet, spec_, config_.batchSize, loaderWorkers_, progress);
  if (!trainPredictions) return Error{trainPredictions.message()};
  const torch::Tensor featureMean = trainPredictions->pooledFeatures.mean(0);
  const torch::Tensor featureStd = trainPredictions->pooledFeatures.std(0).clamp_min(1e-3);
  const torch::Tensor validationScores =
      ((validation.pooledFeatures - featureMean) / featureStd).pow(2).mean(1);
  const double oodThreshold =
      torch::quantile(validationScores.to(torch::kDouble), 0.995).item<double>();

  bundle::OodStatistics ood;
  const torch::Tensor meanCpu = featureMean.contiguous(), stdCpu = featureStd.contiguous();
  ood.featureMean.assign(meanCpu.data_ptr<float>(), meanCpu.data_ptr<float>() + meanCpu.numel());
  ood.featureStd.assign(stdCpu.data_ptr<float>(), stdCpu.data_ptr<float>() + stdCpu.numel());
  ood.threshold = oodThreshold;
  ood.description = "99.5th percentile of the validation photos' scores; feature statistics from " +
                    std::to_string(statisticsSet.images.size()) + " training photos";
  return ood;
}

QJsonObject BundleFinalizer::metricsJson(const TrainingOutcome& outcome, double eceBefore) const {
  QJsonObject metrics = outcome.validation.toJson();
  metrics[QStringLiteral("dataset")] = QString::fromStdString(validation_.source);
  metrics[QStringLiteral("split")] = QStringLiteral("val");
  metrics[QStringLiteral("n")] = qint64(validation_.images.size());
  metrics[QStringLiteral("ece_before_temperature")] = eceBefore;
  QJsonObject priorCorrection;
  for (size_t d = 0; d < weights_.size(); ++d)
    priorCorrection[QString::fromStdString(train_.diseases[d])] = -std::log(double(weights_[d]));
  metrics[QStringLiteral("logit_prior_correction")] = priorCorrection;
  metrics[QStringLiteral("best_epoch")] = outcome.bestEpoch;
  metrics[QStringLiteral("stop_reason")] = QString::fromStdString(outcome.stopReason);
  metrics[QStringLiteral("note")] = QStringLiteral(
      "Temperature and thresholds were fitted on this same validation split (thresholds maximise "
      "Youden's J), and the best epoch was selected on it: sensitivity and specificity here are "
      "optimistic. AUC does not depend on the thresholds.");
  QJsonArray history;
  for (const EpochRecord& past : outcome.history) history.append(past.toJson());
  metrics[QStringLiteral("history")] = history;
  return metrics;
}

QJsonObject BundleFinalizer::provenanceJson(const TrainingOutcome& outcome) const {
  std::vector<std::string> limits = {
      "Trained only on " + std::string(speciesId(train_.species)) + " eye photos.",
      "There is no healthy-eye class: every training crop shows at least one disease. A low "
      "probability for every disease does not mean the eye is healthy.",
      "Checks only the diseases listed in labels; other eye problems are not detected.",
      "Photos are close-up eye crops; whole-face photos, other body parts and other animals are "
      "out of distribution (the out-of-distribution score withholds findings for many of them).",
      "A screening aid, not a veterinary diagnosis.",
  };
  const std::vector<int64_t> positives = train_.positives();
  const std::vector<int64_t> known = train_.knownCounts();
  const std::vector<int64_t> validationPositives = validation_.positives();
  QJsonObject provenance{
      {QStringLiteral("data"), QString::fromStdString(train_.source)},
      {QStringLiteral("train_images"), qint64(train_.images.size())},
      {QStringLiteral("val_images"), qint64(validation_.images.size())},
      {QStringLiteral("train_positives"), countsJson(train_, positives)},
      {QStringLiteral("train_known"), countsJson(train_, known)},
      {QStringLiteral("val_positives"), countsJson(validation_, validationPositives)},
      {QStringLiteral("label_semantics"),
       QStringLiteral("Multi-label: each disease is present (1), absent (0) or unknown; unknown "
                      "cells are left out of the loss and the metrics. No healthy class.")},
      {QStringLiteral("known_limits"), toJsonArray(limits)},
      {QStringLiteral("initialisation"),
       QString::fromStdString(initialisationText(outcome, config_))},
      {QStringLiteral("training"), config_.toJson()},
  };
  for (auto extra = extraProvenance_.begin(); extra != extraProvenance_.end(); ++extra)
    provenance[extra.key()] = extra.value();
  return provenance;
}

}  // namespace walness::training
