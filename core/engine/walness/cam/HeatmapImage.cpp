#include "walness/cam/HeatmapImage.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace walness::cam {

QByteArray encodeRegionHeatmap(const cv::Mat& heatmap) {
  if (heatmap.empty()) return {};
  cv::Mat part = heatmap;
  const double scale = std::min(1.0, 256.0 / std::max(part.cols, part.rows));
  if (scale < 1.0) cv::resize(part, part, cv::Size(), scale, scale, cv::INTER_AREA);
  cv::Mat gray;
  part.convertTo(gray, CV_8U, 255.0);
  std::vector<uchar> png;
  if (!cv::imencode(".png", gray, png)) return {};
  return QByteArray(reinterpret_cast<const char*>(png.data()), qsizetype(png.size()));
}

cv::Mat decodeRegionHeatmap(const QByteArray& png) {
  if (png.isEmpty()) return {};
  const cv::Mat bytes(1, int(png.size()), CV_8U, const_cast<char*>(png.data()));
  const cv::Mat gray = cv::imdecode(bytes, cv::IMREAD_GRAYSCALE);
  cv::Mat heatmap;
  if (!gray.empty()) gray.convertTo(heatmap, CV_32F, 1.0 / 255.0);
  return heatmap;
}

}  // namespace walness::cam
