#pragma once

#include <torch/nn/module.h>
#include <torch/types.h>

#include <string>
#include <utility>
#include <vector>

namespace walness::nn {

// What every Walness architecture offers: `features(x)` returns the activations of the CAM layer
// (the last convolutional block), `head(features)` turns them into logits, and
// forward(x) == head(features(x)). Grad-CAM needs exactly this split, from one forward pass.
class FeatureClassifier : public torch::nn::Module {
 public:
  virtual torch::Tensor features(const torch::Tensor& input) = 0;
  virtual torch::Tensor head(const torch::Tensor& features) = 0;
  torch::Tensor forward(const torch::Tensor& input) { return head(features(input)); }

  // Speeds up eval-mode inference (e.g. folds BatchNorm into convolutions, channels-last
  // weights). Results stay equal within float rounding; training mode ignores it. Call again
  // after the parameters change.
  virtual void prepareForInference() {}

  // Fine-tuning: the feature blocks in order from the input, and freezing the first `count` of
  // them (no gradients; BatchNorm keeps its statistics, so they stay in eval mode while the rest
  // trains; they may run a faster folded path meanwhile). 0 unfreezes everything.
  virtual int64_t featureBlockCount() const = 0;
  virtual void freezeFeatureBlocks(int64_t count) = 0;
  // Whether BatchNorm layers keep using their running statistics while training (their scale
  // and shift still learn). Pretrained MobileNetV2's last BatchNorm, fed batch statistics,
  // outputs almost only zeros after ReLU6 on eye photos: keeping the statistics avoids that.
  virtual void keepNormStatistics(bool keep) = 0;

  // Adds `offsets` (one per class) to the head's bias: a prior correction of the logits.
  virtual void shiftLogits(const torch::Tensor& offsets) = 0;

  // The name of the CAM layer in parameter-name terms (e.g. "features.18").
  virtual std::string camLayer() const = 0;
  virtual int64_t featureChannels() const = 0;
  virtual int64_t numClasses() const = 0;

  // For the eye locator, from one pass: a finer map (stride 16) and a deeper one (stride 32),
  // before the CAM layer. Empty when the architecture does not offer them.
  virtual std::vector<torch::Tensor> locatorFeatures(const torch::Tensor& /*input*/) { return {}; }
  // Their channels (fine, deep); {0, 0} when locatorFeatures() is empty.
  virtual std::pair<int64_t, int64_t> locatorChannels() const { return {0, 0}; }
};

}  // namespace walness::nn
