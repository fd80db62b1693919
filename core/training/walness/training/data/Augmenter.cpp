#include "walness/training/data/Augmenter.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>

#include "walness/imaging/Quality.h"

namespace walness::training {

namespace {

double uniform(std::mt19937_64& random, double low, double high) {
  return std::uniform_real_distribution<double>(low, high)(random);
}

bool chance(std::mt19937_64& random, double probability) {
  return probability > 0 && uniform(random, 0, 1) < probability;
}

// Brightness, contrast and saturation on an 8-bit RGB image, in a random order-free way.
void jitterColours(cv::Mat& square, const AugmentOptions& options, std::mt19937_64& random) {
  cv::Mat image;
  square.convertTo(image, CV_32FC3);
  const double brightness = uniform(random, 1 - options.brightness, 1 + options.brightness);
  image *= brightness;
  cv::Mat gray;
  cv::cvtColor(image, gray, cv::COLOR_RGB2GRAY);
  const double contrast = uniform(random, 1 - options.contrast, 1 + options.contrast);
  const double meanGray = cv::mean(gray)[0];
  image = image * contrast + cv::Scalar::all(meanGray * (1 - contrast));
  const double saturation = uniform(random, 1 - options.saturation, 1 + options.saturation);
  cv::cvtColor(image, gray, cv::COLOR_RGB2GRAY);
  cv::Mat gray3;
  cv::cvtColor(gray, gray3, cv::COLOR_GRAY2RGB);
  cv::addWeighted(image, saturation, gray3, 1 - saturation, 0, image);
  image.convertTo(square, CV_8UC3);  // saturates to 0..255
}

}  // namespace

cv::Mat augmentedModelView(const cv::Mat& rgb, const std::optional<cv::Rect>& region,
                           const imaging::InputSpec& spec, const AugmentOptions& options,
                           std::mt19937_64& random) {
  const cv::Rect whole(0, 0, rgb.cols, rgb.rows);
  cv::Rect base = region ? (*region & whole) : whole;
  if (base.empty()) base = whole;
  cv::Mat gray;
  cv::cvtColor(rgb(base), gray, cv::COLOR_RGB2GRAY);
  cv::Rect content = imaging::withoutBlackBars(gray);
  content.x += base.x;
  content.y += base.y;

  // Crop: a share of the content's area, its centre inside the content, the crop inside the base.
  const double area = uniform(random, options.minCropArea, 1.0) * content.area();
  const double logRatio = std::log(std::max(1.0, options.maxAspectRatio));
  const double aspect = std::exp(uniform(random, -logRatio, logRatio));
  const int width = std::clamp(int(std::lround(std::sqrt(area * aspect))), 8, base.width);
  const int height = std::clamp(int(std::lround(std::sqrt(area / aspect))), 8, base.height);
  const double centreX = uniform(random, content.x + width / 2.0,
                                 std::max(content.x + width / 2.0, content.br().x - width / 2.0));
  const double centreY = uniform(random, content.y + height / 2.0,
                                 std::max(content.y + height / 2.0, content.br().y - height / 2.0));
  cv::Rect crop(int(std::lround(centreX - width / 2.0)), int(std::lround(centreY - height / 2.0)),
                width, height);
  crop.x = std::clamp(crop.x, base.x, base.br().x - crop.width);
  crop.y = std::clamp(crop.y, base.y, base.br().y - crop.height);

  // Rotation about the crop's centre; the border reflects so no new black corners appear.
  cv::Mat source = rgb;
  if (options.maxRotationDegrees > 0) {
    const double angle = uniform(random, -options.maxRotationDegrees, options.maxRotationDegrees);
    const cv::Point2f centre(float(crop.x + crop.width / 2.0), float(crop.y + crop.height / 2.0));
    cv::warpAffine(rgb, source, cv::getRotationMatrix2D(centre, angle, 1.0), rgb.size(),
                   cv::INTER_LINEAR, cv::BORDER_REFLECT_101);
  }
  cv::Mat square = imaging::modelView(source, spec, crop);
  if (chance(random, options.horizontalFlip)) cv::flip(square, square, 1);
  jitterColours(square, options, random);
  if (chance(random, options.grayscaleProbability)) {
    cv::Mat gray;
    cv::cvtColor(square, gray, cv::COLOR_RGB2GRAY);
    cv::cvtColor(gray, square, cv::COLOR_GRAY2RGB);
  }
  if (chance(random, options.blurProbability)) {
    const double sigma = uniform(random, 0.5, 1.5);
    cv::GaussianBlur(square, square, cv::Size(0, 0), sigma);
  }
  if (chance(random, options.jpegProbability)) {
    std::vector<uchar> encoded;
    const int quality = int(uniform(random, 40, 90));
    cv::Mat bgr;
    cv::cvtColor(square, bgr, cv::COLOR_RGB2BGR);
    cv::imencode(".jpg", bgr, encoded, {cv::IMWRITE_JPEG_QUALITY, quality});
    cv::cvtColor(cv::imdecode(encoded, cv::IMREAD_COLOR), square, cv::COLOR_BGR2RGB);
  }
  return square;
}

}  // namespace walness::training
