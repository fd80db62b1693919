#pragma once

#include "walness/nn/SequentialBackbone.h"

namespace walness::nn {

// MobileNetV2 (width 1.0) with torchvision's module tree, so parameter names match torchvision's
// state dict exactly (`features.N...`, `classifier.1.weight`) and its weights load unchanged.
class MobileNetV2Impl : public SequentialBackbone {
 public:
  explicit MobileNetV2Impl(int64_t numClasses = 1000, double dropout = 0.2);

  // Folds every BatchNorm into the convolution before it and prepacks the weights for oneDNN,
  // with ReLU6 and the residual sums fused (nn::PreparedConv; docs/performance.md).
  void prepareForInference() override;

  void freezeFeatureBlocks(int64_t count) override;

  std::string camLayer() const override { return "features.18"; }
  int64_t featureChannels() const override { return kLastChannels; }
  // features.13 (96 channels, stride 16) and features.17 (320 channels, stride 32).
  std::vector<torch::Tensor> locatorFeatures(const torch::Tensor& input) override;
  std::pair<int64_t, int64_t> locatorChannels() const override { return {96, 320}; }

  static constexpr int64_t kLastChannels = 1280;
  // The photo size the weights are prepacked for (every bundle's input so far); other sizes run
  // too, checked the same way, with oneDNN reordering as it needs.
  static constexpr int64_t kPreparedInputSize = 224;
};
TORCH_MODULE(MobileNetV2);

}  // namespace walness::nn
