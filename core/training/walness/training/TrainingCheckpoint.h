#pragma once

#include <QJsonObject>

#include <optional>
#include <string>
#include <vector>

#include "walness/Result.h"

namespace walness::nn {
class FeatureClassifier;
}

namespace walness::training {

class AdaptiveOptimizer;

struct EpochRecord {
  int epoch = 0;
  int frozenBlocks = 0;
  double trainLoss = 0;
  double validationLoss = 0;
  std::optional<double> validationMacroAuc;
  double learningRate = 0;  // at the epoch's end
  double seconds = 0;

  QJsonObject toJson() const;
  static EpochRecord fromJson(const QJsonObject& json);
};

// What a checkpoint remembers besides weights and optimizer state.
struct CheckpointState {
  int completedEpochs = 0;
  int bestEpoch = 0;
  std::optional<double> bestMacroAuc;
  std::vector<EpochRecord> history;
};

// A run's checkpoint folder: `epoch-NNNN.safetensors` (weights) and
// `epoch-NNNN.optimizer.safetensors` (moments, steps), then `state.json` (settings, history, best
// epoch), each renamed into place, so a kill at any moment leaves a consistent checkpoint; and
// `best.safetensors`, the best epoch's weights.
class TrainingCheckpoint {
 public:
  TrainingCheckpoint(std::string directory, QJsonObject config);

  // Creates the folder. A folder that holds a run is resumed only with `resume` (same settings
  // required): its weights and optimizer state are loaded and its state returned.
  Result<CheckpointState> open(bool resume, nn::FeatureClassifier& network,
                               AdaptiveOptimizer& optimizer);
  Status saveBest(const nn::FeatureClassifier& network);
  // The epoch's files, then the state that points at them; the previous epoch's files go.
  Status save(const CheckpointState& state, const nn::FeatureClassifier& network,
              const AdaptiveOptimizer& optimizer);
  std::string bestPath() const { return directory_ + "/best.safetensors"; }

 private:
  std::string directory_;
  QJsonObject config_;
};

}  // namespace walness::training
