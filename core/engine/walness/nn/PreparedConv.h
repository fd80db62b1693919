#pragma once

#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>
#include <torch/types.h>

#include <array>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace walness::nn {

// How a prepared convolution computes its output for one input shape.
enum class ConvKernel {
  // oneDNN with the weights reordered once, when the bundle loads, into the layout its fastest
  // kernel for the app's input shape wants, and the ReLU6 (and the residual sum) fused into the
  // convolution: what torch.jit.optimize_for_inference and Inductor use.
  OneDnnPrepacked,
  // The same with the weights in oneDNN's layout for no particular shape (made the first time the
  // prepacked kernel is refused): oneDNN picks another kernel and reorders the weights per call.
  OneDnnGeneric,
  // ATen's convolution on NCHW tensors with the folded weights.
  Plain,
};

const char* convKernelName(ConvKernel kernel);

// The geometry of a 2-D convolution.
struct ConvGeometry {
  std::vector<int64_t> stride, padding, dilation;
  int64_t groups = 1;
};

// An eval-mode convolution with its BatchNorm folded in (w' = w * g / sqrt(v + eps),
// b' = beta - mean * g / sqrt(v + eps)), an optional ReLU6 after it and an optional residual sum,
// ready for inference: the weights are prepacked for oneDNN once, when the bundle loads.
//
// A fast kernel is trusted only after it has been checked: the second time an input shape comes
// through (the first runs the plain kernel, so a shape seen once costs no check), the fast
// kernel's whole output is compared with ATen's plain kernel, and a kernel that disagrees is not
// used for that shape.
// Debian's LibTorch 2.6 with oneDNN 3.6 on an AMD Zen 5 CPU computes some 1x1 convolutions over
// channels-last tensors wrongly (320 -> 1280 channels at 7x7 for a batch of 2 or more, off by
// half the output's range; also in ATen's own channels-last path), and the wrong values can be a
// few among thousands: only a check of every output catches such a kernel on any machine and shape.
class PreparedConv {
 public:
  enum class Activation { None, Relu6 };

  // `inputShape`: the input the weights are prepacked for (N, C, H, W); other shapes still run.
  PreparedConv(const torch::nn::Conv2dImpl& conv, const torch::nn::BatchNorm2dImpl* norm,
               Activation activation, std::string name, std::vector<int64_t> inputShape);

  // `residual`, when defined, is added to the convolution's output (shape of the output).
  torch::Tensor run(const torch::Tensor& input, const torch::Tensor& residual = {}) const;

  // The kernel used for inputs of this shape; nullopt until it has been chosen.
  std::optional<ConvKernel> kernelFor(at::IntArrayRef inputShape) const;
  const std::string& name() const { return name_; }

  // How far `output` is from `expected`, in units of the tolerance (<= 1: the same result up to
  // float rounding): the largest difference over 1e-4 of expected's largest magnitude (at least 1).
  // Infinite for another shape or a NaN.
  static double disagreement(const torch::Tensor& output, const torch::Tensor& expected);

  // Whether oneDNN's prepacked kernel may be tried at all (default: yes, when this LibTorch has
  // it). Off, every prepared convolution runs the plain kernel: the bench's comparison row.
  static void allowPrepacked(bool allowed);
  static bool prepackedAvailable();

 private:
  using Shape = std::array<int64_t, 4>;
  // Shapes remembered per convolution; past that (an eye finder fed photos of many sizes) the
  // memory starts afresh.
  static constexpr size_t kMaxShapes = 256;

  torch::Tensor runKernel(ConvKernel kernel, const torch::Tensor& input,
                          const torch::Tensor& residual) const;
  torch::Tensor runOneDnn(const torch::Tensor& weight, const torch::Tensor& input,
                          const torch::Tensor& residual) const;
  const torch::Tensor& genericWeight() const;
  torch::Tensor runPlain(const torch::Tensor& input, const torch::Tensor& residual) const;
  torch::Tensor chooseAndRun(const Shape& shape, const torch::Tensor& input,
                             const torch::Tensor& residual) const;

  std::string name_;
  ConvGeometry geometry_;
  Activation activation_;
  torch::Tensor weight_;  // folded, NCHW, contiguous
  torch::Tensor bias_;
  torch::Tensor packedWeight_;  // oneDNN's layout; undefined when oneDNN is not available
  mutable std::mutex mutex_;
  mutable torch::Tensor genericWeight_;  // made under mutex_ when first needed
  // nullopt: seen once, not checked yet.
  mutable std::map<Shape, std::optional<ConvKernel>> kernels_;
};

}  // namespace walness::nn
