#include "walness/imaging/ImageDecoder.h"

#include <libheif/heif.h>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QFile>
#include <QFileInfo>

#include <memory>

#include "walness/imaging/ImageHeader.h"
#include "walness/io/RegularFile.h"

namespace walness::imaging {

namespace {

Error refuse(const std::string& name, const std::string& reason) {
  return Error{name + ": " + reason};
}

std::string dimensions(int64_t width, int64_t height) {
  return std::to_string(width) + " x " + std::to_string(height) + " pixels";
}

// Size rules shared by the header check and the decoded image (HEIF learns its size late).
std::optional<std::string> sizeProblem(int64_t width, int64_t height, const DecodeLimits& limits) {
  if (width <= 0 || height <= 0) return "the image has no pixels";
  if (width > limits.maxSide || height > limits.maxSide)
    return "the image is " + dimensions(width, height) + "; the limit is " +
           std::to_string(limits.maxSide) + " pixels on a side";
  if (width * height > limits.maxPixels)
    return "the image is " + dimensions(width, height) + " (" +
           std::to_string(width * height / 1'000'000) + " megapixels); the limit is " +
           std::to_string(limits.maxPixels / 1'000'000) + " megapixels";
  if (width < limits.minSide || height < limits.minSide)
    return "the image is only " + dimensions(width, height) + "; at least " +
           std::to_string(limits.minSide) + " pixels on each side are needed";
  return std::nullopt;
}

struct HeifContextDeleter {
  void operator()(heif_context* context) const { heif_context_free(context); }
};
struct HeifHandleDeleter {
  void operator()(heif_image_handle* handle) const { heif_image_handle_release(handle); }
};
struct HeifImageDeleter {
  void operator()(heif_image* image) const { heif_image_release(image); }
};

Result<cv::Mat> decodeHeif(const unsigned char* data, size_t size, const std::string& name,
                           const DecodeLimits& limits) {
  std::unique_ptr<heif_context, HeifContextDeleter> context(heif_context_alloc());
  heif_error error = heif_context_read_from_memory_without_copy(context.get(), data, size, nullptr);
  if (error.code != heif_error_Ok)
    return refuse(name, std::string("unreadable HEIF/HEIC file (") + error.message + ")");
  heif_image_handle* rawHandle = nullptr;
  error = heif_context_get_primary_image_handle(context.get(), &rawHandle);
  if (error.code != heif_error_Ok)
    return refuse(name, std::string("the HEIF/HEIC file has no image (") + error.message + ")");
  std::unique_ptr<heif_image_handle, HeifHandleDeleter> handle(rawHandle);
  // The container states the size: check it before decoding anything.
  if (auto problem = sizeProblem(heif_image_handle_get_width(handle.get()),
                                 heif_image_handle_get_height(handle.get()), limits))
    return refuse(name, *problem);

  heif_image* rawImage = nullptr;
  // libheif applies the container's rotation and mirroring (irot/imir) while decoding.
  error = heif_decode_image(handle.get(), &rawImage, heif_colorspace_RGB,
                            heif_chroma_interleaved_RGB, nullptr);
  if (error.code != heif_error_Ok)
    return refuse(name,
                  std::string("the HEIF/HEIC image could not be decoded (") + error.message + ")");
  std::unique_ptr<heif_image, HeifImageDeleter> image(rawImage);
  const int width = heif_image_get_width(image.get(), heif_channel_interleaved);
  const int height = heif_image_get_height(image.get(), heif_channel_interleaved);
  int stride = 0;
  const uint8_t* pixels =
      heif_image_get_plane_readonly(image.get(), heif_channel_interleaved, &stride);
  if (!pixels || width <= 0 || height <= 0)
    return refuse(name, "the HEIF/HEIC image decoded to nothing");
  return cv::Mat(height, width, CV_8UC3, const_cast<uint8_t*>(pixels), size_t(stride)).clone();
}

}  // namespace

cv::Mat toRgb8(const cv::Mat& decoded) {
  cv::Mat eightBit;
  switch (decoded.depth()) {
    case CV_8U:
      eightBit = decoded;
      break;
    case CV_16U:
      decoded.convertTo(eightBit, CV_8U, 1.0 / 257.0);
      break;
    case CV_32F:
    case CV_64F:
      decoded.convertTo(eightBit, CV_8U, 255.0);  // float images are 0..1
      break;
    default:
      decoded.convertTo(eightBit, CV_8U);
  }
  cv::Mat rgb;
  switch (eightBit.channels()) {
    case 1:
      cv::cvtColor(eightBit, rgb, cv::COLOR_GRAY2RGB);
      break;
    case 3:
      cv::cvtColor(eightBit, rgb, cv::COLOR_BGR2RGB);
      break;
    case 4: {
      // Composite over white: transparent areas of a cut-out photo should not turn black. In
      // 8-bit integers, row by row: one output image, no float copies of a large photo.
      rgb.create(eightBit.size(), CV_8UC3);
      for (int y = 0; y < eightBit.rows; ++y) {
        const uint8_t* in = eightBit.ptr<uint8_t>(y);
        uint8_t* out = rgb.ptr<uint8_t>(y);
        for (int x = 0; x < eightBit.cols; ++x, in += 4, out += 3) {
          const int alpha = in[3], white = 255 * (255 - alpha);
          for (int c = 0; c < 3; ++c) out[c] = uint8_t((in[2 - c] * alpha + white + 127) / 255);
        }
      }
      break;
    }
    default: {
      std::vector<cv::Mat> planes;
      cv::split(eightBit, planes);
      cv::cvtColor(planes[0], rgb, cv::COLOR_GRAY2RGB);
    }
  }
  return rgb;
}

cv::Mat applyExifOrientation(const cv::Mat& image, int orientation) {
  cv::Mat out;
  switch (orientation) {
    case 2:
      cv::flip(image, out, 1);
      break;
    case 3:
      cv::rotate(image, out, cv::ROTATE_180);
      break;
    case 4:
      cv::flip(image, out, 0);
      break;
    case 5:
      cv::transpose(image, out);
      break;
    case 6:
      cv::rotate(image, out, cv::ROTATE_90_CLOCKWISE);
      break;
    case 7:
      cv::transpose(image, out);
      cv::rotate(out, out, cv::ROTATE_180);
      break;
    case 8:
      cv::rotate(image, out, cv::ROTATE_90_COUNTERCLOCKWISE);
      break;
    default:
      out = image;
  }
  return out;
}

Result<DecodedImage> decodeImageBytes(const unsigned char* data, size_t size,
                                      const std::string& name, const DecodeLimits& limits) {
  if (int64_t(size) > limits.maxFileBytes)
    return refuse(name, "the file is larger than " +
                            std::to_string(limits.maxFileBytes / (1024 * 1024)) + " MB");
  auto header = readImageHeader(data, size);
  if (!header) return refuse(name, header.message());

  DecodedImage decoded;
  decoded.format = header->format;
  if (header->format == "heif") {
    auto rgb = decodeHeif(data, size, name, limits);
    if (!rgb) return rgb.error();
    decoded.rgb = std::move(rgb.value());
  } else {
    if (header->format == "gif")
      return refuse(name, "GIF images are not supported; save the photo as JPEG or PNG");
    if (auto problem = sizeProblem(header->width, header->height, limits))
      return refuse(name, *problem);
    if (header->format == "jpeg" && !jpegHasEndMarker(data, size))
      return refuse(name, "the JPEG file is truncated (it ends before the image does)");
    // IMREAD_UNCHANGED keeps 16-bit, gray and alpha so they convert as we choose; it also skips
    // OpenCV's own EXIF handling, which we apply below for every format alike.
    const cv::Mat buffer(1, int(size), CV_8UC1, const_cast<unsigned char*>(data));
    cv::Mat raw;
    try {
      raw = cv::imdecode(buffer, cv::IMREAD_UNCHANGED);
    } catch (const cv::Exception& exception) {
      return refuse(name, "the " + header->format + " data is damaged (" + exception.msg + ")");
    }
    if (raw.empty()) return refuse(name, "the " + header->format + " data is damaged or truncated");
    // At most two copies of a large photo alive at once: the decoded one goes before rotating.
    cv::Mat rgb = toRgb8(raw);
    raw.release();
    decoded.rgb = applyExifOrientation(rgb, header->exifOrientation);
    decoded.exifOrientation = header->exifOrientation;
  }
  if (auto problem = sizeProblem(decoded.rgb.cols, decoded.rgb.rows, limits))
    return refuse(name, *problem);
  return decoded;
}

Result<DecodedImage> decodeImageFile(const std::string& path, const DecodeLimits& limits) {
  const QString name = QString::fromStdString(path);
  if (!QFileInfo::exists(name) && !QFileInfo(name).isSymLink()) return refuse(path, "no such file");
  // Only a regular file: a FIFO would block forever, /dev/zero would never end.
  auto bytes = io::readRegularFile(name, limits.maxFileBytes);
  if (!bytes) return Error{bytes.message()};
  return decodeImageBytes(reinterpret_cast<const unsigned char*>(bytes->constData()),
                          size_t(bytes->size()), path, limits);
}

}  // namespace walness::imaging
