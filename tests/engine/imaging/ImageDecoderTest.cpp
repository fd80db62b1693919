#include <gtest/gtest.h>

#include <libheif/heif.h>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QFile>
#include <QTemporaryDir>

#include <jpeglib.h>
#include <cstdio>
#include <cstring>

#include "ExifJpeg.h"
#include "walness/imaging/ImageDecoder.h"
#include "walness/imaging/ImageHeader.h"

using walness::imaging::decodeImageBytes;
using walness::imaging::decodeImageFile;

namespace {

using Bytes = std::vector<unsigned char>;

// 160 x 100, gray, with a pure red 20 x 20 square in the top-left corner: any rotation or mirror
// moves the square to another corner.
cv::Mat markedPhotoBgr() {
  cv::Mat image(100, 160, CV_8UC3, cv::Scalar(128, 128, 128));
  image(cv::Rect(0, 0, 20, 20)).setTo(cv::Scalar(0, 0, 255));
  return image;
}

Bytes encode(const cv::Mat& image, const std::string& extension,
             const std::vector<int>& params = {}) {
  Bytes bytes;
  EXPECT_TRUE(cv::imencode(extension, image, bytes, params)) << extension;
  return bytes;
}

walness::Result<walness::imaging::DecodedImage> decode(const Bytes& bytes,
                                                       const std::string& name = "photo") {
  return decodeImageBytes(bytes.data(), bytes.size(), name);
}

// Which corner holds the red marker: "TL", "TR", "BL", "BR".
std::string redCorner(const cv::Mat& rgb) {
  const int w = rgb.cols, h = rgb.rows;
  const std::pair<const char*, cv::Point> corners[] = {
      {"TL", {5, 5}}, {"TR", {w - 6, 5}}, {"BL", {5, h - 6}}, {"BR", {w - 6, h - 6}}};
  for (const auto& [name, point] : corners) {
    const cv::Vec3b pixel = rgb.at<cv::Vec3b>(point);
    if (pixel[0] > 200 && pixel[1] < 60 && pixel[2] < 60) return name;
  }
  return "none";
}

Bytes jpegWithOrientation(int orientation) {
  return walness::test::withExifOrientation(
      encode(markedPhotoBgr(), ".jpg", {cv::IMWRITE_JPEG_QUALITY, 95}), orientation);
}

// A PNG that is only a signature and an IHDR chunk claiming width x height.
Bytes pngHeaderOnly(uint32_t width, uint32_t height) {
  Bytes png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
  for (uint32_t value : {width, height})
    for (int shift = 24; shift >= 0; shift -= 8) png.push_back((value >> shift) & 0xFF);
  const unsigned char rest[] = {8, 2, 0, 0, 0, 0, 0, 0, 0};  // depth, colour type, ..., CRC
  png.insert(png.end(), std::begin(rest), std::end(rest));
  return png;
}

Bytes cmykJpeg(int width, int height) {
  jpeg_compress_struct compressor{};
  jpeg_error_mgr errors{};
  compressor.err = jpeg_std_error(&errors);
  jpeg_create_compress(&compressor);
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&compressor, &buffer, &size);
  compressor.image_width = width;
  compressor.image_height = height;
  compressor.input_components = 4;
  compressor.in_color_space = JCS_CMYK;
  jpeg_set_defaults(&compressor);
  jpeg_start_compress(&compressor, TRUE);
  std::vector<unsigned char> row(size_t(width) * 4, 200);
  while (compressor.next_scanline < compressor.image_height) {
    JSAMPROW pointer = row.data();
    jpeg_write_scanlines(&compressor, &pointer, 1);
  }
  jpeg_finish_compress(&compressor);
  Bytes bytes(buffer, buffer + size);
  jpeg_destroy_compress(&compressor);
  std::free(buffer);
  return bytes;
}

Bytes heicOf(const cv::Mat& rgb) {
  heif_context* context = heif_context_alloc();
  heif_encoder* encoder = nullptr;
  heif_error error = heif_context_get_encoder_for_format(context, heif_compression_HEVC, &encoder);
  EXPECT_EQ(error.code, heif_error_Ok) << "no HEVC encoder: " << error.message;
  if (error.code != heif_error_Ok) {
    heif_context_free(context);
    return {};
  }
  heif_encoder_set_lossy_quality(encoder, 90);
  heif_image* image = nullptr;
  heif_image_create(rgb.cols, rgb.rows, heif_colorspace_RGB, heif_chroma_interleaved_RGB, &image);
  heif_image_add_plane(image, heif_channel_interleaved, rgb.cols, rgb.rows, 8);
  int stride = 0;
  uint8_t* plane = heif_image_get_plane(image, heif_channel_interleaved, &stride);
  for (int y = 0; y < rgb.rows; ++y) std::memcpy(plane + y * stride, rgb.ptr(y), rgb.cols * 3);
  heif_context_encode_image(context, image, encoder, nullptr, nullptr);
  heif_encoder_release(encoder);
  heif_image_release(image);

  Bytes bytes;
  heif_writer writer{};
  writer.writer_api_version = 1;
  writer.write = [](heif_context*, const void* data, size_t size, void* userdata) {
    auto* out = static_cast<Bytes*>(userdata);
    out->insert(out->end(), static_cast<const unsigned char*>(data),
                static_cast<const unsigned char*>(data) + size);
    return heif_error{heif_error_Ok, heif_suberror_Unspecified, ""};
  };
  heif_context_write(context, &writer, &bytes);
  heif_context_free(context);
  return bytes;
}

}  // namespace

TEST(ImageDecoderTest, DecodesEveryOpenCvFormatToUprightRgb) {
  for (const std::string extension : {".jpg", ".png", ".webp", ".bmp", ".tiff"}) {
    auto decoded = decode(encode(markedPhotoBgr(), extension), "photo" + extension);
    ASSERT_TRUE(decoded.ok()) << extension << ": " << decoded.message();
    EXPECT_EQ(decoded->rgb.type(), CV_8UC3) << extension;
    EXPECT_EQ(decoded->rgb.size(), cv::Size(160, 100)) << extension;
    EXPECT_EQ(redCorner(decoded->rgb), "TL") << extension << ": channels must come out as RGB";
  }
}

TEST(ImageDecoderTest, DecodesHeicAsPhonesWriteIt) {
  cv::Mat rgb;
  cv::cvtColor(markedPhotoBgr(), rgb, cv::COLOR_BGR2RGB);
  const Bytes heic = heicOf(rgb);
  ASSERT_FALSE(heic.empty());
  auto decoded = decode(heic, "IMG_0001.HEIC");
  ASSERT_TRUE(decoded.ok()) << decoded.message();
  EXPECT_EQ(decoded->format, "heif");
  EXPECT_EQ(decoded->rgb.size(), cv::Size(160, 100));
  EXPECT_EQ(redCorner(decoded->rgb), "TL");
}

TEST(ImageDecoderTest, AppliesEveryExifOrientation) {
  const std::map<int, std::string> expectedCorner = {{1, "TL"}, {2, "TR"}, {3, "BR"}, {4, "BL"},
                                                     {5, "TL"}, {6, "TR"}, {7, "BR"}, {8, "BL"}};
  for (const auto& [orientation, corner] : expectedCorner) {
    auto decoded = decode(jpegWithOrientation(orientation));
    ASSERT_TRUE(decoded.ok()) << orientation << ": " << decoded.message();
    EXPECT_EQ(decoded->exifOrientation, orientation);
    const cv::Size expectedSize = orientation >= 5 ? cv::Size(100, 160) : cv::Size(160, 100);
    EXPECT_EQ(decoded->rgb.size(), expectedSize) << "orientation " << orientation;
    EXPECT_EQ(redCorner(decoded->rgb), corner) << "orientation " << orientation;
  }
}

TEST(ImageDecoderTest, ConvertsGraySixteenBitAlphaAndCmykToRgb8) {
  cv::Mat gray(80, 90, CV_8UC1, cv::Scalar(77));
  auto fromGray = decode(encode(gray, ".png"));
  ASSERT_TRUE(fromGray.ok()) << fromGray.message();
  EXPECT_EQ(fromGray->rgb.at<cv::Vec3b>(10, 10), cv::Vec3b(77, 77, 77));

  cv::Mat deep(80, 90, CV_16UC3, cv::Scalar(65535, 0, 32896));  // BGR
  auto fromDeep = decode(encode(deep, ".png"));
  ASSERT_TRUE(fromDeep.ok()) << fromDeep.message();
  EXPECT_EQ(fromDeep->rgb.type(), CV_8UC3);
  EXPECT_EQ(fromDeep->rgb.at<cv::Vec3b>(10, 10), cv::Vec3b(128, 0, 255));

  cv::Mat alpha(80, 90, CV_8UC4, cv::Scalar(0, 0, 0, 255));
  alpha(cv::Rect(0, 0, 45, 80)).setTo(cv::Scalar(0, 0, 0, 0));  // left half transparent
  auto fromAlpha = decode(encode(alpha, ".png"));
  ASSERT_TRUE(fromAlpha.ok()) << fromAlpha.message();
  EXPECT_EQ(fromAlpha->rgb.at<cv::Vec3b>(40, 10), cv::Vec3b(255, 255, 255)) << "over white";
  EXPECT_EQ(fromAlpha->rgb.at<cv::Vec3b>(40, 80), cv::Vec3b(0, 0, 0));
  cv::Mat halfBlue(80, 90, CV_8UC4, cv::Scalar(255, 0, 0, 128));  // BGRA: blue, half transparent
  auto fromHalf = decode(encode(halfBlue, ".png"));
  ASSERT_TRUE(fromHalf.ok()) << fromHalf.message();
  EXPECT_EQ(fromHalf->rgb.at<cv::Vec3b>(40, 40), cv::Vec3b(127, 127, 255)) << "blue over white";

  auto fromCmyk = decode(cmykJpeg(96, 72), "print.jpg");
  ASSERT_TRUE(fromCmyk.ok()) << fromCmyk.message();
  EXPECT_EQ(fromCmyk->rgb.type(), CV_8UC3);
  EXPECT_EQ(fromCmyk->rgb.size(), cv::Size(96, 72));
}

TEST(ImageDecoderTest, RefusesBadInputNamingTheFileAndTheReason) {
  const std::string text = "this is not an image\n";
  auto notImage = decode(Bytes(text.begin(), text.end()), "cat.jpg");
  ASSERT_FALSE(notImage.ok());
  EXPECT_EQ(notImage.message(), "cat.jpg: not an image (unrecognised file signature)");

  auto empty = decode(Bytes{}, "empty.png");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.message(), "empty.png: the file is empty");

  Bytes jpeg = encode(markedPhotoBgr(), ".jpg");
  jpeg.resize(jpeg.size() / 2);
  auto truncated = decode(jpeg, "half.jpg");
  ASSERT_FALSE(truncated.ok());
  EXPECT_NE(truncated.message().find("half.jpg: the JPEG file is truncated"), std::string::npos)
      << truncated.message();

  Bytes png = encode(markedPhotoBgr(), ".png");
  png.resize(png.size() * 2 / 3);
  auto truncatedPng = decode(png, "cut.png");
  ASSERT_FALSE(truncatedPng.ok());
  EXPECT_NE(truncatedPng.message().find("cut.png: "), std::string::npos);

  auto tiny = decode(encode(cv::Mat(32, 40, CV_8UC3, cv::Scalar::all(90)), ".png"), "tiny.png");
  ASSERT_FALSE(tiny.ok());
  EXPECT_NE(tiny.message().find("at least 64 pixels"), std::string::npos) << tiny.message();

  auto gif = decode(Bytes{'G', 'I', 'F', '8', '9', 'a', 100, 0, 100, 0, 0}, "anim.gif");
  ASSERT_FALSE(gif.ok());
  EXPECT_NE(gif.message().find("GIF"), std::string::npos);
}

// The header alone decides: these files hold no pixel data at all, so reaching the decoder would
// give a "damaged" message instead of the size limit.
TEST(ImageDecoderTest, RefusesDecompressionBombsFromTheHeader) {
  auto wide = decode(pngHeaderOnly(30000, 30000), "bomb.png");
  ASSERT_FALSE(wide.ok());
  EXPECT_EQ(wide.message(),
            "bomb.png: the image is 30000 x 30000 pixels; the limit is 20000 pixels on a side");

  auto many = decode(pngHeaderOnly(15000, 15000), "big.png");
  ASSERT_FALSE(many.ok());
  EXPECT_NE(many.message().find("225 megapixels); the limit is 100 megapixels"), std::string::npos)
      << many.message();
}

TEST(ImageDecoderTest, FilesAreReadAndMissingOnesNamed) {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("eye.png"));
  ASSERT_TRUE(cv::imwrite(path.toStdString(), markedPhotoBgr()));
  auto decoded = decodeImageFile(path.toStdString());
  ASSERT_TRUE(decoded.ok()) << decoded.message();
  EXPECT_EQ(redCorner(decoded->rgb), "TL");

  const std::string missing = dir.filePath(QStringLiteral("nope.jpg")).toStdString();
  auto none = decodeImageFile(missing);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.message(), missing + ": no such file");
}
