#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/linear.h>
#include <torch/types.h>

namespace walness::gate {

// The head: features pooled as [mean, max] over the CAM layer, standardised, one hidden layer,
// three logits. It reads the activations the disease model computes anyway, so it costs almost
// nothing at diagnosis time.
class EyeGateHeadImpl : public torch::nn::Module {
 public:
  EyeGateHeadImpl(int64_t featureChannels, int64_t hidden);

  // [B, C, H, W] CAM-layer activations -> [B, 2C] pooled features.
  static torch::Tensor pool(const torch::Tensor& features);
  // Pooled features for every `cells` x `cells` window of the activations, stride one cell:
  // [1, C, H, W] -> [(H - cells + 1) * (W - cells + 1), 2C], rows in row-major window order.
  static torch::Tensor poolWindows(const torch::Tensor& features, int64_t cells);

  torch::Tensor forward(const torch::Tensor& pooled);  // -> [B, 3] logits
  void setStandardization(const torch::Tensor& mean, const torch::Tensor& std);

 private:
  torch::Tensor featureMean_, featureStd_;
  torch::nn::Linear hidden_{nullptr}, output_{nullptr};
  double dropout_ = 0.3;
};
TORCH_MODULE(EyeGateHead);

}  // namespace walness::gate
