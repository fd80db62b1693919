#pragma once

#include <cstddef>
#include <iterator>
#include <vector>

namespace walness::test {

// A JPEG with an EXIF APP1 segment holding only the orientation tag (1..8), inserted right after
// the JPEG's start marker, as a phone writes a photo it stores sideways.
inline std::vector<unsigned char> withExifOrientation(std::vector<unsigned char> jpeg,
                                                      int orientation) {
  // clang-format off
  const unsigned char tiff[] = {
      'I', 'I', 42, 0, 8, 0, 0, 0,                       // little-endian, first IFD at 8
      1, 0,                                              // one entry
      0x12, 0x01, 3, 0, 1, 0, 0, 0,                      // orientation, SHORT, count 1
      static_cast<unsigned char>(orientation), 0, 0, 0,  // value
      0, 0, 0, 0};                                       // no next IFD
  // clang-format on
  std::vector<unsigned char> app1 = {0xFF, 0xE1, 0, 0, 'E', 'x', 'i', 'f', 0, 0};
  app1.insert(app1.end(), std::begin(tiff), std::end(tiff));
  const size_t length = app1.size() - 2;
  app1[2] = static_cast<unsigned char>(length >> 8);
  app1[3] = static_cast<unsigned char>(length & 0xFF);
  jpeg.insert(jpeg.begin() + 2, app1.begin(), app1.end());
  return jpeg;
}

}  // namespace walness::test
