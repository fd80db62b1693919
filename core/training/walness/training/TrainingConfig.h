#pragma once

#include <QJsonObject>

#include <cstdint>
#include <string>

#include "walness/Result.h"
#include "walness/training/AdaptiveOptimizer.h"
#include "walness/training/data/Augmenter.h"
#include "walness/training/distributed/DistributedSettings.h"

namespace walness::training {

// Everything that decides a training run's outcome. Stored in checkpoints (a resume must use the
// same values) and in the model card.
struct TrainingConfig {
  std::string architecture = "mobilenet_v2";
  std::string pretrainedWeights;  // safetensors with torchvision names; empty = from scratch
  std::string initBundle;         // a bundle folder to warm-start from instead (WarmStart.h)
  int inputSize = 160;
  int batchSize = 32;
  int epochs = 12;
  OptimizerSettings optimizer;
  double backboneLearningRateScale = 0.1;  // the pretrained layers learn slower than the new head
  double warmupEpochs = 1;  // linear warm-up, then cosine decay to 1% of the learning rate
  // Blocks frozen from the start (MobileNetV2: 0 = stem, 1..17 inverted residuals, 18 last conv),
  // and from `unfreezeEpoch` on (1-based) only the first `unfreezeTo` stay frozen. -1 = never.
  int freezeBlocks = 11;
  int unfreezeEpoch = -1;
  int unfreezeTo = 4;
  bool keepNormStatistics = true;  // BatchNorm uses its ImageNet running statistics throughout
  int patience = 4;                // epochs without a better validation macro AUC before stopping
  double maxPositiveWeight = 10;   // cap on each disease's negative/positive weighting
  // A 0 the source only assumed (LabeledImage::zerosAssumed) is trained towards this target with
  // this weight in the loss: label smoothing and down-weighting of noisy negatives.
  double assumedNegativeTarget = 0;
  double assumedNegativeWeight = 1;
  uint64_t seed = 20261126;
  AugmentOptions augment;
  bool augmentEnabled = true;

  QJsonObject toJson() const;
  static Result<TrainingConfig> fromJson(const QJsonObject& json);
};

// How to run it; may change between a run and its resume.
struct RunSettings {
  int threads = 2;               // LibTorch intra-op threads
  int loaderWorkers = 1;         // image decoding/augmentation threads
  double timeBudgetMinutes = 0;  // 0 = none; no epoch starts that would end past it
  int64_t limitTrain = 0;        // use a random N training / validation images (0 = all)
  int64_t limitVal = 0;
  bool finalizeOnly = false;  // skip training: finalise the checkpoint's best epoch into a bundle
  DistributedSettings distributed;        // worldSize > 1: data-parallel over c10d Gloo
  bool overlapGradientReduction = false;  // all-reduce gradient buckets during backward
};

}  // namespace walness::training
