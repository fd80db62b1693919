#include "nn/MobileNetV2.h"

#include <torch/torch.h>

namespace walness::nn {

namespace {

// Conv and BatchNorm folded into one convolution: w' = w * g / sqrt(v + eps),
// b' = beta - mean * g / sqrt(v + eps). Valid in eval mode only.
struct FoldedConv {
  torch::Tensor weight;
  torch::Tensor bias;

  static FoldedConv fold(const torch::nn::Conv2dImpl& conv,
                         const torch::nn::BatchNorm2dImpl& norm) {
    torch::NoGradGuard noGrad;
    const torch::Tensor scale = norm.weight / torch::sqrt(norm.running_var + norm.options.eps());
    torch::Tensor bias = norm.bias - norm.running_mean * scale;
    if (conv.bias.defined()) bias = bias + conv.bias * scale;
    const torch::Tensor weight =
        (conv.weight * scale.view({-1, 1, 1, 1})).contiguous(torch::MemoryFormat::ChannelsLast);
    return {weight, bias.contiguous()};
  }

  torch::Tensor apply(const torch::Tensor& input, const torch::nn::Conv2dImpl& conv) const {
    const auto& options = conv.options;
    return torch::conv2d(input, weight, bias, *options.stride(),
                         std::get<torch::ExpandingArray<2>>(options.padding()), *options.dilation(),
                         options.groups());
  }
};

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
    conv_ = std::dynamic_pointer_cast<torch::nn::Conv2dImpl>(ptr(0));
    norm_ = std::dynamic_pointer_cast<torch::nn::BatchNorm2dImpl>(ptr(1));
  }

  void fold() { folded_ = FoldedConv::fold(*conv_, *norm_); }
  void unfold() { folded_ = FoldedConv{}; }

  torch::Tensor forward(torch::Tensor input) {
    if (!is_training() && folded_.weight.defined()) {
      torch::Tensor output = folded_.apply(input, *conv_);
      return torch::hardtanh_(output, 0.0, 6.0);
    }
    return SequentialImpl::forward(std::move(input));
  }

 private:
  std::shared_ptr<torch::nn::Conv2dImpl> conv_;
  std::shared_ptr<torch::nn::BatchNorm2dImpl> norm_;
  FoldedConv folded_;
};
TORCH_MODULE(ConvBnRelu6);

// Expand (1x1) -> depthwise (3x3) -> project (1x1, linear), with a skip when shapes allow.
class InvertedResidualImpl : public torch::nn::Module {
 public:
  InvertedResidualImpl(int64_t in, int64_t out, int64_t stride, int64_t expandRatio)
      : useResidual_(stride == 1 && in == out) {
    const int64_t hidden = in * expandRatio;
    torch::nn::Sequential layers;
    if (expandRatio != 1) {
      expand_ = ConvBnRelu6(in, hidden, 1, 1, 1);
      layers->push_back(expand_);
    }
    depthwise_ = ConvBnRelu6(hidden, hidden, 3, stride, hidden);
    layers->push_back(depthwise_);
    project_ = torch::nn::Conv2d(torch::nn::Conv2dOptions(hidden, out, 1).stride(1).bias(false));
    layers->push_back(project_);
    projectNorm_ = torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(out).eps(1e-5));
    layers->push_back(projectNorm_);
    conv_ = register_module("conv", layers);
  }

  void fold() {
    if (expand_) expand_->fold();
    depthwise_->fold();
    foldedProject_ = FoldedConv::fold(*project_, *projectNorm_);
  }

  void unfold() {
    if (expand_) expand_->unfold();
    depthwise_->unfold();
    foldedProject_ = FoldedConv{};
  }

  torch::Tensor forward(const torch::Tensor& input) {
    torch::Tensor output;
    if (!is_training() && foldedProject_.weight.defined()) {
      torch::Tensor hidden = expand_ ? expand_->forward(input) : input;
      output = foldedProject_.apply(depthwise_->forward(hidden), *project_);
    } else {
      output = conv_->forward(input);
    }
    return useResidual_ ? input + output : output;
  }

 private:
  bool useResidual_;
  torch::nn::Sequential conv_{nullptr};
  ConvBnRelu6 expand_{nullptr};
  ConvBnRelu6 depthwise_{nullptr};
  torch::nn::Conv2d project_{nullptr};
  torch::nn::BatchNorm2d projectNorm_{nullptr};
  FoldedConv foldedProject_;
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

void MobileNetV2Impl::prepareForInference() {
  for (auto& block : features_->children()) {
    if (auto* stem = block->as<ConvBnRelu6Impl>()) stem->fold();
    if (auto* residual = block->as<InvertedResidualImpl>()) residual->fold();
  }
  folded_ = true;
}

void MobileNetV2Impl::freezeFeatureBlocks(int64_t count) {
  frozenBlocks_ = std::clamp<int64_t>(count, 0, featureBlockCount());
  for (int64_t i = 0; i < featureBlockCount(); ++i) {
    const bool frozen = i < frozenBlocks_;
    const auto& block = features_->ptr(size_t(i));
    for (auto& parameter : block->parameters()) parameter.set_requires_grad(!frozen);
    // Frozen blocks never change: fold them once for speed. Trainable ones must not keep a fold
    // from before, which would go stale.
    if (auto* stem = block->as<ConvBnRelu6Impl>()) frozen ? stem->fold() : stem->unfold();
    if (auto* residual = block->as<InvertedResidualImpl>())
      frozen ? residual->fold() : residual->unfold();
  }
  folded_ = false;
  train(is_training());
}

void MobileNetV2Impl::shiftLogits(const torch::Tensor& offsets) {
  torch::NoGradGuard noGrad;
  classifier_->ptr(1)->as<torch::nn::Linear>()->bias.add_(offsets.to(torch::kFloat));
}

void MobileNetV2Impl::keepNormStatistics(bool keep) {
  keepNormStatistics_ = keep;
  train(is_training());
}

void MobileNetV2Impl::train(bool on) {
  torch::nn::Module::train(on);
  for (int64_t i = 0; i < frozenBlocks_; ++i) features_->ptr(size_t(i))->eval();
  if (keepNormStatistics_)
    for (auto& module : modules(/*include_self=*/false))
      if (module->as<torch::nn::BatchNorm2d>()) module->eval();
}

torch::Tensor MobileNetV2Impl::features(const torch::Tensor& input) {
  if (folded_ && !is_training())
    return features_->forward(input.contiguous(torch::MemoryFormat::ChannelsLast));
  return features_->forward(input);
}

std::vector<torch::Tensor> MobileNetV2Impl::locatorFeatures(const torch::Tensor& input) {
  constexpr size_t kFine = 13, kDeep = 17;
  torch::Tensor x =
      folded_ && !is_training() ? input.contiguous(torch::MemoryFormat::ChannelsLast) : input;
  std::vector<torch::Tensor> maps;
  size_t block = 0;
  for (auto& module : *features_) {
    x = module.forward(x);
    if (block == kFine || block == kDeep) maps.push_back(x.contiguous());
    if (++block > kDeep) break;
  }
  return maps;
}

torch::Tensor MobileNetV2Impl::head(const torch::Tensor& features) {
  torch::Tensor pooled = torch::adaptive_avg_pool2d(features, {1, 1}).flatten(1);
  return classifier_->forward(pooled);
}

}  // namespace walness::nn
