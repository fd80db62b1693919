#include "walness/imaging/TensorImage.h"

#include <torch/torch.h>

#include <stdexcept>
#include <string>

namespace walness::imaging {

at::Tensor matToTensor(const cv::Mat& image) {
  if (image.empty()) {
    throw std::invalid_argument("matToTensor: the image is empty");
  }
  if (image.dims != 2) {
    throw std::invalid_argument("matToTensor: expected a 2-D image, got " +
                                std::to_string(image.dims) + " dimensions");
  }
  cv::Mat asFloat;
  switch (image.depth()) {
    case CV_8U:
      image.convertTo(asFloat, CV_32F);
      break;
    case CV_32F:
      asFloat = image.isContinuous() ? image : image.clone();
      break;
    default:
      throw std::invalid_argument("matToTensor: only 8-bit and 32-bit float images are supported");
  }
  const int64_t height = asFloat.rows;
  const int64_t width = asFloat.cols;
  const int64_t channels = asFloat.channels();
  // from_blob does not own the Mat's memory: clone() after the permute makes the tensor own it.
  auto hwc = torch::from_blob(asFloat.data, {height, width, channels}, torch::kFloat32);
  return hwc.permute({2, 0, 1}).unsqueeze(0).contiguous().clone();
}

cv::Mat tensorToMat(const at::Tensor& map) {
  auto plane = map.detach().to(torch::kCPU, torch::kFloat32).squeeze();
  if (plane.dim() != 2) {
    throw std::invalid_argument("tensorToMat: expected a single 2-D map");
  }
  plane = plane.contiguous();
  cv::Mat view(static_cast<int>(plane.size(0)), static_cast<int>(plane.size(1)), CV_32F,
               plane.data_ptr<float>());
  return view.clone();
}

}  // namespace walness::imaging
