#include "walness/cam/CamMethod.h"

#include <torch/torch.h>

namespace walness::cam {

torch::Tensor CamMethod::compute(const torch::Tensor& activations,
                                 const torch::Tensor& gradients) const {
  return torch::relu((weights(activations, gradients) * activations).sum(0));
}

torch::Tensor GradCam::weights(const torch::Tensor&, const torch::Tensor& gradients) const {
  return gradients.mean({1, 2}, /*keepdim=*/true);
}

torch::Tensor GradCamPlusPlus::weights(const torch::Tensor& activations,
                                       const torch::Tensor& gradients) const {
  const torch::Tensor squared = gradients.pow(2);
  const torch::Tensor cubed = gradients.pow(3);
  const torch::Tensor activationSum = activations.sum({1, 2}, /*keepdim=*/true);
  const torch::Tensor denominator = 2 * squared + activationSum * cubed;
  torch::Tensor alpha =
      squared / torch::where(denominator != 0, denominator, torch::ones_like(denominator));
  alpha = torch::where(gradients != 0, alpha, torch::zeros_like(alpha));
  return (alpha * torch::relu(gradients)).sum({1, 2}, /*keepdim=*/true);
}

torch::Tensor HiResCam::weights(const torch::Tensor&, const torch::Tensor& gradients) const {
  return gradients;
}

torch::Tensor LayerCam::weights(const torch::Tensor&, const torch::Tensor& gradients) const {
  return torch::relu(gradients);
}

std::vector<std::string> camMethodIds() {
  return {"gradcam", "gradcampp", "hirescam", "layercam"};
}

std::unique_ptr<CamMethod> createCamMethod(const std::string& id) {
  if (id == "gradcam") return std::make_unique<GradCam>();
  if (id == "gradcampp") return std::make_unique<GradCamPlusPlus>();
  if (id == "hirescam") return std::make_unique<HiResCam>();
  if (id == "layercam") return std::make_unique<LayerCam>();
  return nullptr;
}

}  // namespace walness::cam
