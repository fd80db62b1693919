#include "walness/nn/SequentialBackbone.h"

#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/linear.h>
#include <torch/torch.h>

namespace walness::nn {

torch::Tensor SequentialBackbone::features(const torch::Tensor& input) {
  return features_->forward(input);
}

torch::Tensor SequentialBackbone::head(const torch::Tensor& features) {
  torch::Tensor pooled = torch::adaptive_avg_pool2d(features, {1, 1}).flatten(1);
  return classifier_->forward(pooled);
}

void SequentialBackbone::shiftLogits(const torch::Tensor& offsets) {
  torch::NoGradGuard noGrad;
  classifier_->ptr(1)->as<torch::nn::Linear>()->bias.add_(offsets.to(torch::kFloat));
}

void SequentialBackbone::keepNormStatistics(bool keep) {
  keepNormStatistics_ = keep;
  train(is_training());
}

void SequentialBackbone::train(bool on) {
  torch::nn::Module::train(on);
  for (int64_t i = 0; i < frozenBlocks_; ++i) features_->ptr(size_t(i))->eval();
  if (keepNormStatistics_)
    for (auto& module : modules(/*include_self=*/false))
      if (module->as<torch::nn::BatchNorm2d>()) module->eval();
}

}  // namespace walness::nn
