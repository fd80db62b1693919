#include "walness/imaging/ImageHeader.h"

#include <cstring>

namespace walness::imaging {

namespace {

uint32_t be16(const unsigned char* p) {
  return (uint32_t(p[0]) << 8) | p[1];
}
uint32_t be32(const unsigned char* p) {
  return (be16(p) << 16) | be16(p + 2);
}
uint32_t le16(const unsigned char* p) {
  return (uint32_t(p[1]) << 8) | p[0];
}
uint32_t le24(const unsigned char* p) {
  return le16(p) | (uint32_t(p[2]) << 16);
}
uint32_t le32(const unsigned char* p) {
  return le16(p) | (le16(p + 2) << 16);
}

bool startsWith(const unsigned char* data, size_t size, const char* magic, size_t length,
                size_t offset = 0) {
  return size >= offset + length && std::memcmp(data + offset, magic, length) == 0;
}

Error truncated(const char* format) {
  return Error{std::string("the ") + format + " file is truncated or damaged (incomplete header)"};
}

// Walks JPEG marker segments up to the first start-of-scan; reads the frame size from SOFn and
// the orientation from the first EXIF APP1.
Result<ImageHeader> readJpeg(const unsigned char* data, size_t size) {
  ImageHeader header{"jpeg", 0, 0, 1};
  bool haveFrame = false;
  size_t pos = 2;
  while (pos + 4 <= size) {
    if (data[pos] != 0xFF) return truncated("JPEG");
    const unsigned char marker = data[pos + 1];
    if (marker == 0xFF) {  // fill byte
      ++pos;
      continue;
    }
    if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
      pos += 2;
      continue;
    }
    const size_t length = be16(data + pos + 2);
    if (length < 2 || pos + 2 + length > size) return truncated("JPEG");
    const unsigned char* segment = data + pos + 4;
    const size_t segmentSize = length - 2;
    const bool isFrame =
        marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (isFrame && !haveFrame) {
      if (segmentSize < 5) return truncated("JPEG");
      header.height = be16(segment + 1);
      header.width = be16(segment + 3);
      haveFrame = true;
    } else if (marker == 0xE1 && header.exifOrientation == 1 && segmentSize > 6 &&
               std::memcmp(segment, "Exif\0\0", 6) == 0) {
      header.exifOrientation = exifOrientationFromTiff(segment + 6, segmentSize - 6);
    } else if (marker == 0xDA) {
      break;
    }
    pos += 2 + length;
  }
  if (!haveFrame) return truncated("JPEG");
  return header;
}

Result<ImageHeader> readPng(const unsigned char* data, size_t size) {
  // Signature, then the IHDR chunk: length, "IHDR", width, height.
  if (size < 24 || std::memcmp(data + 12, "IHDR", 4) != 0) return truncated("PNG");
  ImageHeader header{"png", be32(data + 16), be32(data + 20), 1};
  // An eXIf chunk (rare) may carry the orientation; look through the chunks before image data.
  size_t pos = 8;
  while (pos + 12 <= size) {
    const size_t length = be32(data + pos);
    if (length > size - pos - 12) break;
    if (std::memcmp(data + pos + 4, "eXIf", 4) == 0) {
      header.exifOrientation = exifOrientationFromTiff(data + pos + 8, length);
      break;
    }
    if (std::memcmp(data + pos + 4, "IDAT", 4) == 0) break;
    pos += 12 + length;
  }
  return header;
}

Result<ImageHeader> readWebp(const unsigned char* data, size_t size) {
  if (size < 30) return truncated("WebP");
  ImageHeader header{"webp", 0, 0, 1};
  if (std::memcmp(data + 12, "VP8 ", 4) == 0) {
    header.width = le16(data + 26) & 0x3FFF;
    header.height = le16(data + 28) & 0x3FFF;
  } else if (std::memcmp(data + 12, "VP8L", 4) == 0) {
    const unsigned char* b = data + 21;
    header.width = 1 + (b[0] | ((b[1] & 0x3F) << 8));
    header.height = 1 + ((b[1] >> 6) | (b[2] << 2) | ((b[3] & 0x0F) << 10));
  } else if (std::memcmp(data + 12, "VP8X", 4) == 0) {
    header.width = 1 + le24(data + 24);
    header.height = 1 + le24(data + 27);
    // Chunks follow; an "EXIF" chunk holds a TIFF-structured block.
    size_t pos = 12;
    while (pos + 8 <= size) {
      const size_t length = le32(data + pos + 4);
      if (length > size - pos - 8) break;
      if (std::memcmp(data + pos, "EXIF", 4) == 0) {
        const unsigned char* exif = data + pos + 8;
        size_t exifSize = length;
        if (exifSize > 6 && std::memcmp(exif, "Exif\0\0", 6) == 0) {
          exif += 6;
          exifSize -= 6;
        }
        header.exifOrientation = exifOrientationFromTiff(exif, exifSize);
        break;
      }
      pos += 8 + length + (length & 1);
    }
  } else {
    return truncated("WebP");
  }
  return header;
}

Result<ImageHeader> readBmp(const unsigned char* data, size_t size) {
  if (size < 26) return truncated("BMP");
  const uint32_t dibSize = le32(data + 14);
  ImageHeader header{"bmp", 0, 0, 1};
  if (dibSize == 12) {
    header.width = le16(data + 18);
    header.height = le16(data + 20);
  } else if (dibSize >= 40 && size >= 26) {
    header.width = static_cast<int32_t>(le32(data + 18));
    const int32_t height = static_cast<int32_t>(le32(data + 22));
    header.height = height < 0 ? -int64_t(height) : height;  // negative: stored top-down
  } else {
    return truncated("BMP");
  }
  return header;
}

struct TiffReader {
  const unsigned char* data;
  size_t size;
  bool little;
  uint32_t u16(size_t at) const { return little ? le16(data + at) : be16(data + at); }
  uint32_t u32(size_t at) const { return little ? le32(data + at) : be32(data + at); }
};

// Reads IFD0's SHORT/LONG tags, calling `onTag(tag, value)` for each; false if the IFD is broken.
template <class OnTag>
bool walkIfd0(const unsigned char* data, size_t size, OnTag onTag) {
  if (size < 8) return false;
  const bool little = data[0] == 'I' && data[1] == 'I';
  if (!little && !(data[0] == 'M' && data[1] == 'M')) return false;
  TiffReader tiff{data, size, little};
  if (tiff.u16(2) != 42) return false;
  const size_t ifd = tiff.u32(4);
  if (ifd > size - 2) return false;
  const size_t count = tiff.u16(ifd);
  if (count > (size - ifd - 2) / 12) return false;
  for (size_t i = 0; i < count; ++i) {
    const size_t entry = ifd + 2 + 12 * i;
    const uint32_t tag = tiff.u16(entry);
    const uint32_t type = tiff.u16(entry + 2);
    if (type == 3)
      onTag(tag, tiff.u16(entry + 8));  // SHORT, left-justified in the value field
    else if (type == 4)
      onTag(tag, tiff.u32(entry + 8));  // LONG
  }
  return true;
}

Result<ImageHeader> readTiff(const unsigned char* data, size_t size) {
  ImageHeader header{"tiff", 0, 0, 1};
  const bool ok = walkIfd0(data, size, [&](uint32_t tag, uint32_t value) {
    if (tag == 256) header.width = value;
    if (tag == 257) header.height = value;
    if (tag == 274 && value >= 1 && value <= 8) header.exifOrientation = int(value);
  });
  if (!ok || header.width == 0 || header.height == 0) return truncated("TIFF");
  return header;
}

bool isHeifBrand(const unsigned char* brand) {
  static const char* kBrands[] = {"heic", "heix", "heim", "heis", "hevc",
                                  "hevx", "mif1", "msf1", "avif", "avis"};
  for (const char* known : kBrands)
    if (std::memcmp(brand, known, 4) == 0) return true;
  return false;
}

}  // namespace

int exifOrientationFromTiff(const unsigned char* tiff, size_t size) {
  int orientation = 1;
  walkIfd0(tiff, size, [&](uint32_t tag, uint32_t value) {
    if (tag == 0x0112 && value >= 1 && value <= 8) orientation = int(value);
  });
  return orientation;
}

bool jpegHasEndMarker(const unsigned char* data, size_t size) {
  // Skip the marker segments (an EXIF thumbnail has its own end marker), then look for EOI in
  // the entropy-coded data, where 0xFF is always followed by 0x00 or a restart marker.
  size_t pos = 2;
  while (pos + 4 <= size) {
    if (data[pos] != 0xFF) return false;
    const unsigned char marker = data[pos + 1];
    if (marker == 0xFF) {
      ++pos;
      continue;
    }
    const size_t length = be16(data + pos + 2);
    if (pos + 2 + length > size) return false;
    pos += 2 + length;
    if (marker == 0xDA) break;
  }
  for (; pos + 1 < size; ++pos)
    if (data[pos] == 0xFF && data[pos + 1] == 0xD9) return true;
  return false;
}

Result<ImageHeader> readImageHeader(const unsigned char* data, size_t size) {
  if (size == 0) return Error{"the file is empty"};
  if (startsWith(data, size, "\xFF\xD8\xFF", 3)) return readJpeg(data, size);
  if (startsWith(data, size, "\x89PNG\r\n\x1A\n", 8)) return readPng(data, size);
  if (startsWith(data, size, "RIFF", 4) && startsWith(data, size, "WEBP", 4, 8))
    return readWebp(data, size);
  if (startsWith(data, size, "BM", 2)) return readBmp(data, size);
  if (startsWith(data, size, "II*\0", 4) || startsWith(data, size, "MM\0*", 4))
    return readTiff(data, size);
  if (startsWith(data, size, "GIF87a", 6) || startsWith(data, size, "GIF89a", 6)) {
    if (size < 10) return truncated("GIF");
    return ImageHeader{"gif", le16(data + 6), le16(data + 8), 1};
  }
  if (startsWith(data, size, "ftyp", 4, 4) && size >= 12 && isHeifBrand(data + 8))
    return ImageHeader{"heif", 0, 0, 1};  // dimensions come from libheif's container parser
  return Error{"not an image (unrecognised file signature)"};
}

}  // namespace walness::imaging
