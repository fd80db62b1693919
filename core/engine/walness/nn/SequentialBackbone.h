#pragma once

#include <torch/nn/modules/container/sequential.h>

#include "walness/nn/FeatureClassifier.h"

namespace walness::nn {

// What MobileNetV2 and MobileNet-EdgeTPU share: torchvision's module tree of `features` blocks
// (the last one the CAM layer) and a `classifier` on their pooled activations, with the first
// blocks frozen in eval mode while fine-tuning. Each architecture builds its blocks, freezes and
// folds them, and names its CAM and locator layers.
class SequentialBackbone : public FeatureClassifier {
 public:
  torch::Tensor features(const torch::Tensor& input) override;
  torch::Tensor head(const torch::Tensor& features) override;

  int64_t featureBlockCount() const override { return int64_t(features_->size()); }
  void keepNormStatistics(bool keep) override;
  void shiftLogits(const torch::Tensor& offsets) override;
  // Keeps frozen blocks in eval mode whatever the rest does.
  void train(bool on = true) override;
  int64_t numClasses() const override { return numClasses_; }

  // The blocks from the input on (features.0 is the stem); used to freeze early stages.
  torch::nn::Sequential& featureBlocks() { return features_; }
  torch::nn::Sequential& classifier() { return classifier_; }

 protected:
  explicit SequentialBackbone(int64_t numClasses) : numClasses_(numClasses) {}
  // Registers `blocks` as `features` and a dropout + linear `classifier` on their `lastChannels`
  // pooled activations, then gives every layer torchvision's initialisation for MobileNets (for
  // training from scratch; pretrained weights replace it).
  void setUp(torch::nn::Sequential blocks, int64_t lastChannels, double dropout);

  int64_t numClasses_;
  int64_t frozenBlocks_ = 0;
  bool keepNormStatistics_ = false;
  torch::nn::Sequential features_{nullptr};
  torch::nn::Sequential classifier_{nullptr};
};

}  // namespace walness::nn
