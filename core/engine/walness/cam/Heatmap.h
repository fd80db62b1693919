#pragma once

#include <opencv2/core/mat.hpp>

#include <torch/types.h>

#include "walness/cam/HeatmapOverlay.h"
#include "walness/imaging/Preprocess.h"

namespace walness::cam {

// A CAM [H, W] scaled to 0..1 (all zeros when flat: no NaN on constant input) and mapped onto the
// original photo through the preprocessing geometry. CV_32F, the photo's size.
cv::Mat heatmapOnPhoto(const torch::Tensor& cam, const imaging::InputGeometry& geometry);

}  // namespace walness::cam
