#pragma once

#include "walness/nn/SequentialBackbone.h"

namespace walness::nn {

// MobileNet-EdgeTPU 1.0 (Google's, the MLPerf mobile classification model): a 3x3 stem, eight
// "fused" inverted residuals (a full 3x3 convolution expands), thirteen ordinary ones (1x1 expand,
// 3x3 or 5x5 depthwise), a 1x1 convolution to 1280 channels. ReLU throughout and TensorFlow's
// "SAME" padding (stride 2 pads the bottom and right more), so the converted TFLite weights
// (scripts/convert-edgetpu) give the original's outputs. Parameter names follow torchvision's
// style: `features.0` is the stem, `features.1`..`features.22` the blocks (`features.N.conv.M`),
// `features.23` the last convolution, `classifier.1` the linear head.
class MobileNetEdgeTpuImpl : public SequentialBackbone {
 public:
  // ImageNet's weights have 1001 outputs: 0 is TensorFlow's background class.
  explicit MobileNetEdgeTpuImpl(int64_t numClasses = 1001, double dropout = 0.2);

  // Folds every BatchNorm into the convolution before it and prepacks the weights for oneDNN
  // (nn::PreparedConv), as MobileNetV2 does.
  void prepareForInference() override;

  void freezeFeatureBlocks(int64_t count) override;

  std::string camLayer() const override { return "features.23"; }
  int64_t featureChannels() const override { return kLastChannels; }
  // features.17 (96 channels, stride 16) and features.22 (192 channels, stride 32).
  std::vector<torch::Tensor> locatorFeatures(const torch::Tensor& input) override;
  std::pair<int64_t, int64_t> locatorChannels() const override { return {96, 192}; }

  static constexpr int64_t kLastChannels = 1280;
  // The photo size the weights are prepacked for; other sizes run too.
  static constexpr int64_t kPreparedInputSize = 224;
};
TORCH_MODULE(MobileNetEdgeTpu);

}  // namespace walness::nn
