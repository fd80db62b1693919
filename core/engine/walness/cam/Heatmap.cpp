#include "walness/cam/Heatmap.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <torch/torch.h>

#include <algorithm>

#include "walness/imaging/TensorImage.h"

namespace walness::cam {

cv::Mat normalizeHeatmap(const cv::Mat& map) {
  cv::Mat result;
  map.convertTo(result, CV_32F);
  cv::patchNaNs(result, 0.0);
  cv::max(result, 0.0, result);
  double maximum = 0;
  cv::minMaxLoc(result, nullptr, &maximum);
  if (!(maximum > 1e-12)) return cv::Mat::zeros(result.size(), CV_32F);
  return result / maximum;
}

cv::Mat heatmapOnRegion(const torch::Tensor& cam, const imaging::InputGeometry& geometry) {
  const cv::Mat small = normalizeHeatmap(imaging::tensorToMat(cam));
  return imaging::mapToRegion(small, geometry);
}

cv::Mat overlayHeatmap(const cv::Mat& rgb, const cv::Mat& heatmap, double alpha,
                       const cv::Rect& region) {
  alpha = std::clamp(alpha, 0.0, 1.0);
  // Outside the region the model looked at, show the photo itself. Only the region is coloured
  // and blended: on a 48-megapixel photo, whole-photo copies cost hundreds of megabytes.
  cv::Mat result = rgb.clone();
  const cv::Rect inside = region & cv::Rect(0, 0, rgb.cols, rgb.rows) &
                          (cv::Rect(0, 0, heatmap.cols, heatmap.rows) + region.tl());
  if (inside.empty()) return result;
  cv::Mat heat8;
  heatmap(inside - region.tl()).convertTo(heat8, CV_8U, 255.0);
  cv::Mat colouredBgr, coloured;
  cv::applyColorMap(heat8, colouredBgr, cv::COLORMAP_JET);
  cv::cvtColor(colouredBgr, coloured, cv::COLOR_BGR2RGB);
  cv::Mat blended;
  cv::addWeighted(rgb(inside), 1.0 - alpha, coloured, alpha, 0.0, blended);
  blended.copyTo(result(inside));
  return result;
}

}  // namespace walness::cam
