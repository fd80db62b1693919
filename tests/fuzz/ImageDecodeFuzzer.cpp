// Image bytes from anywhere: decode (signature sniffing, size limits, EXIF, HEIC, CMYK, 16-bit) and
// make the model's view of it, whole and with an eye region taken from the input's first bytes.
#include <opencv2/core/utils/logger.hpp>

#include <cstddef>
#include <cstdint>

#include "walness/imaging/ImageDecoder.h"
#include "walness/imaging/ModelInput.h"

// OpenCV would log every damaged file; the decoder's own errors say what matters.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Small limits keep each run fast; the limit checks themselves are what is exercised.
  walness::imaging::DecodeLimits limits;
  limits.maxSide = 4096;
  limits.maxPixels = 4'000'000;
  auto decoded = walness::imaging::decodeImageBytes(data, size, "fuzz", limits);
  if (!decoded) return 0;
  const walness::imaging::InputSpec spec{.size = 64};
  (void)walness::imaging::modelView(decoded->rgb, spec, std::nullopt);
  if (size >= 4) {
    const cv::Rect region(data[0] * 4 - 100, data[1] * 4 - 100, data[2] * 8, data[3] * 8);
    (void)walness::imaging::modelView(decoded->rgb, spec, region);
  }
  return 0;
}
