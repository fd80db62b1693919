#pragma once

#include <torch/types.h>

#include <memory>
#include <string>
#include <vector>

namespace walness::cam {

// A class activation map from the CAM layer's activations A [C, H, W] and the gradients G of one
// class score with respect to them. Methods differ only in how they weight A; the map is
// ReLU(sum over channels of weights * A).
class CamMethod {
 public:
  virtual ~CamMethod() = default;
  virtual std::string id() const = 0;  // "gradcam", "gradcampp", "hirescam", "layercam"
  // Weights broadcastable against A: [C, 1, 1] per channel or [C, H, W] per location.
  virtual torch::Tensor weights(const torch::Tensor& activations,
                                const torch::Tensor& gradients) const = 0;

  // The map [H, W], non-negative.
  torch::Tensor compute(const torch::Tensor& activations, const torch::Tensor& gradients) const;
};

// Grad-CAM: channel weight = mean gradient over the map.
class GradCam : public CamMethod {
 public:
  std::string id() const override { return "gradcam"; }
  torch::Tensor weights(const torch::Tensor& activations,
                        const torch::Tensor& gradients) const override;
};

// Grad-CAM++: channel weight = sum of ReLU(gradient) * alpha, with alpha from second and third
// powers of the gradient (Chattopadhyay et al. 2018, exponential-score form).
class GradCamPlusPlus : public CamMethod {
 public:
  std::string id() const override { return "gradcampp"; }
  torch::Tensor weights(const torch::Tensor& activations,
                        const torch::Tensor& gradients) const override;
};

// HiResCAM: every location weighted by its own gradient (faithful for a linear head).
class HiResCam : public CamMethod {
 public:
  std::string id() const override { return "hirescam"; }
  torch::Tensor weights(const torch::Tensor& activations,
                        const torch::Tensor& gradients) const override;
};

// LayerCAM: every location weighted by its positive gradient.
class LayerCam : public CamMethod {
 public:
  std::string id() const override { return "layercam"; }
  torch::Tensor weights(const torch::Tensor& activations,
                        const torch::Tensor& gradients) const override;
};

std::unique_ptr<CamMethod> createCamMethod(const std::string& id);  // nullptr if unknown
std::vector<std::string> camMethodIds();

}  // namespace walness::cam
