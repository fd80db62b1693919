#include "training/Trainer.h"

#include <torch/torch.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <walness/Version.h>

#include <chrono>
#include <cmath>
#include <numeric>
#include <random>

#include "bundle/ModelBundle.h"
#include "io/AtomicFile.h"
#include "nn/Architectures.h"
#include "nn/Safetensors.h"
#include "nn/StateDict.h"
#include "training/BatchLoader.h"
#include "training/Metrics.h"

namespace walness::training {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string epochFile(const std::string& directory, int epoch, const char* suffix) {
  char name[64];
  std::snprintf(name, sizeof name, "epoch-%04d%s", epoch, suffix);
  return directory + "/" + name;
}

Status writeJsonAtomically(const std::string& path, const QJsonObject& json) {
  return io::writeFileAtomically(QString::fromStdString(path), QJsonDocument(json).toJson());
}

QJsonObject epochJson(const EpochRecord& record) {
  QJsonObject json{{QStringLiteral("epoch"), record.epoch},
                   {QStringLiteral("frozen_blocks"), record.frozenBlocks},
                   {QStringLiteral("train_loss"), record.trainLoss},
                   {QStringLiteral("val_loss"), record.validationLoss},
                   {QStringLiteral("learning_rate"), record.learningRate},
                   {QStringLiteral("seconds"), record.seconds}};
  if (record.validationMacroAuc) json[QStringLiteral("val_macro_auc")] = *record.validationMacroAuc;
  return json;
}

EpochRecord epochFromJson(const QJsonObject& json) {
  EpochRecord record;
  record.epoch = json.value(QStringLiteral("epoch")).toInt();
  record.frozenBlocks = json.value(QStringLiteral("frozen_blocks")).toInt();
  record.trainLoss = json.value(QStringLiteral("train_loss")).toDouble();
  record.validationLoss = json.value(QStringLiteral("val_loss")).toDouble();
  record.learningRate = json.value(QStringLiteral("learning_rate")).toDouble();
  record.seconds = json.value(QStringLiteral("seconds")).toDouble();
  if (json.contains(QStringLiteral("val_macro_auc")))
    record.validationMacroAuc = json.value(QStringLiteral("val_macro_auc")).toDouble();
  return record;
}

// A random (seeded) subset: the files are often ordered by disease, so the first N would be one
// disease only.
LabeledDataset limited(LabeledDataset dataset, int64_t limit, uint64_t seed) {
  if (limit <= 0 || int64_t(dataset.images.size()) <= limit) return dataset;
  std::mt19937_64 random(seed);
  std::shuffle(dataset.images.begin(), dataset.images.end(), random);
  dataset.images.resize(size_t(limit));
  return dataset;
}

// Masked binary cross-entropy: unknown cells contribute nothing, known ones equally.
torch::Tensor maskedLoss(const torch::Tensor& logits, const Batch& batch,
                         const torch::Tensor& positiveWeight) {
  const torch::Tensor sum = torch::binary_cross_entropy_with_logits(
      logits, batch.targets, batch.known, positiveWeight, at::Reduction::Sum);
  return sum / batch.known.sum().clamp_min(1);
}

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

}  // namespace

struct Trainer::Impl {
  TrainingConfig config;
  RunSettings settings;
  LabeledDataset train;
  LabeledDataset validation;
  std::function<void(const TrainingProgress&)> progress;
  imaging::InputSpec spec;

  void report(const TrainingProgress& update) const {
    if (progress) progress(update);
  }
};

Trainer::Trainer(TrainingConfig config, RunSettings settings, LabeledDataset train,
                 LabeledDataset validation)
    : impl_(std::make_unique<Impl>()) {
  impl_->config = std::move(config);
  impl_->settings = settings;
  impl_->train = limited(std::move(train), settings.limitTrain, impl_->config.seed);
  impl_->validation = limited(std::move(validation), settings.limitVal, impl_->config.seed + 1);
  impl_->spec.size = impl_->config.inputSize;
  impl_->spec.resize = imaging::ResizePolicy::Letterbox;
}

Trainer::~Trainer() = default;

void Trainer::setProgressHandler(std::function<void(const TrainingProgress&)> handler) {
  impl_->progress = std::move(handler);
}

Result<TrainingOutcome> Trainer::run(const std::string& checkpointDirectory, bool resume,
                                     const std::string& bundleDirectory,
                                     const BundleIdentity& identity) {
  const Clock::time_point started = Clock::now();
  Impl& s = *impl_;
  const TrainingConfig& config = s.config;
  if (s.train.images.empty()) return Error{"no training images"};
  if (s.validation.images.empty()) return Error{"no validation images"};
  if (s.train.diseases != s.validation.diseases)
    return Error{"the training and validation data label different diseases"};
  torch::set_num_threads(std::max(1, s.settings.threads));
  torch::manual_seed(config.seed);

  auto created = nn::createArchitecture(config.architecture, int64_t(s.train.diseases.size()));
  if (!created) return Error{created.message()};
  std::shared_ptr<nn::FeatureClassifier> network = *created;
  if (!config.pretrainedWeights.empty()) {
    auto pretrained = nn::readSafetensors(config.pretrainedWeights);
    if (!pretrained) return Error{pretrained.message()};
    // The backbone from the file, the new head as initialised.
    std::map<std::string, at::Tensor> tensors = nn::stateDict(*network);
    for (auto& [name, tensor] : tensors) {
      if (name.rfind("classifier.", 0) == 0) continue;
      const auto found = pretrained->tensors.find(name);
      const bool counter =
          name.size() > 20 && name.rfind("num_batches_tracked") == name.size() - 19;
      if (found == pretrained->tensors.end() && counter) continue;
      if (found == pretrained->tensors.end())
        return Error{config.pretrainedWeights + ": no tensor '" + name + "' for " +
                     config.architecture};
      tensor = found->second;
    }
    if (auto loaded = nn::loadStateDict(*network, tensors, config.pretrainedWeights); !loaded)
      return Error{loaded.message()};
  }

  // Rare diseases weigh more, so each disease's positives and negatives count about equally.
  const std::vector<int64_t> positives = s.train.positives();
  const std::vector<int64_t> known = s.train.knownCounts();
  std::vector<float> weights;
  for (size_t d = 0; d < positives.size(); ++d) {
    const double ratio =
        positives[d] > 0 ? double(known[d] - positives[d]) / double(positives[d]) : 1;
    weights.push_back(
        float(std::clamp(ratio, 1.0 / config.maxPositiveWeight, config.maxPositiveWeight)));
  }
  const torch::Tensor positiveWeight = torch::tensor(weights);

  std::vector<AdaptiveOptimizer::Parameter> parameters;
  for (const auto& item : network->named_parameters()) {
    const bool head = item.key().rfind("classifier.", 0) == 0;
    parameters.push_back({item.key(), item.value(), head ? 1.0 : config.backboneLearningRateScale});
  }
  AdaptiveOptimizer optimizer(parameters, config.optimizer);

  // Resume or start.
  QDir().mkpath(QString::fromStdString(checkpointDirectory));
  const std::string statePath = checkpointDirectory + "/state.json";
  const std::string bestPath = checkpointDirectory + "/best.safetensors";
  TrainingOutcome outcome;
  int completedEpochs = 0;
  if (QFile::exists(QString::fromStdString(statePath))) {
    if (!resume)
      return Error{checkpointDirectory +
                   " already holds a training run: pass --resume to "
                   "continue it or choose another checkpoint folder"};
    QFile file(QString::fromStdString(statePath));
    if (!file.open(QIODevice::ReadOnly)) return Error{statePath + ": cannot read"};
    const QJsonObject state = QJsonDocument::fromJson(file.readAll()).object();
    if (state.value(QStringLiteral("config")).toObject() != config.toJson())
      return Error{statePath +
                   ": the run was started with other settings; resume with the "
                   "same settings (saved in this file) or start a new run"};
    completedEpochs = state.value(QStringLiteral("completed_epochs")).toInt();
    outcome.bestEpoch = state.value(QStringLiteral("best_epoch")).toInt();
    if (state.contains(QStringLiteral("best_macro_auc")))
      outcome.bestMacroAuc = state.value(QStringLiteral("best_macro_auc")).toDouble();
    for (const QJsonValue& epoch : state.value(QStringLiteral("history")).toArray())
      outcome.history.push_back(epochFromJson(epoch.toObject()));
    auto weightsFile =
        nn::readSafetensors(epochFile(checkpointDirectory, completedEpochs, ".safetensors"));
    if (!weightsFile) return Error{weightsFile.message()};
    if (auto loaded = nn::loadStateDict(*network, weightsFile->tensors, "checkpoint"); !loaded)
      return Error{loaded.message()};
    if (auto loaded = optimizer.load(
            epochFile(checkpointDirectory, completedEpochs, ".optimizer.safetensors"));
        !loaded)
      return Error{loaded.message()};
  }

  const size_t trainCount = s.train.images.size();
  const size_t batchesPerEpoch =
      (trainCount + size_t(config.batchSize) - 1) / size_t(config.batchSize);
  const double totalSteps = double(batchesPerEpoch) * config.epochs;
  const double warmupSteps = std::max(1.0, config.warmupEpochs * double(batchesPerEpoch));
  const auto learningRateAt = [&](double step) {
    const double base = config.optimizer.learningRate;
    if (step < warmupSteps) return base * (step + 1) / warmupSteps;
    const double progress =
        std::min(1.0, (step - warmupSteps) / std::max(1.0, totalSteps - warmupSteps));
    return base * (0.01 + 0.99 * 0.5 * (1 + std::cos(M_PI * progress)));
  };

  double lastEpochSeconds = 0;
  if (s.settings.finalizeOnly) outcome.stopReason = "finalised from the checkpoint";
  for (int epoch = completedEpochs + 1; epoch <= config.epochs && !s.settings.finalizeOnly;
       ++epoch) {
    if (stopRequested_) {
      outcome.stopReason = "stopped on request";
      break;
    }
    if (s.settings.timeBudgetMinutes > 0 && lastEpochSeconds > 0 &&
        secondsSince(started) + lastEpochSeconds > s.settings.timeBudgetMinutes * 60) {
      outcome.stopReason = "time budget reached";
      break;
    }
    const Clock::time_point epochStart = Clock::now();
    EpochRecord record;
    record.epoch = epoch;
    record.frozenBlocks = (config.unfreezeEpoch > 0 && epoch >= config.unfreezeEpoch)
                              ? config.unfreezeTo
                              : config.freezeBlocks;
    network->freezeFeatureBlocks(record.frozenBlocks);
    network->keepNormStatistics(config.keepNormStatistics);
    network->train();
    torch::manual_seed(config.seed + uint64_t(epoch));  // dropout

    std::vector<size_t> order(trainCount);
    std::iota(order.begin(), order.end(), 0);
    std::mt19937_64 shuffle(config.seed * 31 + uint64_t(epoch));
    std::shuffle(order.begin(), order.end(), shuffle);
    BatchLoader loader(s.train, order, config.batchSize, s.spec,
                       config.augmentEnabled ? std::optional(config.augment) : std::nullopt,
                       config.seed * 1000 + uint64_t(epoch), s.settings.loaderWorkers);
    double lossSum = 0;
    size_t seen = 0, batchIndex = 0;
    bool interrupted = false;
    while (auto batch = loader.next()) {
      if (!*batch) return Error{batch->message()};
      const double step = double(epoch - 1) * double(batchesPerEpoch) + double(batchIndex++);
      optimizer.setLearningRate(learningRateAt(step));
      optimizer.zeroGrad();
      const torch::Tensor loss =
          maskedLoss(network->forward((*batch)->inputs), **batch, positiveWeight);
      const double lossValue = loss.item<double>();
      if (!std::isfinite(lossValue))
        return Error{"the training loss became " + std::to_string(lossValue) + " in epoch " +
                     std::to_string(epoch) + "; lower the learning rate"};
      loss.backward();
      optimizer.step();
      const size_t count = (*batch)->indices.size();
      lossSum += lossValue * double(count);
      seen += count;
      const double rate = double(seen) / std::max(1e-9, secondsSince(epochStart));
      const double epochEstimate =
          lastEpochSeconds > 0 ? lastEpochSeconds : double(trainCount) / rate * 1.1;
      s.report({"train", epoch, config.epochs, seen, trainCount, lossSum / double(seen), rate,
                double(trainCount - seen) / rate + epochEstimate * (config.epochs - epoch)});
      if (stopRequested_) {
        interrupted = true;
        break;
      }
    }
    if (interrupted) {
      outcome.stopReason = "stopped on request during epoch " + std::to_string(epoch);
      break;
    }
    record.trainLoss = lossSum / double(std::max<size_t>(1, seen));
    record.learningRate = optimizer.learningRate();

    auto predicted =
        predict(*network, s.validation, s.spec, config.batchSize, s.settings.loaderWorkers,
                [&](size_t done, size_t total) {
                  s.report({"validate", epoch, config.epochs, done, total, record.trainLoss, 0, 0});
                  return true;
                });
    if (!predicted) return Error{predicted.message()};
    {
      torch::NoGradGuard noGrad;
      std::vector<float> targetValues, knownValues;
      for (const LabeledImage& image : s.validation.images)
        for (float label : image.labels) {
          targetValues.push_back(LabeledImage::known(label) ? label : 0.0f);
          knownValues.push_back(LabeledImage::known(label) ? 1.0f : 0.0f);
        }
      const auto shape = predicted->logits.sizes();
      const torch::Tensor targets = torch::tensor(targetValues).view(shape);
      const torch::Tensor knownMask = torch::tensor(knownValues).view(shape);
      record.validationLoss = (torch::binary_cross_entropy_with_logits(
                                   predicted->logits, targets, knownMask, {}, at::Reduction::Sum) /
                               knownMask.sum())
                                  .item<double>();
    }
    const EvaluationReport report =
        evaluateProbabilities(s.validation, torch::sigmoid(predicted->logits), {});
    record.validationMacroAuc = report.macroAuc;
    if (!report.macroAuc)
      return Error{
          "the validation photos have no disease with both positive and negative labels, "
          "so the model cannot be selected on them"};
    record.seconds = secondsSince(epochStart);
    lastEpochSeconds = record.seconds;
    outcome.history.push_back(record);

    const bool better =
        record.validationMacroAuc &&
        (!outcome.bestMacroAuc || *record.validationMacroAuc > *outcome.bestMacroAuc);
    if (better) {
      outcome.bestMacroAuc = record.validationMacroAuc;
      outcome.bestEpoch = epoch;
      if (auto saved = nn::writeSafetensors(bestPath, {nn::stateDict(*network), {}}); !saved)
        return Error{saved.message()};
    }
    // Checkpoint: epoch files first, then the state that points at them, then old files go.
    if (auto saved = nn::writeSafetensors(epochFile(checkpointDirectory, epoch, ".safetensors"),
                                          {nn::stateDict(*network), {}});
        !saved)
      return Error{saved.message()};
    if (auto saved =
            optimizer.save(epochFile(checkpointDirectory, epoch, ".optimizer.safetensors"));
        !saved)
      return Error{saved.message()};
    QJsonArray history;
    for (const EpochRecord& past : outcome.history) history.append(epochJson(past));
    QJsonObject state{{QStringLiteral("config"), config.toJson()},
                      {QStringLiteral("completed_epochs"), epoch},
                      {QStringLiteral("best_epoch"), outcome.bestEpoch},
                      {QStringLiteral("history"), history}};
    if (outcome.bestMacroAuc) state[QStringLiteral("best_macro_auc")] = *outcome.bestMacroAuc;
    if (auto saved = writeJsonAtomically(statePath, state); !saved) return Error{saved.message()};
    if (epoch > 1) {
      QFile::remove(
          QString::fromStdString(epochFile(checkpointDirectory, epoch - 1, ".safetensors")));
      QFile::remove(QString::fromStdString(
          epochFile(checkpointDirectory, epoch - 1, ".optimizer.safetensors")));
    }
    if (epoch - outcome.bestEpoch >= config.patience && epoch < config.epochs) {
      outcome.stopReason =
          "no better validation macro AUC for " + std::to_string(config.patience) + " epochs";
      break;
    }
  }
  if (outcome.stopReason.empty()) outcome.stopReason = "all epochs done";
  if (outcome.bestEpoch == 0)
    return Error{"no epoch completed (" + outcome.stopReason + "); nothing to write"};

  // Finalise the best epoch: temperature, thresholds, out-of-distribution statistics, bundle.
  auto best = nn::readSafetensors(bestPath);
  if (!best) return Error{best.message()};
  if (auto loaded = nn::loadStateDict(*network, best->tensors, bestPath); !loaded)
    return Error{loaded.message()};
  network->freezeFeatureBlocks(0);
  // Positive weighting trains logits that are too high by log(weight) on average: take that off,
  // so probabilities reflect the data again before the temperature is fitted.
  network->shiftLogits(-torch::log(positiveWeight));
  const auto finalizeProgress = [&](size_t done, size_t total) {
    s.report({"finalize", outcome.bestEpoch, config.epochs, done, total, 0, 0, 0});
    return true;
  };
  auto validationPredictions = predict(*network, s.validation, s.spec, config.batchSize,
                                       s.settings.loaderWorkers, finalizeProgress);
  if (!validationPredictions) return Error{validationPredictions.message()};
  std::vector<double> allLogits;
  std::vector<int> allTruth;
  for (size_t d = 0; d < s.validation.diseases.size(); ++d) {
    std::vector<double> values;
    std::vector<int> truth;
    knownCells(s.validation, validationPredictions->logits, d, values, truth);
    allLogits.insert(allLogits.end(), values.begin(), values.end());
    allTruth.insert(allTruth.end(), truth.begin(), truth.end());
  }
  const double temperature = fitTemperature(allLogits, allTruth);
  const torch::Tensor uncalibrated = torch::sigmoid(validationPredictions->logits);
  const torch::Tensor probabilities = torch::sigmoid(validationPredictions->logits / temperature);
  std::vector<double> thresholds;
  for (size_t d = 0; d < s.validation.diseases.size(); ++d) {
    std::vector<double> values;
    std::vector<int> truth;
    knownCells(s.validation, probabilities, d, values, truth);
    const auto choice = youdenThreshold(values, truth);
    thresholds.push_back(choice ? choice->threshold : 0.5);
  }
  outcome.validation = evaluateProbabilities(s.validation, probabilities, thresholds);
  const double eceBefore = evaluateProbabilities(s.validation, uncalibrated, thresholds).ece;

  // Feature statistics on (up to 3,000) training photos as they are, no augmentation.
  LabeledDataset statisticsSet = s.train;
  std::mt19937_64 pick(config.seed);
  std::shuffle(statisticsSet.images.begin(), statisticsSet.images.end(), pick);
  if (statisticsSet.images.size() > 3000) statisticsSet.images.resize(3000);
  auto trainPredictions = predict(*network, statisticsSet, s.spec, config.batchSize,
                                  s.settings.loaderWorkers, finalizeProgress);
  if (!trainPredictions) return Error{trainPredictions.message()};
  const torch::Tensor featureMean = trainPredictions->pooledFeatures.mean(0);
  const torch::Tensor featureStd = trainPredictions->pooledFeatures.std(0).clamp_min(1e-3);
  const torch::Tensor validationScores =
      ((validationPredictions->pooledFeatures - featureMean) / featureStd).pow(2).mean(1);
  const double oodThreshold =
      torch::quantile(validationScores.to(torch::kDouble), 0.995).item<double>();

  bundle::ModelCard card;
  card.id = identity.id;
  card.version = identity.version;
  card.species = s.train.species;
  card.architecture = config.architecture;
  card.input = s.spec;
  for (size_t d = 0; d < s.train.diseases.size(); ++d)
    card.labels.push_back({s.train.diseases[d], thresholds[d]});
  card.camLayer = network->camLayer();
  card.temperature = temperature;
  bundle::OodStatistics ood;
  const torch::Tensor meanCpu = featureMean.contiguous(), stdCpu = featureStd.contiguous();
  ood.featureMean.assign(meanCpu.data_ptr<float>(), meanCpu.data_ptr<float>() + meanCpu.numel());
  ood.featureStd.assign(stdCpu.data_ptr<float>(), stdCpu.data_ptr<float>() + stdCpu.numel());
  ood.threshold = oodThreshold;
  ood.description = "99.5th percentile of the validation photos' scores; feature statistics from " +
                    std::to_string(statisticsSet.images.size()) + " training photos";
  card.ood = ood;

  QJsonObject metrics = outcome.validation.toJson();
  metrics[QStringLiteral("dataset")] = QString::fromStdString(s.validation.source);
  metrics[QStringLiteral("split")] = QStringLiteral("val");
  metrics[QStringLiteral("n")] = qint64(s.validation.images.size());
  metrics[QStringLiteral("ece_before_temperature")] = eceBefore;
  QJsonObject priorCorrection;
  for (size_t d = 0; d < weights.size(); ++d)
    priorCorrection[QString::fromStdString(s.train.diseases[d])] = -std::log(double(weights[d]));
  metrics[QStringLiteral("logit_prior_correction")] = priorCorrection;
  metrics[QStringLiteral("best_epoch")] = outcome.bestEpoch;
  metrics[QStringLiteral("stop_reason")] = QString::fromStdString(outcome.stopReason);
  metrics[QStringLiteral("note")] = QStringLiteral(
      "Temperature and thresholds were fitted on this same validation split (thresholds maximise "
      "Youden's J), and the best epoch was selected on it: sensitivity and specificity here are "
      "optimistic. AUC does not depend on the thresholds.");
  QJsonArray history;
  for (const EpochRecord& past : outcome.history) history.append(epochJson(past));
  metrics[QStringLiteral("history")] = history;
  card.metrics = metrics;

  std::vector<std::string> limits = {
      "Trained only on " + std::string(speciesId(s.train.species)) + " eye photos.",
      "There is no healthy-eye class: every training crop shows at least one disease. A low "
      "probability for every disease does not mean the eye is healthy.",
      "Checks only the diseases listed in labels; other eye problems are not detected.",
      "Photos are close-up eye crops; whole-face photos, other body parts and other animals are "
      "out of distribution (the out-of-distribution score withholds findings for many of them).",
      "A screening aid, not a veterinary diagnosis.",
  };
  const std::vector<int64_t> validationPositives = s.validation.positives();
  card.provenance = QJsonObject{
      {QStringLiteral("data"), QString::fromStdString(s.train.source)},
      {QStringLiteral("train_images"), qint64(s.train.images.size())},
      {QStringLiteral("val_images"), qint64(s.validation.images.size())},
      {QStringLiteral("train_positives"), countsJson(s.train, positives)},
      {QStringLiteral("train_known"), countsJson(s.train, known)},
      {QStringLiteral("val_positives"), countsJson(s.validation, validationPositives)},
      {QStringLiteral("label_semantics"),
       QStringLiteral("Multi-label: each disease is present (1), absent (0) or unknown; unknown "
                      "cells are left out of the loss and the metrics. No healthy class.")},
      {QStringLiteral("known_limits"), toJsonArray(limits)},
      {QStringLiteral("initialisation"),
       QString::fromStdString(config.pretrainedWeights.empty()
                                  ? std::string("random")
                                  : "ImageNet weights from " +
                                        QFileInfo(QString::fromStdString(config.pretrainedWeights))
                                            .fileName()
                                            .toStdString())},
      {QStringLiteral("training"), config.toJson()},
  };
  card.created = QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString();
  card.trainerVersion = WALNESS_VERSION;
  network->eval();
  auto written = bundle::writeModelBundle(bundleDirectory, card, *network);
  if (!written) return Error{written.message()};
  outcome.card = *written;
  outcome.seconds = secondsSince(started);
  return outcome;
}

}  // namespace walness::training
