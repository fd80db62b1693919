#pragma once

#include <cstddef>

#include "walness/training/TrainingConfig.h"

namespace walness::training {

// The trainer's learning rate at a step (batches since the run's start): linear warm-up over
// config.warmupEpochs, then cosine decay to 1% of config.optimizer.learningRate by the last epoch.
class LearningRateSchedule {
 public:
  LearningRateSchedule(const TrainingConfig& config, size_t batchesPerEpoch);
  double at(double step) const;

 private:
  double base_;
  double totalSteps_;
  double warmupSteps_;
};

}  // namespace walness::training
