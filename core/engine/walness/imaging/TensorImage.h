#pragma once

#include <ATen/core/Tensor.h>
#include <opencv2/core/mat.hpp>

namespace walness::imaging {

// cv::Mat (H x W x C, 8-bit or float) -> float32 tensor [1, C, H, W] holding the same values.
// The tensor owns its memory, so the Mat may go away afterwards. Throws std::invalid_argument for
// empty images and depths other than 8U/32F.
at::Tensor matToTensor(const cv::Mat& image);

// Float tensor [H, W] or [1, 1, H, W] -> single-channel CV_32F Mat (a copy), e.g. a CAM heatmap.
cv::Mat tensorToMat(const at::Tensor& map);

}  // namespace walness::imaging
