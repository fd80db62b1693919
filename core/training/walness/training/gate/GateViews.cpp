#include "walness/training/gate/GateViews.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <optional>

#include "walness/training/data/Augmenter.h"

namespace walness::gate {

namespace {

double uniform(std::mt19937_64& random, double low, double high) {
  return std::uniform_real_distribution<double>(low, high)(random);
}

// Letterbox bars like those of the dog-eye crops, on views of other photos, so that black bars
// tell the gate nothing about the species.
cv::Mat withBlackBars(const cv::Mat& view, std::mt19937_64& random) {
  const double keep = uniform(random, 0.55, 0.9);
  const bool vertical = uniform(random, 0, 1) < 0.5;
  const cv::Size inner = vertical ? cv::Size(int(view.cols * keep), view.rows)
                                  : cv::Size(view.cols, int(view.rows * keep));
  cv::Mat shrunk;
  cv::resize(view, shrunk, inner, 0, 0, cv::INTER_AREA);
  cv::Mat out(view.size(), view.type(), cv::Scalar::all(0));
  shrunk.copyTo(out(cv::Rect((view.cols - inner.width) / 2, (view.rows - inner.height) / 2,
                             inner.width, inner.height)));
  return out;
}

// A random square-ish crop covering `minShare`..`maxShare` of the photo's shorter side.
cv::Rect randomSquare(const cv::Size& size, double minShare, double maxShare,
                      std::mt19937_64& random) {
  const int side =
      std::max(16, int(uniform(random, minShare, maxShare) * std::min(size.width, size.height)));
  const int x = int(uniform(random, 0, std::max(1, size.width - side)));
  const int y = int(uniform(random, 0, std::max(1, size.height - side)));
  return cv::Rect(x, y, side, side) & cv::Rect(0, 0, size.width, size.height);
}

// Cuts the views of one photo; every random draw comes from the one generator.
class GateViewMaker {
 public:
  GateViewMaker(const cv::Mat& rgb, const imaging::InputSpec& spec,
                const GateTrainingOptions& options, std::mt19937_64& random)
      : rgb_(rgb), size_(rgb.size()), spec_(spec), random_(random) {
    augment_.grayscaleProbability = options.grayscaleShare;
  }

  cv::Mat plain(const std::optional<cv::Rect>& region) const {
    return imaging::modelView(rgb_, spec_, region);
  }
  cv::Mat augmented(const std::optional<cv::Rect>& region) {
    return training::augmentedModelView(rgb_, region, spec_, augment_, random_);
  }
  cv::Mat maybeBars(cv::Mat view) {
    return uniform(random_, 0, 1) < 0.3 ? withBlackBars(view, random_) : view;
  }
  cv::Rect randomCrop(double minShare, double maxShare) {
    return randomSquare(size_, minShare, maxShare, random_);
  }
  double draw(double low, double high) { return uniform(random_, low, high); }

  // The boxed eyes (0..1 of the photo) in pixels.
  std::vector<cv::Rect> eyes(const std::vector<cv::Rect2d>& boxes) const {
    std::vector<cv::Rect> rects;
    for (const cv::Rect2d& box : boxes)
      rects.emplace_back(int(box.x * size_.width), int(box.y * size_.height),
                         std::max(1, int(box.width * size_.width)),
                         std::max(1, int(box.height * size_.height)));
    return rects;
  }

  // A square around a boxed eye, `margin` times its larger side.
  cv::Rect eyeSquare(const cv::Rect& eye, double margin, double jitter) {
    const double side = std::max(eye.width, eye.height) * margin;
    const double cx = eye.x + eye.width / 2.0 + uniform(random_, -jitter, jitter) * side;
    const double cy = eye.y + eye.height / 2.0 + uniform(random_, -jitter, jitter) * side;
    return cv::Rect(int(cx - side / 2), int(cy - side / 2), int(side), int(side)) &
           cv::Rect(0, 0, size_.width, size_.height);
  }

 private:
  const cv::Mat& rgb_;
  cv::Size size_;
  const imaging::InputSpec& spec_;
  training::AugmentOptions augment_;
  std::mt19937_64& random_;
};

// A whole-cat photo: crops away from the boxed eye (not an eye) and squares around it (a cat eye).
void addCatPhotoViews(GateViewMaker& maker, const GateSample& sample,
                      const GateTrainingOptions& options, std::vector<GateView>& views) {
  const std::vector<cv::Rect> eyes = maker.eyes(sample.eyeBoxes);
  views.push_back({maker.maybeBars(maker.plain(std::nullopt)), kNotEye});
  int made = 0;
  for (int attempt = 0; attempt < options.catPhotoCrops * 8 && made < options.catPhotoCrops;
       ++attempt) {
    const cv::Rect crop = maker.randomCrop(0.25, 1.0);
    // Not an eye close-up: no boxed eye may fill more than 4% of the crop.
    const bool closeUp = std::any_of(eyes.begin(), eyes.end(), [&](const cv::Rect& eye) {
      return (eye & crop).area() > 0.04 * crop.area();
    });
    if (closeUp) continue;
    views.push_back({maker.maybeBars(maker.augmented(crop)), kNotEye});
    ++made;
  }
  for (const cv::Rect& eye : eyes)
    for (int i = 0; i < options.catPhotoEyeCrops; ++i) {
      const cv::Rect square = maker.eyeSquare(eye, maker.draw(1.1, 2.2), 0.1);
      if (square.width >= 8 && square.height >= 8) views.push_back({maker.plain(square), kCatEye});
    }
}

std::vector<GateView> trainingViews(GateViewMaker& maker, const GateSample& sample,
                                    const GateTrainingOptions& options) {
  std::vector<GateView> views;
  switch (sample.source) {
    case GateSource::DogFace:
      break;  // a whole face: neither a close-up nor clearly not one; left out
    case GateSource::DogEye:
      views.push_back({maker.plain(std::nullopt), kDogEye});
      for (int i = 0; i < options.dogEyeViews; ++i)
        views.push_back({maker.augmented(std::nullopt), kDogEye});
      break;
    case GateSource::CatEye:
    case GateSource::CatEyeUnusable:
      views.push_back({maker.maybeBars(maker.plain(std::nullopt)), sample.label});
      for (int i = 0; i < options.catEyeViews; ++i)
        views.push_back({maker.maybeBars(maker.augmented(std::nullopt)), sample.label});
      break;
    case GateSource::NotEye:
      views.push_back({maker.maybeBars(maker.plain(std::nullopt)), kNotEye});
      for (int i = 0; i < options.notEyeCrops; ++i)
        views.push_back({maker.maybeBars(maker.augmented(maker.randomCrop(0.35, 1.0))), kNotEye});
      break;
    case GateSource::CatPhoto:
      addCatPhotoViews(maker, sample, options, views);
      break;
    case GateSource::DogPhoto:
      break;  // for the eye locator only (its eyes are mostly too small to be close-ups)
  }
  return views;
}

}  // namespace

std::vector<GateView> gateViewsOf(const GateSample& sample, const cv::Mat& rgb, bool training,
                                  const imaging::InputSpec& spec,
                                  const GateTrainingOptions& options, std::mt19937_64& random) {
  GateViewMaker maker(rgb, spec, options, random);
  if (training) return trainingViews(maker, sample, options);
  if (sample.source == GateSource::CatPhoto) return {{maker.plain(std::nullopt), kNotEye}};
  return {{maker.plain(std::nullopt), sample.label}};
}

}  // namespace walness::gate
