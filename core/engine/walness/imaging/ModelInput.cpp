#include "walness/imaging/ModelInput.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace walness::imaging {

std::string resizePolicyId(ResizePolicy policy) {
  return policy == ResizePolicy::Letterbox ? "letterbox" : "center_crop";
}

std::optional<ResizePolicy> resizePolicyFromId(const std::string& id) {
  if (id == "letterbox") return ResizePolicy::Letterbox;
  if (id == "center_crop") return ResizePolicy::CenterCrop;
  return std::nullopt;
}

cv::Mat modelView(const cv::Mat& rgb, const InputSpec& spec, const std::optional<cv::Rect>& region,
                  InputGeometry* geometry) {
  const cv::Rect whole(0, 0, rgb.cols, rgb.rows);
  cv::Rect area = region ? (*region & whole) : whole;
  if (area.empty()) area = whole;
  const cv::Mat source = rgb(area);
  const int size = spec.size;
  const double width = area.width;
  const double height = area.height;

  cv::Rect2d sourceRect(0, 0, width, height);
  cv::Rect2d contentRect(0, 0, size, size);
  cv::Mat square;
  if (spec.resize == ResizePolicy::Letterbox) {
    const double scale = size / std::max(width, height);
    const int scaledWidth = std::max(1, int(std::lround(width * scale)));
    const int scaledHeight = std::max(1, int(std::lround(height * scale)));
    cv::Mat scaled;
    cv::resize(source, scaled, cv::Size(scaledWidth, scaledHeight), 0, 0,
               scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
    // Pad with the normalisation mean, which becomes exactly zero after normalising.
    const cv::Scalar pad(spec.mean[0], spec.mean[1], spec.mean[2]);
    square = cv::Mat(size, size, CV_8UC3, pad);
    const int left = (size - scaledWidth) / 2;
    const int top = (size - scaledHeight) / 2;
    scaled.copyTo(square(cv::Rect(left, top, scaledWidth, scaledHeight)));
    contentRect = cv::Rect2d(left, top, scaledWidth, scaledHeight);
  } else {
    const double side = std::min(width, height);
    sourceRect = cv::Rect2d((width - side) / 2, (height - side) / 2, side, side);
    const cv::Rect crop(int(std::lround(sourceRect.x)), int(std::lround(sourceRect.y)), int(side),
                        int(side));
    cv::resize(source(crop), square, cv::Size(size, size), 0, 0,
               side > size ? cv::INTER_AREA : cv::INTER_LINEAR);
  }
  if (geometry) *geometry = InputGeometry{area, contentRect, sourceRect, size, rgb.size()};
  return square;
}

cv::Mat mapToRegion(const cv::Mat& inputMap, const InputGeometry& geometry) {
  cv::Mat regionMap = cv::Mat::zeros(geometry.region.size(), CV_32F);
  if (inputMap.empty() || geometry.region.empty()) return regionMap;
  cv::Mat map32;
  inputMap.convertTo(map32, CV_32F);
  // Up to the input square first, then cut out the content, then onto the region.
  cv::Mat square;
  cv::resize(map32, square, cv::Size(geometry.inputSize, geometry.inputSize), 0, 0,
             cv::INTER_LINEAR);
  const cv::Rect content =
      cv::Rect(int(std::lround(geometry.contentRect.x)), int(std::lround(geometry.contentRect.y)),
               int(std::lround(geometry.contentRect.width)),
               int(std::lround(geometry.contentRect.height))) &
      cv::Rect(0, 0, geometry.inputSize, geometry.inputSize);
  if (content.empty()) return regionMap;
  const cv::Rect source(int(std::lround(geometry.sourceRect.x)),
                        int(std::lround(geometry.sourceRect.y)),
                        std::max(1, int(std::lround(geometry.sourceRect.width))),
                        std::max(1, int(std::lround(geometry.sourceRect.height))));
  cv::Mat onSource;
  cv::resize(square(content), onSource, source.size(), 0, 0, cv::INTER_LINEAR);
  const cv::Rect clipped = source & cv::Rect(0, 0, regionMap.cols, regionMap.rows);
  onSource(cv::Rect(clipped.x - source.x, clipped.y - source.y, clipped.width, clipped.height))
      .copyTo(regionMap(clipped));
  return regionMap;
}

cv::Mat mapToPhoto(const cv::Mat& inputMap, const InputGeometry& geometry) {
  cv::Mat photoMap = cv::Mat::zeros(geometry.photoSize, CV_32F);
  const cv::Rect clipped = geometry.region & cv::Rect(0, 0, photoMap.cols, photoMap.rows);
  if (clipped.empty()) return photoMap;
  const cv::Mat onRegion = mapToRegion(inputMap, geometry);
  onRegion(clipped - geometry.region.tl()).copyTo(photoMap(clipped));
  return photoMap;
}

}  // namespace walness::imaging
