#pragma once

#include <opencv2/core/mat.hpp>

#include <cstdint>
#include <string>

#include "walness/Result.h"

namespace walness::imaging {

// What the app accepts. Sizes are checked from the header, before decoding.
struct DecodeLimits {
  int64_t maxPixels = 100'000'000;
  int64_t maxSide = 20'000;
  int64_t minSide = 64;
  int64_t maxFileBytes = 256ll * 1024 * 1024;
};

struct DecodedImage {
  cv::Mat rgb;              // CV_8UC3, RGB, upright (EXIF orientation applied)
  std::string format;       // as in ImageHeader
  int exifOrientation = 1;  // what was applied
};

// Decodes JPEG, PNG, WebP, BMP, TIFF (OpenCV) and HEIC/HEIF (libheif) into upright 8-bit RGB.
// Gray, alpha (composited on white), 16-bit and CMYK inputs are converted. Every refusal names the
// file (`name`) and the reason.
Result<DecodedImage> decodeImageBytes(const unsigned char* data, size_t size,
                                      const std::string& name, const DecodeLimits& limits = {});
Result<DecodedImage> decodeImageFile(const std::string& path, const DecodeLimits& limits = {});

// Turns an image as decoded (1, 3 or 4 channels in OpenCV's BGR order, 8/16-bit or float) into
// 8-bit RGB; alpha is composited over white.
cv::Mat toRgb8(const cv::Mat& decoded);

// Applies EXIF orientation 1..8 so the image is upright.
cv::Mat applyExifOrientation(const cv::Mat& image, int orientation);

}  // namespace walness::imaging
