#pragma once

#include <torch/nn/module.h>
#include <torch/nn/modules/conv.h>
#include <torch/types.h>

namespace walness::locator {

// A per-cell eye detector on two of the backbone's maps (CenterNet-like): for every cell of the
// stride-16 map, the logit that an eye's centre lies in it, where in the cell (x, y logits), and
// the log of the eye's side in cells. The deeper stride-32 map is upsampled and joined to the
// finer one, so each cell sees both detail and what surrounds it.
class EyeLocatorHeadImpl : public torch::nn::Module {
 public:
  EyeLocatorHeadImpl(int64_t fineChannels, int64_t deepChannels, int64_t hidden);

  // fine [B, Cf, H, W], deep [B, Cd, ~H/2, ~W/2] -> [B, 4, H, W]
  torch::Tensor forward(const torch::Tensor& fine, const torch::Tensor& deep);
  // Per-channel standardisation of both maps ([C] each), measured on the training views.
  void setStandardization(const torch::Tensor& fineMean, const torch::Tensor& fineStd,
                          const torch::Tensor& deepMean, const torch::Tensor& deepStd);

  static constexpr int64_t kOutputs = 4;
  static constexpr int64_t kStride = 16;  // photo pixels (of the scaled input) per cell

 private:
  torch::Tensor fineMean_, fineStd_, deepMean_, deepStd_;
  torch::nn::Conv2d reduce_{nullptr}, context_{nullptr}, output_{nullptr};
};
TORCH_MODULE(EyeLocatorHead);

}  // namespace walness::locator
