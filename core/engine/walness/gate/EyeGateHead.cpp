#include "walness/gate/EyeGateHead.h"

#include <torch/torch.h>

namespace walness::gate {

EyeGateHeadImpl::EyeGateHeadImpl(int64_t featureChannels, int64_t hidden) {
  featureMean_ = register_buffer("feature_mean", torch::zeros({2 * featureChannels}));
  featureStd_ = register_buffer("feature_std", torch::ones({2 * featureChannels}));
  hidden_ = register_module("hidden", torch::nn::Linear(2 * featureChannels, hidden));
  output_ = register_module("output", torch::nn::Linear(hidden, 3));
}

torch::Tensor EyeGateHeadImpl::pool(const torch::Tensor& features) {
  return torch::cat({features.mean({2, 3}), features.amax({2, 3})}, 1);
}

torch::Tensor EyeGateHeadImpl::poolWindows(const torch::Tensor& features, int64_t cells) {
  namespace F = torch::nn::functional;
  const torch::Tensor mean = F::avg_pool2d(features, F::AvgPool2dFuncOptions(cells).stride(1));
  const torch::Tensor max = F::max_pool2d(features, F::MaxPool2dFuncOptions(cells).stride(1));
  // [1, 2C, h, w] -> [h * w, 2C]
  const torch::Tensor both = torch::cat({mean, max}, 1)[0];
  return both.flatten(1).transpose(0, 1).contiguous();
}

void EyeGateHeadImpl::setStandardization(const torch::Tensor& mean, const torch::Tensor& std) {
  torch::NoGradGuard noGrad;
  featureMean_.copy_(mean);
  featureStd_.copy_(std.clamp_min(1e-4));
}

torch::Tensor EyeGateHeadImpl::forward(const torch::Tensor& pooled) {
  torch::Tensor x = (pooled - featureMean_) / featureStd_;
  x = torch::relu(hidden_(x));
  x = torch::dropout(x, dropout_, is_training());
  return output_(x);
}

}  // namespace walness::gate
