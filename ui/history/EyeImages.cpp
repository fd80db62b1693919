#include "ui/history/EyeImages.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>

#include "ui/common/MatImage.h"
#include "walness/cam/HeatmapImage.h"
#include "walness/cam/HeatmapOverlay.h"
#include "walness/imaging/ImageDecoder.h"

namespace walness::ui {

EyeImages EyeImages::fromStored(const QByteArray& photo, const QByteArray& heatmapPng,
                                const cv::Rect& region, int side) {
  EyeImages images;
  auto decoded = imaging::decodeImageBytes(
      reinterpret_cast<const unsigned char*>(photo.constData()), size_t(photo.size()), "photo");
  if (!decoded) return images;
  const cv::Rect inside = region & cv::Rect(0, 0, decoded->rgb.cols, decoded->rgb.rows);
  if (inside.empty()) return images;
  cv::Mat eye;
  const double scale = double(side) / std::max(inside.width, inside.height);
  cv::resize(decoded->rgb(inside), eye, cv::Size(), scale, scale,
             scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
  images.eye = toQImage(eye);
  const cv::Mat heatmap = cam::decodeRegionHeatmap(heatmapPng);
  if (!heatmap.empty()) {
    cv::Mat fitted;
    cv::resize(heatmap, fitted, eye.size(), 0, 0, cv::INTER_LINEAR);
    images.heatmap =
        toQImage(cam::overlayHeatmap(eye, fitted, 0.45, cv::Rect(0, 0, eye.cols, eye.rows)));
  }
  return images;
}

}  // namespace walness::ui
