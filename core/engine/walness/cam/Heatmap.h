#pragma once

#include <opencv2/core/mat.hpp>

#include <torch/types.h>

#include "walness/cam/HeatmapOverlay.h"
#include "walness/imaging/Preprocess.h"

namespace walness::cam {

// A CAM [H, W] scaled to 0..1 (all zeros when flat: no NaN on constant input) and mapped back
// onto the region of the photo the model saw (imaging::mapToRegion). CV_32F, the region's size.
cv::Mat heatmapOnRegion(const torch::Tensor& cam, const imaging::InputGeometry& geometry);

}  // namespace walness::cam
