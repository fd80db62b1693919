#include "walness/training/Trainer.h"

#include <torch/torch.h>

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>

#include <chrono>
#include <cmath>
#include <numeric>
#include <random>

#include "walness/nn/StateDict.h"
#include "walness/training/BundleFinalizer.h"
#include "walness/training/InitialNetwork.h"
#include "walness/training/LearningRateSchedule.h"
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

// The head learns at the full rate, the backbone at a fraction of it.
std::vector<AdaptiveOptimizer::Parameter> optimizerParameters(nn::FeatureClassifier& network,
                                                              const TrainingConfig& config) {
  std::vector<AdaptiveOptimizer::Parameter> parameters;
  for (const auto& item : network.named_parameters()) {
    const bool head = item.key().rfind("classifier.", 0) == 0;
    parameters.push_back({item.key(), item.value(), head ? 1.0 : config.backboneLearningRateScale});
  }
  return parameters;
}

// Rank 0's weights and optimizer state go to every rank.
Status shareRankZeroState(DistributedContext& context, bool master, nn::FeatureClassifier& network,
                          AdaptiveOptimizer& optimizer) {
  std::map<std::string, at::Tensor> tensors = nn::stateDict(network);
  if (auto sent = context.broadcastTensors(tensors, "the weights' broadcast"); !sent)
    return Error{sent.message()};
  if (!master)
    if (auto loaded = nn::loadStateDict(network, tensors, "rank 0's weights"); !loaded)
      return Error{loaded.message()};
  tensors = optimizer.stateTensors();
  if (auto sent = context.broadcastTensors(tensors, "the optimizer state's broadcast"); !sent)
    return Error{sent.message()};
  if (!master)
    if (auto loaded = optimizer.loadStateTensors(tensors, "rank 0's optimizer state"); !loaded)
      return Error{loaded.message()};
  return Ok{};
}

// What the steps of one run share; the objects pointed to live in Trainer::Impl::run.
struct RunState {
  DistributedContext* context = nullptr;
  bool master = true;
  Clock::time_point started;
  nn::FeatureClassifier* network = nullptr;
  AdaptiveOptimizer* optimizer = nullptr;
  TrainingCheckpoint* checkpoint = nullptr;
  TrainingStep* step = nullptr;
  TrainingOutcome outcome;
  Clock::time_point epochStarted;
  double lastEpochSeconds = 0;
  std::string pendingStop;  // early stopping, decided after an epoch, takes effect before the next
};

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

  // The steps of run(), in their order.
  std::vector<float> positiveWeights() const;
  Result<CheckpointState> startingPoint(RunState& run, bool resume) const;
  Status trainEpochs(RunState& run, int completedEpochs,
                     const std::atomic<bool>& stopRequested) const;
  Result<std::string> stopReasonBefore(RunState& run, int epoch,
                                       const std::atomic<bool>& stopRequested) const;
  std::vector<size_t> epochOrder(int epoch) const;
  Result<std::optional<EpochRecord>> trainEpoch(RunState& run, const LearningRateSchedule& schedule,
                                                int epoch,
                                                const std::atomic<bool>& stopRequested) const;
  Status keepEpoch(RunState& run, EpochRecord& record) const;
  Status checkSameWeights(RunState& run) const;
  Result<TrainingOutcome> finish(RunState& run, const std::vector<float>& weights,
                                 const std::string& bundleDirectory,
                                 const BundleIdentity& identity) const;
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
  RunState run;
  run.context = context;
  run.started = Clock::now();
  run.master = !context || context->isMaster();
  torch::set_num_threads(std::max(1, settings.threads));
  torch::manual_seed(config.seed);

  auto created = createInitialNetwork(config, train, run.outcome.initialisation);
  if (!created) return Error{created.message()};
  std::shared_ptr<nn::FeatureClassifier> network = *created;
  const std::vector<float> weights = positiveWeights();
  const torch::Tensor positiveWeight = torch::tensor(weights);
  AdaptiveOptimizer optimizer(optimizerParameters(*network, config), config.optimizer);

  // Resume or start: rank 0 alone reads (and later writes) the checkpoint folder and tells the
  // others where the run stands; its weights and optimizer state then go to every rank.
  TrainingCheckpoint checkpoint(checkpointDirectory, config.toJson());
  run.network = network.get();
  run.optimizer = &optimizer;
  run.checkpoint = &checkpoint;
  run.outcome.rank = context ? context->rank() : 0;
  run.outcome.worldSize = context ? context->worldSize() : 1;
  auto state = startingPoint(run, resume);
  if (!state) return Error{state.message()};
  if (context)
    if (auto shared = shareRankZeroState(*context, run.master, *network, optimizer); !shared)
      return Error{shared.message()};
  run.outcome.bestEpoch = state->bestEpoch;
  run.outcome.bestMacroAuc = state->bestMacroAuc;
  run.outcome.history = state->history;

  TrainingStep step(*network, optimizer, positiveWeight, context,
                    settings.overlapGradientReduction);
  run.step = &step;
  if (auto trained = trainEpochs(run, state->completedEpochs, stopRequested); !trained)
    return Error{trained.message()};
  if (auto same = checkSameWeights(run); !same) return Error{same.message()};
  return finish(run, weights, bundleDirectory, identity);
}

// Rare diseases weigh more, so each disease's positives and negatives count about equally.
std::vector<float> Trainer::Impl::positiveWeights() const {
  const std::vector<int64_t> positives = train.positives();
  const std::vector<int64_t> known = train.knownCounts();
  std::vector<float> weights;
  for (size_t d = 0; d < positives.size(); ++d) {
    const double ratio =
        positives[d] > 0 ? double(known[d] - positives[d]) / double(positives[d]) : 1;
    weights.push_back(
        float(std::clamp(ratio, 1.0 / config.maxPositiveWeight, config.maxPositiveWeight)));
  }
  return weights;
}

// Rank 0 opens the checkpoint folder (resuming or starting) and publishes the completed epochs;
// the other ranks wait for that word.
Result<CheckpointState> Trainer::Impl::startingPoint(RunState& run, bool resume) const {
  CheckpointState state;
  if (run.master) {
    auto opened = run.checkpoint->open(resume, *run.network, *run.optimizer);
    if (run.context)
      if (auto sent = run.context->publish(
              "start", opened ? std::to_string(opened->completedEpochs) : "error");
          !sent)
        return Error{sent.message()};
    if (!opened) return Error{opened.message()};
    return *opened;
  }
  auto start = run.context->awaitPublished("start", "the start of the run");
  if (!start) return Error{start.message()};
  if (*start == "error") return Error{"rank 0 could not open the checkpoint folder"};
  state.completedEpochs = std::stoi(*start);
  return state;
}

Status Trainer::Impl::trainEpochs(RunState& run, int completedEpochs,
                                  const std::atomic<bool>& stopRequested) const {
  const size_t batchesPerEpoch =
      (train.images.size() + size_t(config.batchSize) - 1) / size_t(config.batchSize);
  const LearningRateSchedule schedule(config, batchesPerEpoch);
  if (settings.finalizeOnly) run.outcome.stopReason = "finalised from the checkpoint";
  for (int epoch = completedEpochs + 1; epoch <= config.epochs && !settings.finalizeOnly; ++epoch) {
    auto stopReason = stopReasonBefore(run, epoch, stopRequested);
    if (!stopReason) return Error{stopReason.message()};
    if (!stopReason->empty()) {
      run.outcome.stopReason = *stopReason;
      break;
    }
    auto record = trainEpoch(run, schedule, epoch, stopRequested);
    if (!record) return Error{record.message()};
    if (!record->has_value()) {
      run.outcome.stopReason = "stopped on request during epoch " + std::to_string(epoch);
      break;
    }
    if (auto kept = keepEpoch(run, **record); !kept) return kept;
  }
  if (run.outcome.stopReason.empty()) run.outcome.stopReason = "all epochs done";
  return Ok{};
}

// Rank 0 decides whether another epoch starts; the others wait for its word meanwhile. Empty:
// go on.
Result<std::string> Trainer::Impl::stopReasonBefore(RunState& run, int epoch,
                                                    const std::atomic<bool>& stopRequested) const {
  std::string stopReason = run.pendingStop;
  if (run.master) {
    if (stopReason.empty() && stopRequested) stopReason = "stopped on request";
    if (stopReason.empty() && settings.timeBudgetMinutes > 0 && run.lastEpochSeconds > 0 &&
        secondsSince(run.started) + run.lastEpochSeconds > settings.timeBudgetMinutes * 60)
      stopReason = "time budget reached";
    if (run.context)
      if (auto sent = run.context->publish("epoch/" + std::to_string(epoch), stopReason); !sent)
        return Error{sent.message()};
    return stopReason;
  }
  auto word =
      run.context->awaitPublished("epoch/" + std::to_string(epoch),
                                  "rank 0's validation before epoch " + std::to_string(epoch));
  if (!word) return Error{word.message()};
  return *word;
}

// The same shuffled order on every rank.
std::vector<size_t> Trainer::Impl::epochOrder(int epoch) const {
  std::vector<size_t> order(train.images.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 shuffle(config.seed * 31 + uint64_t(epoch));
  std::shuffle(order.begin(), order.end(), shuffle);
  return order;
}

// One epoch's batches on this rank's share of each; no record when stopped on request.
Result<std::optional<EpochRecord>> Trainer::Impl::trainEpoch(
    RunState& run, const LearningRateSchedule& schedule, int epoch,
    const std::atomic<bool>& stopRequested) const {
  const size_t trainCount = train.images.size();
  const size_t batchesPerEpoch =
      (trainCount + size_t(config.batchSize) - 1) / size_t(config.batchSize);
  run.epochStarted = Clock::now();
  EpochRecord record;
  record.epoch = epoch;
  record.frozenBlocks = (config.unfreezeEpoch > 0 && epoch >= config.unfreezeEpoch)
                            ? config.unfreezeTo
                            : config.freezeBlocks;
  run.network->freezeFeatureBlocks(record.frozenBlocks);
  run.network->keepNormStatistics(config.keepNormStatistics);
  run.network->train();
  run.step->prepare();
  torch::manual_seed(config.seed + uint64_t(epoch) +
                     1000003ULL * uint64_t(run.outcome.rank));  // dropout
  const int worldSize = run.outcome.worldSize, rank = run.outcome.rank;
  BatchLoader loader(
      train, epochOrder(epoch), BatchLoader::shard(trainCount, config.batchSize, worldSize, rank),
      spec, config.augmentEnabled ? std::optional(config.augment) : std::nullopt,
      config.seed * 1000 + uint64_t(epoch), settings.loaderWorkers,
      AssumedNegatives{float(config.assumedNegativeTarget), float(config.assumedNegativeWeight)});
  double lossSum = 0;
  size_t seen = 0, batchIndex = 0;
  while (auto batch = loader.next()) {
    if (!*batch) return Error{batch->message()};
    run.optimizer->setLearningRate(
        schedule.at(double(epoch - 1) * double(batchesPerEpoch) + double(batchIndex++)));
    auto stepped = run.step->run(**batch, stopRequested);
    if (!stepped) return Error{"epoch " + std::to_string(epoch) + ": " + stepped.message()};
    lossSum += stepped->loss * double(stepped->rows);
    seen += size_t(stepped->rows);
    const double rate = double(seen) / std::max(1e-9, secondsSince(run.epochStarted));
    const double epochEstimate =
        run.lastEpochSeconds > 0 ? run.lastEpochSeconds : double(trainCount) / rate * 1.1;
    report({TrainingPhase::Train, epoch, config.epochs, seen, trainCount, lossSum / double(seen),
            rate, double(trainCount - seen) / rate + epochEstimate * (config.epochs - epoch)});
    if (stepped->stop) return std::optional<EpochRecord>();
  }
  record.trainLoss = lossSum / double(std::max<size_t>(1, seen));
  record.learningRate = run.optimizer->learningRate();
  return std::optional<EpochRecord>(record);
}

// Rank 0 validates the epoch, keeps the best weights, checkpoints and decides on early stopping;
// the other ranks only note the epoch.
Status Trainer::Impl::keepEpoch(RunState& run, EpochRecord& record) const {
  TrainingOutcome& outcome = run.outcome;
  if (!run.master) {
    record.seconds = run.lastEpochSeconds = secondsSince(run.epochStarted);
    outcome.history.push_back(record);
    return Ok{};
  }
  auto validated = validateEpoch(*run.network, record);
  if (!validated) return Error{validated.message()};
  record.seconds = secondsSince(run.epochStarted);
  run.lastEpochSeconds = record.seconds;
  outcome.history.push_back(record);

  if (!outcome.bestMacroAuc || *record.validationMacroAuc > *outcome.bestMacroAuc) {
    outcome.bestMacroAuc = record.validationMacroAuc;
    outcome.bestEpoch = record.epoch;
    if (auto saved = run.checkpoint->saveBest(*run.network); !saved) return Error{saved.message()};
  }
  if (auto saved = run.checkpoint->save(
          {record.epoch, outcome.bestEpoch, outcome.bestMacroAuc, outcome.history}, *run.network,
          *run.optimizer);
      !saved)
    return Error{saved.message()};
  if (record.epoch - outcome.bestEpoch >= config.patience && record.epoch < config.epochs)
    run.pendingStop =
        "no better validation macro AUC for " + std::to_string(config.patience) + " epochs";
  return Ok{};
}

// One set of weights everywhere: every rank's final weights must be the same, bit for bit.
Status Trainer::Impl::checkSameWeights(RunState& run) const {
  run.outcome.weightsSha256 = weightsSha256(*run.network);
  run.outcome.communicationSeconds = run.step->communicationSeconds();
  if (!run.context) return Ok{};
  // Rank 0 may still be validating the last epoch: the others wait for its word behind its
  // heartbeat, not inside the collective, whose timeout would fire on a slow validation.
  if (run.master) {
    if (auto sent = run.context->publish("trained", ""); !sent) return sent;
  } else if (auto word = run.context->awaitPublished("trained", "rank 0's last validation");
             !word) {
    return Error{word.message()};
  }
  auto same = run.context->sameOnAllRanks(
      int64_t(std::stoull(run.outcome.weightsSha256.substr(0, 15), nullptr, 16)),
      "the weights' comparison");
  if (!same) return Error{same.message()};
  if (!*same) return Error{"the ranks ended with different weights"};
  return Ok{};
}

// Rank 0 writes the bundle of the best epoch and then lets the others go; they wait for it.
Result<TrainingOutcome> Trainer::Impl::finish(RunState& run, const std::vector<float>& weights,
                                              const std::string& bundleDirectory,
                                              const BundleIdentity& identity) const {
  TrainingOutcome& outcome = run.outcome;
  if (!run.master) {
    auto finished = run.context->awaitPublished("finished", "rank 0's finalising");
    if (!finished) return Error{finished.message()};
    if (auto done = run.context->barrier("the final barrier"); !done) return Error{done.message()};
    outcome.seconds = secondsSince(run.started);
    return outcome;
  }
  if (outcome.bestEpoch == 0)
    return Error{"no epoch completed (" + outcome.stopReason + "); nothing to write"};

  BundleFinalizer finalizer(*run.network, train, validation, spec, config, settings.loaderWorkers,
                            weights);
  finalizer.setProgressHandler(progress);
  if (auto written =
          finalizer.write(run.checkpoint->bestPath(), outcome, bundleDirectory, identity);
      !written)
    return Error{written.message()};
  if (run.context) {
    if (auto sent = run.context->publish("finished", ""); !sent) return Error{sent.message()};
    if (auto done = run.context->barrier("the final barrier"); !done) return Error{done.message()};
  }
  outcome.seconds = secondsSince(run.started);
  return outcome;
}

}  // namespace walness::training
