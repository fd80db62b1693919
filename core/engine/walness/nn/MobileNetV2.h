#pragma once

#include <torch/nn/modules/container/sequential.h>

#include "walness/nn/FeatureClassifier.h"

namespace walness::nn {

// MobileNetV2 (width 1.0) with torchvision's module tree, so parameter names match torchvision's
// state dict exactly (`features.N...`, `classifier.1.weight`) and its weights load unchanged.
class MobileNetV2Impl : public FeatureClassifier {
 public:
  explicit MobileNetV2Impl(int64_t numClasses = 1000, double dropout = 0.2);

  torch::Tensor features(const torch::Tensor& input) override;
  torch::Tensor head(const torch::Tensor& features) override;
  torch::Tensor forward(const torch::Tensor& input) { return head(features(input)); }

  // Folds every BatchNorm into the convolution before it and prepacks the weights for oneDNN,
  // with ReLU6 and the residual sums fused (nn::PreparedConv; docs/performance.md).
  void prepareForInference() override;

  int64_t featureBlockCount() const override { return int64_t(features_->size()); }
  void freezeFeatureBlocks(int64_t count) override;
  void keepNormStatistics(bool keep) override;
  void shiftLogits(const torch::Tensor& offsets) override;
  // Keeps frozen blocks in eval mode whatever the rest does.
  void train(bool on = true) override;

  std::string camLayer() const override { return "features.18"; }
  int64_t featureChannels() const override { return kLastChannels; }
  int64_t numClasses() const override { return numClasses_; }
  // features.13 (96 channels, stride 16) and features.17 (320 channels, stride 32).
  std::vector<torch::Tensor> locatorFeatures(const torch::Tensor& input) override;
  std::pair<int64_t, int64_t> locatorChannels() const override { return {96, 320}; }

  // The blocks in torchvision's order: features.0 is the stem, 1..17 the inverted residual
  // blocks, 18 the last 1x1 convolution. Used to freeze early stages when fine-tuning.
  torch::nn::Sequential& featureBlocks() { return features_; }
  torch::nn::Sequential& classifier() { return classifier_; }

  static constexpr int64_t kLastChannels = 1280;
  // The photo size the weights are prepacked for (every bundle's input so far); other sizes run
  // too, checked the same way, with oneDNN reordering as it needs.
  static constexpr int64_t kPreparedInputSize = 224;

 private:
  int64_t numClasses_;
  int64_t frozenBlocks_ = 0;
  bool keepNormStatistics_ = false;
  torch::nn::Sequential features_{nullptr};
  torch::nn::Sequential classifier_{nullptr};
};
TORCH_MODULE(MobileNetV2);

}  // namespace walness::nn
