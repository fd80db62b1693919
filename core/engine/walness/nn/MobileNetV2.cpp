#include "walness/nn/MobileNetV2.h"

#include <torch/torch.h>

#include "walness/nn/PreparedConv.h"

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
    conv_ = std::dynamic_pointer_cast<torch::nn::Conv2dImpl>(ptr(0));
    norm_ = std::dynamic_pointer_cast<torch::nn::BatchNorm2dImpl>(ptr(1));
  }

  // `input`: the shape the weights are prepacked for.
  void fold(const std::string& name, const std::vector<int64_t>& input) {
    prepared_ = std::make_shared<const PreparedConv>(*conv_, norm_.get(),
                                                     PreparedConv::Activation::Relu6, name, input);
  }

  std::vector<int64_t> outputShape(const std::vector<int64_t>& input) const {
    const int64_t stride = (*conv_->options.stride())[0];
    return {input[0], conv_->options.out_channels(), (input[2] + stride - 1) / stride,
            (input[3] + stride - 1) / stride};
  }
  void unfold() { prepared_.reset(); }

  torch::Tensor forward(torch::Tensor input) {
    if (!is_training() && prepared_) return prepared_->run(input);
    return SequentialImpl::forward(std::move(input));
  }

 private:
  std::shared_ptr<torch::nn::Conv2dImpl> conv_;
  std::shared_ptr<torch::nn::BatchNorm2dImpl> norm_;
  std::shared_ptr<const PreparedConv> prepared_;  // eval mode only; null until folded
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
    projectConv_ =
        torch::nn::Conv2d(torch::nn::Conv2dOptions(hidden, out, 1).stride(1).bias(false));
    layers->push_back(projectConv_);
    projectNorm_ = torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(out).eps(1e-5));
    layers->push_back(projectNorm_);
    conv_ = register_module("conv", layers);
  }

  // `name` is the block's (e.g. "features.3"); its layers are named as in the state dict.
  void fold(const std::string& name, const std::vector<int64_t>& input) {
    const int depthwiseIndex = expand_ ? 1 : 0;
    std::vector<int64_t> hidden = input;
    if (expand_) {
      expand_->fold(name + ".conv.0", input);
      hidden = expand_->outputShape(input);
    }
    depthwise_->fold(name + ".conv." + std::to_string(depthwiseIndex), hidden);
    project_ = std::make_shared<const PreparedConv>(
        *projectConv_, projectNorm_.get(), PreparedConv::Activation::None,
        name + ".conv." + std::to_string(depthwiseIndex + 1), depthwise_->outputShape(hidden));
  }

  std::vector<int64_t> outputShape(const std::vector<int64_t>& input) const {
    const std::vector<int64_t> hidden = expand_ ? expand_->outputShape(input) : input;
    std::vector<int64_t> output = depthwise_->outputShape(hidden);
    output[1] = projectConv_->options.out_channels();
    return output;
  }

  void unfold() {
    if (expand_) expand_->unfold();
    depthwise_->unfold();
    project_.reset();
  }

  torch::Tensor forward(const torch::Tensor& input) {
    if (!is_training() && project_) {
      const torch::Tensor hidden = depthwise_->forward(expand_ ? expand_->forward(input) : input);
      return project_->run(hidden, useResidual_ ? input : torch::Tensor());
    }
    const torch::Tensor output = conv_->forward(input);
    return useResidual_ ? input + output : output;
  }

 private:
  bool useResidual_;
  torch::nn::Sequential conv_{nullptr};
  ConvBnRelu6 expand_{nullptr};
  ConvBnRelu6 depthwise_{nullptr};
  torch::nn::Conv2d projectConv_{nullptr};
  torch::nn::BatchNorm2d projectNorm_{nullptr};
  std::shared_ptr<const PreparedConv> project_;  // eval mode only; null until folded
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

MobileNetV2Impl::MobileNetV2Impl(int64_t numClasses, double dropout)
    : SequentialBackbone(numClasses) {
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
  setUp(blocks, kLastChannels, dropout);
}

namespace {
// Folds the block, its weights prepacked for inputs of `input`'s shape.
void foldBlock(torch::nn::Module& block, const std::string& name,
               const std::vector<int64_t>& input) {
  if (auto* stem = block.as<ConvBnRelu6Impl>()) stem->fold(name, input);
  if (auto* residual = block.as<InvertedResidualImpl>()) residual->fold(name, input);
}

// The shape each block sees when the network reads one photo at `size` px.
std::vector<std::vector<int64_t>> blockInputs(torch::nn::Sequential& blocks, int64_t size) {
  std::vector<std::vector<int64_t>> shapes;
  std::vector<int64_t> shape{1, 3, size, size};
  for (size_t i = 0; i < blocks->size(); ++i) {
    shapes.push_back(shape);
    if (auto* stem = blocks->ptr(i)->as<ConvBnRelu6Impl>()) shape = stem->outputShape(shape);
    if (auto* residual = blocks->ptr(i)->as<InvertedResidualImpl>())
      shape = residual->outputShape(shape);
  }
  return shapes;
}
}  // namespace

void MobileNetV2Impl::prepareForInference() {
  const auto shapes = blockInputs(features_, kPreparedInputSize);
  for (int64_t i = 0; i < featureBlockCount(); ++i)
    foldBlock(*features_->ptr(size_t(i)), "features." + std::to_string(i), shapes[size_t(i)]);
}

void MobileNetV2Impl::freezeFeatureBlocks(int64_t count) {
  frozenBlocks_ = std::clamp<int64_t>(count, 0, featureBlockCount());
  const auto shapes = blockInputs(features_, kPreparedInputSize);
  for (int64_t i = 0; i < featureBlockCount(); ++i) {
    const bool frozen = i < frozenBlocks_;
    const auto& block = features_->ptr(size_t(i));
    for (auto& parameter : block->parameters()) parameter.set_requires_grad(!frozen);
    // Frozen blocks never change: fold them once for speed. Trainable ones must not keep a fold
    // from before, which would go stale.
    if (frozen) {
      foldBlock(*block, "features." + std::to_string(i), shapes[size_t(i)]);
    } else if (auto* stem = block->as<ConvBnRelu6Impl>()) {
      stem->unfold();
    } else if (auto* residual = block->as<InvertedResidualImpl>()) {
      residual->unfold();
    }
  }
  train(is_training());
}

std::vector<torch::Tensor> MobileNetV2Impl::locatorFeatures(const torch::Tensor& input) {
  constexpr size_t kFine = 13, kDeep = 17;
  torch::Tensor x = input;
  std::vector<torch::Tensor> maps;
  size_t block = 0;
  for (auto& module : *features_) {
    x = module.forward(x);
    if (block == kFine || block == kDeep) maps.push_back(x.contiguous());
    if (++block > kDeep) break;
  }
  return maps;
}

}  // namespace walness::nn
