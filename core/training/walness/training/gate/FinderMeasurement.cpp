#include "walness/training/gate/FinderMeasurement.h"

#include <algorithm>
#include <chrono>

#include "walness/imaging/ImageDecoder.h"

namespace walness::gate {

namespace {

double median(std::vector<double> values, double fallback) {
  if (values.empty()) return fallback;
  std::nth_element(values.begin(), values.begin() + long(values.size() / 2), values.end());
  return values[values.size() / 2];
}

QJsonObject share(int64_t part, int64_t whole) {
  return QJsonObject{{QStringLiteral("count"), double(part)},
                     {QStringLiteral("of"), double(whole)},
                     {QStringLiteral("share"), whole ? double(part) / double(whole) : 0.0}};
}

cv::Rect2d inPixels(const cv::Rect2d& box, const cv::Size& size) {
  return {box.x * size.width, box.y * size.height, box.width * size.width,
          box.height * size.height};
}

}  // namespace

Result<CatEyeLayoutFit> fitCatEyeLayout(const EyeFinder& finder,
                                        const std::vector<GateSample>& samples,
                                        CatEyeLayout fallback) {
  CatEyeLayoutFit fit;
  std::vector<double> xs, ys, sides;
  for (const GateSample& sample : samples) {
    if (sample.source != GateSource::CatPhoto || sample.split != "train") continue;
    auto decoded = imaging::decodeImageFile(sample.path);
    if (!decoded) return decoded.error();
    ++fit.photos;
    const cv::Size size = decoded->rgb.size();
    bool matched = false;
    for (const cv::Rect& face : finder.detectCatFaces(decoded->rgb))
      for (const cv::Rect2d& box : sample.eyeBoxes) {
        const cv::Rect2d eye = inPixels(box, size);
        const cv::Point2d centre(eye.x + eye.width / 2, eye.y + eye.height / 2);
        if (!face.contains(cv::Point(centre))) continue;
        xs.push_back((centre.x - face.x) / face.width);
        ys.push_back((centre.y - face.y) / face.height);
        sides.push_back(std::max(eye.width, eye.height) / face.width);
        matched = true;
      }
    if (matched) ++fit.photosWithFace;
  }
  fit.layout = fallback;
  fit.layout.leftX = median(xs, fallback.leftX);
  fit.layout.leftY = median(ys, fallback.leftY);
  fit.layout.rightX = 1.0 - fit.layout.leftX;  // mirrored
  fit.layout.rightY = fit.layout.leftY;
  fit.layout.side = median(sides, fallback.side);
  return fit;
}

Result<QJsonObject> measureCatEyeFinder(
    const EyeFinder& finder, const std::vector<GateSample>& samples,
    const std::function<void(const std::string&, size_t, size_t)>& progress) {
  using Clock = std::chrono::steady_clock;
  int64_t hits = 0, scanHits = 0, locatorHits = 0, faceHits = 0, located = 0;
  double seconds = 0;
  for (const GateSample& sample : samples) {
    if (sample.source != GateSource::CatPhoto || sample.split != "val") continue;
    auto decoded = imaging::decodeImageFile(sample.path);
    if (!decoded) return decoded.error();
    const cv::Size size = decoded->rgb.size();
    const auto hit = [&](const std::vector<EyeSquare>& found) {
      for (size_t k = 0; k < found.size() && k < 2; ++k)
        for (const cv::Rect2d& box : sample.eyeBoxes)
          if (intersectionOverUnion(found[k].square, inPixels(box, size)) >= 0.25) return true;
      return false;
    };
    const auto before = Clock::now();
    const auto found = finder.find(decoded->rgb, Species::Cat);
    seconds += std::chrono::duration<double>(Clock::now() - before).count();
    ++located;
    if (hit(found)) ++hits;
    if (hit(suppressOverlaps(finder.scan(decoded->rgb, Species::Cat), 0.3, 4))) ++scanHits;
    if (hit(finder.locatorEyes(decoded->rgb, Species::Cat, 4))) ++locatorHits;
    if (hit(suppressOverlaps(finder.catFaceEyes(decoded->rgb), 0.3, 4, true))) ++faceHits;
    if (progress) progress("finder", size_t(located), 0);
  }
  return QJsonObject{
      {QStringLiteral("cat_photos_val_hit_first_two"), share(hits, located)},
      {QStringLiteral("cat_photos_val_hit_first_two_scan_only"), share(scanHits, located)},
      {QStringLiteral("cat_photos_val_hit_first_two_locator_only"), share(locatorHits, located)},
      {QStringLiteral("cat_photos_val_hit_first_two_cat_faces_only"), share(faceHits, located)},
      {QStringLiteral("seconds_per_photo"), located ? seconds / located : 0.0},
      {QStringLiteral("photo_size"), QStringLiteral("480x480")}};
}

}  // namespace walness::gate
