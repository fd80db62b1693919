#pragma once

#include <opencv2/core/mat.hpp>

// Heatmap drawing without LibTorch, for the GUI and reports (the CAM itself is in Heatmap.h).
namespace walness::cam {

// Scales to 0..1 by the maximum; a map with no positive value stays zero.
cv::Mat normalizeHeatmap(const cv::Mat& map);

// Colours a 0..1 heatmap (JET) and blends it over the RGB photo: alpha 0 is the photo, 1 the map.
// The heatmap covers `region` (the part of the photo the model saw; it has the region's size, as
// ExplainedDiagnosis::heatmaps do); outside it the photo shows through unchanged.
cv::Mat overlayHeatmap(const cv::Mat& rgb, const cv::Mat& heatmap, double alpha,
                       const cv::Rect& region);

}  // namespace walness::cam
