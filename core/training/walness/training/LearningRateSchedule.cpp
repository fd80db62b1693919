#include "walness/training/LearningRateSchedule.h"

#include <algorithm>
#include <cmath>

namespace walness::training {

LearningRateSchedule::LearningRateSchedule(const TrainingConfig& config, size_t batchesPerEpoch)
    : base_(config.optimizer.learningRate),
      totalSteps_(double(batchesPerEpoch) * config.epochs),
      warmupSteps_(std::max(1.0, config.warmupEpochs * double(batchesPerEpoch))) {
}

double LearningRateSchedule::at(double step) const {
  if (step < warmupSteps_) return base_ * (step + 1) / warmupSteps_;
  const double progress =
      std::min(1.0, (step - warmupSteps_) / std::max(1.0, totalSteps_ - warmupSteps_));
  return base_ * (0.01 + 0.99 * 0.5 * (1 + std::cos(M_PI * progress)));
}

}  // namespace walness::training
