#include "walness/training/Trainer.h"

#include <torch/torch.h>

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>

#include <chrono>
#include <cmath>
#include <numeric>
#include <random>

#include "walness/nn/Architectures.h"
#include "walness/nn/Safetensors.h"
#include "walness/nn/StateDict.h"
#include "walness/training/BundleFinalizer.h"
#include "walness/training/TrainingStep.h"
#include "walness/training/WarmStart.h"
#include "walness/training/data/BatchLoader.h"
#include "walness/training/distributed/DistributedContext.h"

namespace walness::training {

std::string_view trainingPhaseId(TrainingPhase phase) {
  switch (phase) {
    case TrainingPhase::Export:
      return "export";
    case TrainingPhase::Train:
      return "train";
    case TrainingPhase::Validate:
      return "validate";
    case TrainingPhase::Finalize:
      return "finalize";
    case TrainingPhase::Compare:
      return "compare";
  }
  return "train";
}

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
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

// SHA-256 over the names and bytes of every parameter and buffer.
std::string weightsSha256(const nn::FeatureClassifier& network) {
  QCryptographicHash hash(QCryptographicHash::Sha256);
  for (const auto& [name, tensor] : nn::stateDict(network)) {
    hash.addData(QByteArray::fromStdString(name));
    const torch::Tensor data = tensor.contiguous();
    hash.addData(QByteArrayView(static_cast<const char*>(data.data_ptr()),
                                qsizetype(data.numel() * int64_t(data.element_size()))));
  }
  return hash.result().toHex().toStdString();
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
  Result<TrainingOutcome> run(DistributedContext* context, const std::atomic<bool>& stopRequested,
                              const std::string& checkpointDirectory, bool resume,
                              const std::string& bundleDirectory, const BundleIdentity& identity);
  Status validateEpoch(nn::FeatureClassifier& network, EpochRecord& record) const;
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

// Validation loss and macro AUC of an epoch's weights.
Status Trainer::Impl::validateEpoch(nn::FeatureClassifier& network, EpochRecord& record) const {
  auto predicted = predict(network, validation, spec, config.batchSize, settings.loaderWorkers,
                           [&](size_t done, size_t total) {
                             report({TrainingPhase::Validate, record.epoch, config.epochs, done,
                                     total, record.trainLoss, 0, 0});
                             return true;
                           });
  if (!predicted) return Error{predicted.message()};
  {
    torch::NoGradGuard noGrad;
    std::vector<float> targetValues, knownValues;
    for (const LabeledImage& image : validation.images)
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
      evaluateProbabilities(validation, torch::sigmoid(predicted->logits), {});
  record.validationMacroAuc = report.macroAuc;
  if (!report.macroAuc)
    return Error{
        "the validation photos have no disease with both positive and negative labels, "
        "so the model cannot be selected on them"};
  return Ok{};
}

Result<TrainingOutcome> Trainer::run(const std::string& checkpointDirectory, bool resume,
                                     const std::string& bundleDirectory,
                                     const BundleIdentity& identity) {
  Impl& s = *impl_;
  if (s.train.images.empty()) return Error{"no training images"};
  if (s.validation.images.empty()) return Error{"no validation images"};
  if (s.train.diseases != s.validation.diseases)
    return Error{"the training and validation data label different diseases"};
  std::unique_ptr<DistributedContext> context;
  if (s.settings.distributed.enabled()) {
    auto connected = DistributedContext::connect(s.settings.distributed);
    if (!connected) return Error{connected.message()};
    context = std::move(*connected);
  }
  auto outcome =
      s.run(context.get(), stopRequested_, checkpointDirectory, resume, bundleDirectory, identity);
  if (!outcome && context) context->finishWithFailure(outcome.message());
  return outcome;
}

Result<TrainingOutcome> Trainer::Impl::run(DistributedContext* context,
                                           const std::atomic<bool>& stopRequested,
                                           const std::string& checkpointDirectory, bool resume,
                                           const std::string& bundleDirectory,
                                           const BundleIdentity& identity) {
  const Clock::time_point started = Clock::now();
  const bool master = !context || context->isMaster();
  torch::set_num_threads(std::max(1, settings.threads));
  torch::manual_seed(config.seed);

  auto created = nn::createArchitecture(config.architecture, int64_t(train.diseases.size()));
  if (!created) return Error{created.message()};
  std::shared_ptr<nn::FeatureClassifier> network = *created;
  std::string initialisation;  // for the card when not ImageNet's
  if (!config.initBundle.empty()) {
    auto started = warmStartFromBundle(*network, config.architecture, train.diseases, train.species,
                                       config.initBundle);
    if (!started) return Error{started.message()};
    initialisation = started->describe();
  } else if (!config.pretrainedWeights.empty()) {
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
  const std::vector<int64_t> positives = train.positives();
  const std::vector<int64_t> known = train.knownCounts();
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

  // Resume or start: rank 0 alone reads (and later writes) the checkpoint folder and tells the
  // others where the run stands; its weights and optimizer state then go to every rank.
  TrainingCheckpoint checkpoint(checkpointDirectory, config.toJson());
  TrainingOutcome outcome;
  outcome.initialisation = initialisation;
  outcome.rank = context ? context->rank() : 0;
  outcome.worldSize = context ? context->worldSize() : 1;
  CheckpointState state;
  if (master) {
    auto opened = checkpoint.open(resume, *network, optimizer);
    if (context)
      if (auto sent =
              context->publish("start", opened ? std::to_string(opened->completedEpochs) : "error");
          !sent)
        return Error{sent.message()};
    if (!opened) return Error{opened.message()};
    state = *opened;
  } else {
    auto start = context->awaitPublished("start", "the start of the run");
    if (!start) return Error{start.message()};
    if (*start == "error") return Error{"rank 0 could not open the checkpoint folder"};
    state.completedEpochs = std::stoi(*start);
  }
  if (context) {
    std::map<std::string, at::Tensor> tensors = nn::stateDict(*network);
    if (auto sent = context->broadcastTensors(tensors, "the weights' broadcast"); !sent)
      return Error{sent.message()};
    if (!master)
      if (auto loaded = nn::loadStateDict(*network, tensors, "rank 0's weights"); !loaded)
        return Error{loaded.message()};
    tensors = optimizer.stateTensors();
    if (auto sent = context->broadcastTensors(tensors, "the optimizer state's broadcast"); !sent)
      return Error{sent.message()};
    if (!master)
      if (auto loaded = optimizer.loadStateTensors(tensors, "rank 0's optimizer state"); !loaded)
        return Error{loaded.message()};
  }
  outcome.bestEpoch = state.bestEpoch;
  outcome.bestMacroAuc = state.bestMacroAuc;
  outcome.history = state.history;

  const size_t trainCount = train.images.size();
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

  TrainingStep step(*network, optimizer, positiveWeight, context,
                    settings.overlapGradientReduction);
  double lastEpochSeconds = 0;
  std::string pendingStop;  // early stopping, decided after an epoch, takes effect before the next
  if (settings.finalizeOnly) outcome.stopReason = "finalised from the checkpoint";
  for (int epoch = state.completedEpochs + 1; epoch <= config.epochs && !settings.finalizeOnly;
       ++epoch) {
    // Rank 0 decides whether another epoch starts; the others wait for its word meanwhile.
    std::string stopReason = pendingStop;
    if (master) {
      if (stopReason.empty() && stopRequested) stopReason = "stopped on request";
      if (stopReason.empty() && settings.timeBudgetMinutes > 0 && lastEpochSeconds > 0 &&
          secondsSince(started) + lastEpochSeconds > settings.timeBudgetMinutes * 60)
        stopReason = "time budget reached";
      if (context)
        if (auto sent = context->publish("epoch/" + std::to_string(epoch), stopReason); !sent)
          return Error{sent.message()};
    } else {
      auto word =
          context->awaitPublished("epoch/" + std::to_string(epoch),
                                  "rank 0's validation before epoch " + std::to_string(epoch));
      if (!word) return Error{word.message()};
      stopReason = *word;
    }
    if (!stopReason.empty()) {
      outcome.stopReason = stopReason;
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
    step.prepare();
    torch::manual_seed(config.seed + uint64_t(epoch) +
                       1000003ULL * uint64_t(outcome.rank));  // dropout

    // The same shuffled order on every rank; each rank takes its share of every batch.
    std::vector<size_t> order(trainCount);
    std::iota(order.begin(), order.end(), 0);
    std::mt19937_64 shuffle(config.seed * 31 + uint64_t(epoch));
    std::shuffle(order.begin(), order.end(), shuffle);
    BatchLoader loader(
        train, order,
        BatchLoader::shard(trainCount, config.batchSize, outcome.worldSize, outcome.rank), spec,
        config.augmentEnabled ? std::optional(config.augment) : std::nullopt,
        config.seed * 1000 + uint64_t(epoch), settings.loaderWorkers,
        AssumedNegatives{float(config.assumedNegativeTarget), float(config.assumedNegativeWeight)});
    double lossSum = 0;
    size_t seen = 0, batchIndex = 0;
    bool interrupted = false;
    while (auto batch = loader.next()) {
      if (!*batch) return Error{batch->message()};
      optimizer.setLearningRate(
          learningRateAt(double(epoch - 1) * double(batchesPerEpoch) + double(batchIndex++)));
      auto stepped = step.run(**batch, stopRequested);
      if (!stepped) return Error{"epoch " + std::to_string(epoch) + ": " + stepped.message()};
      lossSum += stepped->loss * double(stepped->rows);
      seen += size_t(stepped->rows);
      const double rate = double(seen) / std::max(1e-9, secondsSince(epochStart));
      const double epochEstimate =
          lastEpochSeconds > 0 ? lastEpochSeconds : double(trainCount) / rate * 1.1;
      report({TrainingPhase::Train, epoch, config.epochs, seen, trainCount, lossSum / double(seen),
              rate, double(trainCount - seen) / rate + epochEstimate * (config.epochs - epoch)});
      if (stepped->stop) {
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
    if (!master) {
      record.seconds = lastEpochSeconds = secondsSince(epochStart);
      outcome.history.push_back(record);
      continue;
    }

    auto validated = validateEpoch(*network, record);
    if (!validated) return Error{validated.message()};
    record.seconds = secondsSince(epochStart);
    lastEpochSeconds = record.seconds;
    outcome.history.push_back(record);

    if (!outcome.bestMacroAuc || *record.validationMacroAuc > *outcome.bestMacroAuc) {
      outcome.bestMacroAuc = record.validationMacroAuc;
      outcome.bestEpoch = epoch;
      if (auto saved = checkpoint.saveBest(*network); !saved) return Error{saved.message()};
    }
    if (auto saved = checkpoint.save(
            {epoch, outcome.bestEpoch, outcome.bestMacroAuc, outcome.history}, *network, optimizer);
        !saved)
      return Error{saved.message()};
    if (epoch - outcome.bestEpoch >= config.patience && epoch < config.epochs)
      pendingStop =
          "no better validation macro AUC for " + std::to_string(config.patience) + " epochs";
  }
  if (outcome.stopReason.empty()) outcome.stopReason = "all epochs done";

  // One set of weights everywhere: every rank's final weights must be the same, bit for bit.
  outcome.weightsSha256 = weightsSha256(*network);
  outcome.communicationSeconds = step.communicationSeconds();
  if (context) {
    auto same = context->sameOnAllRanks(
        int64_t(std::stoull(outcome.weightsSha256.substr(0, 15), nullptr, 16)),
        "the weights' comparison");
    if (!same) return Error{same.message()};
    if (!*same) return Error{"the ranks ended with different weights"};
  }
  if (!master) {
    auto finished = context->awaitPublished("finished", "rank 0's finalising");
    if (!finished) return Error{finished.message()};
    if (auto done = context->barrier("the final barrier"); !done) return Error{done.message()};
    outcome.seconds = secondsSince(started);
    return outcome;
  }
  if (outcome.bestEpoch == 0)
    return Error{"no epoch completed (" + outcome.stopReason + "); nothing to write"};

  BundleFinalizer finalizer(*network, train, validation, spec, config, settings.loaderWorkers,
                            weights);
  finalizer.setProgressHandler(progress);
  if (auto written = finalizer.write(checkpoint.bestPath(), outcome, bundleDirectory, identity);
      !written)
    return Error{written.message()};
  if (context) {
    if (auto sent = context->publish("finished", ""); !sent) return Error{sent.message()};
    if (auto done = context->barrier("the final barrier"); !done) return Error{done.message()};
  }
  outcome.seconds = secondsSince(started);
  return outcome;
}

}  // namespace walness::training
