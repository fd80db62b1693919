#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "walness/Result.h"

namespace walness::imaging {

// What a file says about itself before any pixel is decoded: enough to refuse decompression bombs
// and non-images without allocating the image.
struct ImageHeader {
  std::string format;  // "jpeg", "png", "webp", "bmp", "tiff", "gif", "heif"
  int64_t width = 0;
  int64_t height = 0;
  int exifOrientation = 1;  // 1..8, from EXIF where the format carries it
};

// Recognises the format by its signature and reads the dimensions from the header. Errors say
// what is wrong in words ("not an image", "truncated header") without naming the file.
Result<ImageHeader> readImageHeader(const unsigned char* data, size_t size);

// The EXIF orientation (1..8) in a TIFF-structured EXIF block (after "Exif\0\0"), 1 when absent.
int exifOrientationFromTiff(const unsigned char* tiff, size_t size);

// True when a JPEG's entropy-coded data reaches its end-of-image marker (not cut off).
bool jpegHasEndMarker(const unsigned char* data, size_t size);

}  // namespace walness::imaging
