#pragma once

#include <opencv2/core/mat.hpp>

#include <torch/types.h>

#include "imaging/Preprocess.h"

namespace walness::cam {

// A CAM [H, W] scaled to 0..1 (all zeros when flat: no NaN on constant input) and mapped onto the
// original photo through the preprocessing geometry. CV_32F, the photo's size.
cv::Mat heatmapOnPhoto(const torch::Tensor& cam, const imaging::InputGeometry& geometry);

// Scales to 0..1 by the maximum; a map with no positive value stays zero.
cv::Mat normalizeHeatmap(const cv::Mat& map);

// Colours a 0..1 heatmap (JET) and blends it over the RGB photo: alpha 0 is the photo, 1 the map.
// Outside `region` (the part of the photo the model saw) the photo shows through unchanged.
cv::Mat overlayHeatmap(const cv::Mat& rgb, const cv::Mat& heatmap, double alpha,
                       const cv::Rect& region);

}  // namespace walness::cam
