#include "walness/nn/MobileNetEdgeTpu.h"

#include <torch/torch.h>

#include "walness/nn/PreparedConv.h"

namespace walness::nn {

namespace {

// TensorFlow's "SAME" padding of one dimension: the output has ceil(size / stride) positions and
// the extra row or column, when the total is odd, goes after (bottom, right), not before.
std::pair<int64_t, int64_t> samePadding(int64_t size, int64_t kernel, int64_t stride) {
  const int64_t outputs = (size + stride - 1) / stride;
  const int64_t total = std::max<int64_t>((outputs - 1) * stride + kernel - size, 0);
  return {total / 2, total - total / 2};
}

// Conv -> BatchNorm -> ReLU with SAME padding (children "0", "1", "2"). Stride 1 pads
// symmetrically inside the convolution (SAME for odd kernels); stride 2 pads the input first.
class ConvBnReluImpl : public torch::nn::SequentialImpl {
 public:
  ConvBnReluImpl(int64_t in, int64_t out, int64_t kernel, int64_t stride, int64_t groups)
      : kernel_(kernel), stride_(stride) {
    push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, kernel)
                                    .stride(stride)
                                    .padding(stride == 1 ? (kernel - 1) / 2 : 0)
                                    .groups(groups)
                                    .bias(false)));
    push_back(torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(out).eps(1e-5).momentum(0.1)));
    push_back(torch::nn::ReLU(torch::nn::ReLUOptions().inplace(true)));
    conv_ = std::dynamic_pointer_cast<torch::nn::Conv2dImpl>(ptr(0));
    norm_ = std::dynamic_pointer_cast<torch::nn::BatchNorm2dImpl>(ptr(1));
  }

  // `input`: the shape the weights are prepacked for (before padding).
  void fold(const std::string& name, const std::vector<int64_t>& input) {
    std::vector<int64_t> padded = input;
    if (stride_ > 1) {
      const auto [top, bottom] = samePadding(input[2], kernel_, stride_);
      const auto [left, right] = samePadding(input[3], kernel_, stride_);
      padded[2] += top + bottom;
      padded[3] += left + right;
    }
    // ReLU follows separately: PreparedConv fuses only ReLU6.
    prepared_ = std::make_shared<const PreparedConv>(*conv_, norm_.get(),
                                                     PreparedConv::Activation::None, name, padded);
  }
  void unfold() { prepared_.reset(); }

  std::vector<int64_t> outputShape(const std::vector<int64_t>& input) const {
    return {input[0], conv_->options.out_channels(), (input[2] + stride_ - 1) / stride_,
            (input[3] + stride_ - 1) / stride_};
  }

  torch::Tensor forward(torch::Tensor input) {
    if (stride_ > 1) {
      const auto [top, bottom] = samePadding(input.size(2), kernel_, stride_);
      const auto [left, right] = samePadding(input.size(3), kernel_, stride_);
      input = torch::constant_pad_nd(input, {left, right, top, bottom}, 0);
    }
    if (!is_training() && prepared_) return prepared_->run(input).relu_();
    return SequentialImpl::forward(std::move(input));
  }

 private:
  int64_t kernel_;
  int64_t stride_;
  std::shared_ptr<torch::nn::Conv2dImpl> conv_;
  std::shared_ptr<torch::nn::BatchNorm2dImpl> norm_;
  std::shared_ptr<const PreparedConv> prepared_;  // eval mode only; null until folded
};
TORCH_MODULE(ConvBnRelu);

struct BlockSetting {
  bool fused;           // a full k x k convolution expands; else 1x1 expand, k x k depthwise
  int64_t expandRatio;  // 1: no expansion, only the projection
  int64_t channels;
  int64_t kernel;
  int64_t stride;
  bool residual;  // block 14 keeps its shape without a skip, as TensorFlow's original does
};

// features.1 .. features.22; scripts/convert-edgetpu holds the same table.
constexpr BlockSetting kBlocks[] = {
    {true, 1, 16, 3, 1, false},   {true, 8, 32, 3, 2, false},  {true, 4, 32, 3, 1, true},
    {true, 4, 32, 3, 1, true},    {true, 4, 32, 3, 1, true},   {true, 8, 48, 3, 2, false},
    {true, 4, 48, 3, 1, true},    {true, 4, 48, 3, 1, true},   {true, 4, 48, 3, 1, true},
    {false, 8, 96, 3, 2, false},  {false, 4, 96, 3, 1, true},  {false, 4, 96, 3, 1, true},
    {false, 4, 96, 3, 1, true},   {false, 8, 96, 3, 1, false}, {false, 4, 96, 3, 1, true},
    {false, 4, 96, 3, 1, true},   {false, 4, 96, 3, 1, true},  {false, 8, 160, 5, 2, false},
    {false, 4, 160, 5, 1, true},  {false, 4, 160, 5, 1, true}, {false, 4, 160, 5, 1, true},
    {false, 8, 192, 3, 1, false},
};
constexpr int64_t kStemChannels = 32;
constexpr size_t kFineBlock = 17, kDeepBlock = 22;  // the last blocks at stride 16 and 32

// One block: [expand] -> [depthwise] -> project (1x1, linear), children "conv.N" in that order.
class EdgeTpuBlockImpl : public torch::nn::Module {
 public:
  EdgeTpuBlockImpl(int64_t in, const BlockSetting& setting) : residual_(setting.residual) {
    const int64_t hidden = in * setting.expandRatio;
    torch::nn::Sequential layers;
    if (setting.expandRatio != 1) {
      expand_ = setting.fused ? ConvBnRelu(in, hidden, setting.kernel, setting.stride, 1)
                              : ConvBnRelu(in, hidden, 1, 1, 1);
      layers->push_back(expand_);
    }
    if (!setting.fused) {
      depthwise_ = ConvBnRelu(hidden, hidden, setting.kernel, setting.stride, hidden);
      layers->push_back(depthwise_);
    }
    projectConv_ = torch::nn::Conv2d(
        torch::nn::Conv2dOptions(hidden, setting.channels, 1).stride(1).bias(false));
    layers->push_back(projectConv_);
    projectNorm_ =
        torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(setting.channels).eps(1e-5));
    layers->push_back(projectNorm_);
    conv_ = register_module("conv", layers);
  }

  // `name` is the block's (e.g. "features.3"); its layers are named as in the state dict.
  void fold(const std::string& name, const std::vector<int64_t>& input) {
    int index = 0;
    std::vector<int64_t> shape = input;
    for (ConvBnRelu* layer : {&expand_, &depthwise_}) {
      if (!*layer) continue;
      (*layer)->fold(name + ".conv." + std::to_string(index++), shape);
      shape = (*layer)->outputShape(shape);
    }
    project_ = std::make_shared<const PreparedConv>(*projectConv_, projectNorm_.get(),
                                                    PreparedConv::Activation::None,
                                                    name + ".conv." + std::to_string(index), shape);
  }

  void unfold() {
    if (expand_) expand_->unfold();
    if (depthwise_) depthwise_->unfold();
    project_.reset();
  }

  std::vector<int64_t> outputShape(const std::vector<int64_t>& input) const {
    std::vector<int64_t> shape = input;
    if (expand_) shape = expand_->outputShape(shape);
    if (depthwise_) shape = depthwise_->outputShape(shape);
    shape[1] = projectConv_->options.out_channels();
    return shape;
  }

  torch::Tensor forward(const torch::Tensor& input) {
    if (!is_training() && project_) {
      torch::Tensor hidden = input;
      if (expand_) hidden = expand_->forward(hidden);
      if (depthwise_) hidden = depthwise_->forward(hidden);
      return project_->run(hidden, residual_ ? input : torch::Tensor());
    }
    const torch::Tensor output = conv_->forward(input);
    return residual_ ? input + output : output;
  }

 private:
  bool residual_;
  torch::nn::Sequential conv_{nullptr};
  ConvBnRelu expand_{nullptr};
  ConvBnRelu depthwise_{nullptr};
  torch::nn::Conv2d projectConv_{nullptr};
  torch::nn::BatchNorm2d projectNorm_{nullptr};
  std::shared_ptr<const PreparedConv> project_;  // eval mode only; null until folded
};
TORCH_MODULE(EdgeTpuBlock);

// Folds the block, its weights prepacked for inputs of `input`'s shape.
void foldBlock(torch::nn::Module& block, const std::string& name,
               const std::vector<int64_t>& input) {
  if (auto* plain = block.as<ConvBnReluImpl>()) plain->fold(name, input);
  if (auto* residual = block.as<EdgeTpuBlockImpl>()) residual->fold(name, input);
}

void unfoldBlock(torch::nn::Module& block) {
  if (auto* plain = block.as<ConvBnReluImpl>()) plain->unfold();
  if (auto* residual = block.as<EdgeTpuBlockImpl>()) residual->unfold();
}

// The shape each block sees when the network reads one photo at `size` px.
std::vector<std::vector<int64_t>> blockInputs(torch::nn::Sequential& blocks, int64_t size) {
  std::vector<std::vector<int64_t>> shapes;
  std::vector<int64_t> shape{1, 3, size, size};
  for (size_t i = 0; i < blocks->size(); ++i) {
    shapes.push_back(shape);
    if (auto* plain = blocks->ptr(i)->as<ConvBnReluImpl>()) shape = plain->outputShape(shape);
    if (auto* residual = blocks->ptr(i)->as<EdgeTpuBlockImpl>())
      shape = residual->outputShape(shape);
  }
  return shapes;
}

}  // namespace

MobileNetEdgeTpuImpl::MobileNetEdgeTpuImpl(int64_t numClasses, double dropout)
    : SequentialBackbone(numClasses) {
  torch::nn::Sequential blocks;
  blocks->push_back(ConvBnRelu(3, kStemChannels, 3, 2, 1));
  int64_t channels = kStemChannels;
  for (const BlockSetting& setting : kBlocks) {
    blocks->push_back(EdgeTpuBlock(channels, setting));
    channels = setting.channels;
  }
  blocks->push_back(ConvBnRelu(channels, kLastChannels, 1, 1, 1));
  setUp(blocks, kLastChannels, dropout);
}

void MobileNetEdgeTpuImpl::prepareForInference() {
  const auto shapes = blockInputs(features_, kPreparedInputSize);
  for (int64_t i = 0; i < featureBlockCount(); ++i)
    foldBlock(*features_->ptr(size_t(i)), "features." + std::to_string(i), shapes[size_t(i)]);
}

void MobileNetEdgeTpuImpl::freezeFeatureBlocks(int64_t count) {
  frozenBlocks_ = std::clamp<int64_t>(count, 0, featureBlockCount());
  const auto shapes = blockInputs(features_, kPreparedInputSize);
  for (int64_t i = 0; i < featureBlockCount(); ++i) {
    const bool frozen = i < frozenBlocks_;
    const auto& block = features_->ptr(size_t(i));
    for (auto& parameter : block->parameters()) parameter.set_requires_grad(!frozen);
    // Frozen blocks never change: fold them once for speed. Trainable ones must not keep a fold
    // from before, which would go stale.
    if (frozen)
      foldBlock(*block, "features." + std::to_string(i), shapes[size_t(i)]);
    else
      unfoldBlock(*block);
  }
  train(is_training());
}

std::vector<torch::Tensor> MobileNetEdgeTpuImpl::locatorFeatures(const torch::Tensor& input) {
  torch::Tensor x = input;
  std::vector<torch::Tensor> maps;
  size_t block = 0;
  for (auto& module : *features_) {
    x = module.forward(x);
    if (block == kFineBlock || block == kDeepBlock) maps.push_back(x.contiguous());
    if (++block > kDeepBlock) break;
  }
  return maps;
}

}  // namespace walness::nn
