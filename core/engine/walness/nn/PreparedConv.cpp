#include "walness/nn/PreparedConv.h"

#include <ATen/core/dispatch/Dispatcher.h>
#include <torch/torch.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace walness::nn {

namespace {

// WALNESS_PREPACKED=0 keeps ATen's plain kernel for every convolution (for measuring, or should a
// oneDNN build misbehave in a way the check cannot see, such as crashing).
std::atomic<bool> prepackedAllowed{[] {
  const char* value = std::getenv("WALNESS_PREPACKED");
  return !(value && std::string(value) == "0");
}()};

// WALNESS_LOG_KERNELS=1 prints each convolution's kernel choice for each input shape (stderr).
bool logKernels() {
  static const bool enabled = [] {
    const char* value = std::getenv("WALNESS_LOG_KERNELS");
    return value && *value && std::string(value) != "0";
  }();
  return enabled;
}

void logShape(const char* what, const std::string& name, const std::array<int64_t, 4>& shape,
              const char* kernel, double error) {
  if (!logKernels()) return;
  std::fprintf(stderr, "walness: %s %s, input %lldx%lldx%lldx%lld: %s (%.3g of the tolerance)\n",
               what, name.c_str(), static_cast<long long>(shape[0]),
               static_cast<long long>(shape[1]), static_cast<long long>(shape[2]),
               static_cast<long long>(shape[3]), kernel, error);
}

using PointwiseSignature = at::Tensor(const at::Tensor&, const at::Tensor&,
                                      const std::optional<at::Tensor>&, at::IntArrayRef,
                                      at::IntArrayRef, at::IntArrayRef, int64_t, c10::string_view,
                                      c10::List<std::optional<at::Scalar>>,
                                      std::optional<c10::string_view>);
using BinarySignature = at::Tensor(const at::Tensor&, const at::Tensor&, const at::Tensor&,
                                   const std::optional<at::Tensor>&, at::IntArrayRef,
                                   at::IntArrayRef, at::IntArrayRef, int64_t, c10::string_view,
                                   std::optional<at::Scalar>, std::optional<c10::string_view>,
                                   c10::List<std::optional<at::Scalar>>,
                                   std::optional<c10::string_view>);

// oneDNN's fused convolutions, registered by LibTorch when it is built with oneDNN (Debian's is).
// They are not part of the C++ API's headers, so they are looked up by name once.
struct OneDnnOps {
  std::optional<c10::TypedOperatorHandle<PointwiseSignature>> pointwise;
  std::optional<c10::TypedOperatorHandle<BinarySignature>> binary;

  static const OneDnnOps& get() {
    static const OneDnnOps ops = [] {
      OneDnnOps found;
      if (!at::hasMKLDNN()) return found;
      auto& dispatcher = c10::Dispatcher::singleton();
      const auto pointwise = dispatcher.findSchema({"mkldnn::_convolution_pointwise", ""});
      const auto binary = dispatcher.findSchema({"mkldnn::_convolution_pointwise", "binary"});
      try {
        if (pointwise && binary) {
          found.pointwise = pointwise->typed<PointwiseSignature>();
          found.binary = binary->typed<BinarySignature>();
        }
      } catch (const c10::Error&) {
        found = OneDnnOps{};  // another LibTorch's signature: stay with the plain kernel
      }
      return found;
    }();
    return ops;
  }
};

}  // namespace

const char* convKernelName(ConvKernel kernel) {
  switch (kernel) {
    case ConvKernel::OneDnnPrepacked:
      return "onednn-prepacked";
    case ConvKernel::OneDnnGeneric:
      return "onednn-generic";
    case ConvKernel::Plain:
      return "plain";
  }
  return "?";
}

void PreparedConv::allowPrepacked(bool allowed) {
  prepackedAllowed = allowed;
}

bool PreparedConv::prepackedAvailable() {
  return OneDnnOps::get().pointwise.has_value();
}

PreparedConv::PreparedConv(const torch::nn::Conv2dImpl& conv,
                           const torch::nn::BatchNorm2dImpl* norm, Activation activation,
                           std::string name, std::vector<int64_t> inputShape)
    : name_(std::move(name)), activation_(activation) {
  torch::NoGradGuard noGrad;
  const auto& options = conv.options;
  geometry_.stride = std::vector<int64_t>(options.stride()->begin(), options.stride()->end());
  const auto& padding = std::get<torch::ExpandingArray<2>>(options.padding());
  geometry_.padding = std::vector<int64_t>(padding->begin(), padding->end());
  geometry_.dilation = std::vector<int64_t>(options.dilation()->begin(), options.dilation()->end());
  geometry_.groups = options.groups();

  torch::Tensor weight = conv.weight.detach();
  torch::Tensor bias =
      conv.bias.defined() ? conv.bias.detach() : torch::zeros({weight.size(0)}, weight.options());
  if (norm) {
    const torch::Tensor scale = norm->weight / torch::sqrt(norm->running_var + norm->options.eps());
    weight = weight * scale.view({-1, 1, 1, 1});
    bias = norm->bias - norm->running_mean * scale + bias * scale;
  }
  weight_ = weight.contiguous();
  bias_ = bias.contiguous();
  if (prepackedAvailable() && weight_.device().is_cpu() && weight_.scalar_type() == torch::kFloat)
    packedWeight_ =
        at::mkldnn_reorder_conv2d_weight(weight_.to_mkldnn(), geometry_.padding, geometry_.stride,
                                         geometry_.dilation, geometry_.groups, inputShape);
}

std::optional<ConvKernel> PreparedConv::kernelFor(at::IntArrayRef inputShape) const {
  if (inputShape.size() != 4) return std::nullopt;
  const Shape shape{inputShape[0], inputShape[1], inputShape[2], inputShape[3]};
  std::lock_guard lock(mutex_);
  const auto found = kernels_.find(shape);
  if (found == kernels_.end()) return std::nullopt;
  return found->second;
}

torch::Tensor PreparedConv::run(const torch::Tensor& input, const torch::Tensor& residual) const {
  if (input.dim() != 4 || !input.device().is_cpu() || input.scalar_type() != torch::kFloat)
    return runPlain(input, residual);
  const Shape shape{input.size(0), input.size(1), input.size(2), input.size(3)};
  const bool prepackable = packedWeight_.defined() && prepackedAllowed;
  if (!prepackable) return runPlain(input, residual);
  std::optional<ConvKernel> choice;
  {
    std::lock_guard lock(mutex_);
    auto found = kernels_.find(shape);
    if (found == kernels_.end()) {
      // A shape seen once (a photo of its own size, say) would pay for a check it never uses:
      // it runs the plain kernel, and the check comes the second time.
      if (kernels_.size() >= kMaxShapes) kernels_.clear();
      kernels_[shape] = std::nullopt;
      return runPlain(input, residual);
    }
    choice = found->second;
  }
  if (choice) return runKernel(*choice, input, residual);
  return chooseAndRun(shape, input, residual);
}

torch::Tensor PreparedConv::chooseAndRun(const Shape& shape, const torch::Tensor& input,
                                         const torch::Tensor& residual) const {
  const torch::Tensor plain = runPlain(input, residual);
  const auto choose = [&](ConvKernel kernel, double error) {
    logShape("convolution", name_, shape, convKernelName(kernel), error);
    std::lock_guard lock(mutex_);
    kernels_[shape] = kernel;
    return plain;
  };
  // A fast kernel is used only where it agrees with ATen's plain one.
  for (const ConvKernel kernel : {ConvKernel::OneDnnPrepacked, ConvKernel::OneDnnGeneric}) {
    double error = INFINITY;
    try {
      error = disagreement(runKernel(kernel, input, residual), plain);
    } catch (const c10::Error&) {
      // a kernel this LibTorch or CPU does not offer for this shape
    }
    if (error <= 1.0) return choose(kernel, error);
    logShape("refused for convolution", name_, shape, convKernelName(kernel), error);
  }
  return choose(ConvKernel::Plain, 0.0);
}

torch::Tensor PreparedConv::runKernel(ConvKernel kernel, const torch::Tensor& input,
                                      const torch::Tensor& residual) const {
  switch (kernel) {
    case ConvKernel::OneDnnPrepacked:
      return runOneDnn(packedWeight_, input, residual);
    case ConvKernel::OneDnnGeneric:
      return runOneDnn(genericWeight(), input, residual);
    case ConvKernel::Plain:
      break;
  }
  return runPlain(input, residual);
}

const torch::Tensor& PreparedConv::genericWeight() const {
  std::lock_guard lock(mutex_);
  if (!genericWeight_.defined())
    genericWeight_ =
        at::mkldnn_reorder_conv2d_weight(weight_.to_mkldnn(), geometry_.padding, geometry_.stride,
                                         geometry_.dilation, geometry_.groups);
  return genericWeight_;
}

torch::Tensor PreparedConv::runOneDnn(const torch::Tensor& weight, const torch::Tensor& input,
                                      const torch::Tensor& residual) const {
  const OneDnnOps& ops = OneDnnOps::get();
  const torch::Tensor x = input.contiguous(torch::MemoryFormat::ChannelsLast);
  const bool relu6 = activation_ == Activation::Relu6;
  c10::List<std::optional<at::Scalar>> scalars;
  if (relu6) {
    scalars.push_back(at::Scalar(0.0));
    scalars.push_back(at::Scalar(6.0));
  }
  const c10::string_view unary = relu6 ? "hardtanh" : "none";
  if (residual.defined())
    return ops.binary->call(
        x, residual.contiguous(torch::MemoryFormat::ChannelsLast), weight, bias_, geometry_.padding,
        geometry_.stride, geometry_.dilation, geometry_.groups, "add", std::nullopt,
        relu6 ? std::optional<c10::string_view>(unary) : std::nullopt, scalars, std::nullopt);
  return ops.pointwise->call(x, weight, bias_, geometry_.padding, geometry_.stride,
                             geometry_.dilation, geometry_.groups, unary, scalars, std::nullopt);
}

torch::Tensor PreparedConv::runPlain(const torch::Tensor& input,
                                     const torch::Tensor& residual) const {
  torch::Tensor output = torch::conv2d(input.contiguous(), weight_.to(input.scalar_type()),
                                       bias_.to(input.scalar_type()), geometry_.stride,
                                       geometry_.padding, geometry_.dilation, geometry_.groups);
  if (residual.defined()) output = output + residual;
  if (activation_ == Activation::Relu6) output = torch::hardtanh_(output, 0.0, 6.0);
  return output;
}

double PreparedConv::disagreement(const torch::Tensor& output, const torch::Tensor& expected) {
  if (output.sizes() != expected.sizes()) return INFINITY;
  // In float, without copies: a check must cost little next to the convolution it checks.
  const double difference = (output - expected).abs_().max().item<double>();
  if (!std::isfinite(difference)) return INFINITY;
  // float rounding moves a convolution's output by about 1e-6 of its range, whatever the kernel
  // or summation order; a wrong kernel by a sizeable part of it.
  const double tolerance = 1e-4 * std::max(1.0, expected.abs().max().item<double>());
  return difference / tolerance;
}

}  // namespace walness::nn
