#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "walness/Result.h"
#include "walness/bundle/ModelCard.h"
#include "walness/training/Evaluation.h"
#include "walness/training/TrainingCheckpoint.h"
#include "walness/training/TrainingConfig.h"
#include "walness/training/data/LabeledDataset.h"

namespace walness::training {

// Where a training run is. Export and Compare are the clinic fine-tune's steps around the
// trainer's own.
enum class TrainingPhase { Export, Train, Validate, Finalize, Compare };
// "export", "train", "validate", "finalize", "compare": how the CLI's progress lines name it.
std::string_view trainingPhaseId(TrainingPhase phase);

struct TrainingProgress {
  TrainingPhase phase = TrainingPhase::Train;
  int epoch = 0;
  int epochs = 0;
  size_t done = 0;
  size_t total = 0;
  double loss = 0;  // running mean of the epoch's training loss
  double imagesPerSecond = 0;
  double etaSeconds = 0;  // to the end of all epochs
};

struct BundleIdentity {
  std::string id = "dog-eye-mobilenetv2";
  std::string version = "1.0.0";
};

struct TrainingOutcome {
  std::vector<EpochRecord> history;
  int bestEpoch = 0;
  std::optional<double> bestMacroAuc;
  std::string stopReason;
  std::string initialisation;  // set for a warm start (WarmStart::describe), else empty
  bundle::ModelCard card;
  EvaluationReport validation;  // of the written bundle: calibrated, at its thresholds
  double seconds = 0;
  // Distributed runs: this rank, the SHA-256 of the final training weights (the same on every
  // rank, checked) and the seconds spent in gradient all-reduces. Only rank 0 writes a bundle.
  int rank = 0;
  int worldSize = 1;
  std::string weightsSha256;
  double communicationSeconds = 0;
};

// Fine-tunes an ImageNet-initialised network on a labelled dataset: masked BCE over known labels
// with per-disease positive weights, warm-up + cosine learning rate, early stages frozen (and
// optionally unfrozen later), validation macro AUC every epoch with early stopping. Every epoch
// leaves a checkpoint that survives a kill (files renamed into place, state last). Afterwards the
// best epoch's weights get a temperature, per-disease thresholds and out-of-distribution
// statistics from the validation/training data, and are written as a bundle with a full card.
// With RunSettings::distributed, each rank trains on its share of every batch and gradients are
// summed over the ranks (c10d Gloo); rank 0 alone validates, checkpoints and writes the bundle.
class Trainer {
 public:
  Trainer(TrainingConfig config, RunSettings settings, LabeledDataset train,
          LabeledDataset validation);
  ~Trainer();

  void setProgressHandler(std::function<void(const TrainingProgress&)> handler);
  // Thread- and signal-safe: stops after the current batch and finalises the best epoch so far.
  void requestStop() { stopRequested_.store(true); }

  // `checkpointDirectory` holds the run's state; with `resume` an interrupted run continues from
  // its last complete epoch (same config required), without it the folder must hold no run.
  Result<TrainingOutcome> run(const std::string& checkpointDirectory, bool resume,
                              const std::string& bundleDirectory, const BundleIdentity& identity);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::atomic<bool> stopRequested_{false};
};

}  // namespace walness::training
