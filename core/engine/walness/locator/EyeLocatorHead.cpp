#include "walness/locator/EyeLocatorHead.h"

#include <torch/torch.h>

#include <cmath>

namespace walness::locator {

EyeLocatorHeadImpl::EyeLocatorHeadImpl(int64_t fineChannels, int64_t deepChannels, int64_t hidden) {
  fineMean_ = register_buffer("fine_mean", torch::zeros({1, fineChannels, 1, 1}));
  fineStd_ = register_buffer("fine_std", torch::ones({1, fineChannels, 1, 1}));
  deepMean_ = register_buffer("deep_mean", torch::zeros({1, deepChannels, 1, 1}));
  deepStd_ = register_buffer("deep_std", torch::ones({1, deepChannels, 1, 1}));
  reduce_ = register_module("reduce", torch::nn::Conv2d(torch::nn::Conv2dOptions(
                                          fineChannels + deepChannels, hidden, 1)));
  context_ = register_module(
      "context", torch::nn::Conv2d(torch::nn::Conv2dOptions(hidden, hidden, 3).padding(1)));
  output_ =
      register_module("output", torch::nn::Conv2d(torch::nn::Conv2dOptions(hidden, kOutputs, 1)));
  // Eye centres are rare among cells: start every cell at a 1% prior, so the first steps do
  // not drown in easy negatives.
  torch::NoGradGuard noGrad;
  output_->bias[0].fill_(-std::log(99.0));
}

void EyeLocatorHeadImpl::setStandardization(const torch::Tensor& fineMean,
                                            const torch::Tensor& fineStd,
                                            const torch::Tensor& deepMean,
                                            const torch::Tensor& deepStd) {
  torch::NoGradGuard noGrad;
  fineMean_.copy_(fineMean.reshape_as(fineMean_));
  fineStd_.copy_(fineStd.clamp_min(1e-4).reshape_as(fineStd_));
  deepMean_.copy_(deepMean.reshape_as(deepMean_));
  deepStd_.copy_(deepStd.clamp_min(1e-4).reshape_as(deepStd_));
}

torch::Tensor EyeLocatorHeadImpl::forward(const torch::Tensor& fine, const torch::Tensor& deep) {
  namespace F = torch::nn::functional;
  const torch::Tensor f = (fine - fineMean_) / fineStd_;
  torch::Tensor d = (deep - deepMean_) / deepStd_;
  d = F::interpolate(d, F::InterpolateFuncOptions()
                            .size(std::vector<int64_t>{f.size(2), f.size(3)})
                            .mode(torch::kBilinear)
                            .align_corners(false));
  torch::Tensor x = torch::relu(reduce_->forward(torch::cat({f, d}, 1)));
  x = F::dropout(x, F::DropoutFuncOptions().p(0.1).training(is_training()));
  x = torch::relu(context_->forward(x));
  return output_->forward(x);
}

}  // namespace walness::locator
