#include "nn/MobileNetV2.h"

#include <torch/torch.h>

namespace walness::nn {

namespace {

// Conv -> BatchNorm -> ReLU6, torchvision's Conv2dNormActivation (children "0", "1", "2"). A
// Sequential subclass with a concrete forward(), so it can sit inside other Sequentials.
class ConvBnRelu6Impl : public torch::nn::SequentialImpl {
 public:
  ConvBnRelu6Impl(int64_t in, int64_t out, int64_t kernel, int64_t stride, int64_t groups) {
    push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, kernel)
                                    .stride(stride)
                                    .padding((kernel - 1) / 2)
                                    .groups(groups)
                                    .bias(false)));
    push_back(torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(out).eps(1e-5).momentum(0.1)));
    push_back(torch::nn::ReLU6(torch::nn::ReLU6Options().inplace(true)));
  }
  torch::Tensor forward(torch::Tensor input) { return SequentialImpl::forward(std::move(input)); }
};
TORCH_MODULE(ConvBnRelu6);

// Expand (1x1) -> depthwise (3x3) -> project (1x1, linear), with a skip when shapes allow.
class InvertedResidualImpl : public torch::nn::Module {
 public:
  InvertedResidualImpl(int64_t in, int64_t out, int64_t stride, int64_t expandRatio)
      : useResidual_(stride == 1 && in == out) {
    const int64_t hidden = in * expandRatio;
    torch::nn::Sequential layers;
    if (expandRatio != 1) layers->push_back(ConvBnRelu6(in, hidden, 1, 1, 1));
    layers->push_back(ConvBnRelu6(hidden, hidden, 3, stride, hidden));
    layers->push_back(
        torch::nn::Conv2d(torch::nn::Conv2dOptions(hidden, out, 1).stride(1).bias(false)));
    layers->push_back(torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(out).eps(1e-5)));
    conv_ = register_module("conv", layers);
  }

  torch::Tensor forward(const torch::Tensor& input) {
    torch::Tensor output = conv_->forward(input);
    return useResidual_ ? input + output : output;
  }

 private:
  bool useResidual_;
  torch::nn::Sequential conv_{nullptr};
};
TORCH_MODULE(InvertedResidual);

struct BlockSetting {
  int64_t expandRatio;
  int64_t channels;
  int64_t repeats;
  int64_t stride;
};

// The MobileNetV2 paper's table 2, as torchvision builds it.
constexpr BlockSetting kSettings[] = {
    {1, 16, 1, 1}, {6, 24, 2, 2},  {6, 32, 3, 2},  {6, 64, 4, 2},
    {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1},
};

}  // namespace

MobileNetV2Impl::MobileNetV2Impl(int64_t numClasses, double dropout) : numClasses_(numClasses) {
  torch::nn::Sequential blocks;
  int64_t channels = 32;
  blocks->push_back(ConvBnRelu6(3, channels, 3, 2, 1));
  for (const BlockSetting& setting : kSettings) {
    for (int64_t i = 0; i < setting.repeats; ++i) {
      const int64_t stride = i == 0 ? setting.stride : 1;
      blocks->push_back(InvertedResidual(channels, setting.channels, stride, setting.expandRatio));
      channels = setting.channels;
    }
  }
  blocks->push_back(ConvBnRelu6(channels, kLastChannels, 1, 1, 1));
  features_ = register_module("features", blocks);

  classifier_ = register_module(
      "classifier", torch::nn::Sequential(torch::nn::Dropout(torch::nn::DropoutOptions(dropout)),
                                          torch::nn::Linear(kLastChannels, numClasses)));

  // torchvision's initialisation, for training from scratch; pretrained weights replace it.
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

torch::Tensor MobileNetV2Impl::features(const torch::Tensor& input) {
  return features_->forward(input);
}

torch::Tensor MobileNetV2Impl::head(const torch::Tensor& features) {
  torch::Tensor pooled = torch::adaptive_avg_pool2d(features, {1, 1}).flatten(1);
  return classifier_->forward(pooled);
}

}  // namespace walness::nn
