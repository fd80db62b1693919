#include "walness/nn/SequentialBackbone.h"

#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/linear.h>
#include <torch/torch.h>

#include <utility>

namespace walness::nn {

void SequentialBackbone::setUp(torch::nn::Sequential blocks, int64_t lastChannels, double dropout) {
  features_ = register_module("features", std::move(blocks));
  classifier_ = register_module(
      "classifier", torch::nn::Sequential(torch::nn::Dropout(torch::nn::DropoutOptions(dropout)),
                                          torch::nn::Linear(lastChannels, numClasses_)));
  for (auto& module : modules(/*include_self=*/false)) {
    if (auto* conv = module->as<torch::nn::Conv2d>()) {
      torch::nn::init::kaiming_normal_(conv->weight, 0.0, torch::kFanOut);
    } else if (auto* norm = module->as<torch::nn::BatchNorm2d>()) {
      torch::nn::init::ones_(norm->weight);
      torch::nn::init::zeros_(norm->bias);
    } else if (auto* linear = module->as<torch::nn::Linear>()) {
      torch::nn::init::normal_(linear->weight, 0.0, 0.01);
      torch::nn::init::zeros_(linear->bias);
    }
  }
}

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
