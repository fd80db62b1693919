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

// A sample's marked eyes in pixels of its photo.
std::vector<cv::Rect2d> markedEyes(const GateSample& sample, const cv::Size& size) {
  std::vector<cv::Rect2d> eyes;
  for (const cv::Rect2d& box : sample.eyeBoxes) eyes.push_back(inPixels(box, size));
  return eyes;
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

namespace {

// The squares proposed for one photo: the whole finder and each of its parts alone.
struct FinderParts {
  std::vector<EyeSquare> whole, scan, locator, catFaces;
  double seconds = 0;  // of the whole find()
};

FinderParts findWithParts(const EyeFinder& finder, const cv::Mat& rgb, Species species) {
  using Clock = std::chrono::steady_clock;
  FinderParts parts;
  const auto before = Clock::now();
  parts.whole = finder.find(rgb, species);
  parts.seconds = std::chrono::duration<double>(Clock::now() - before).count();
  parts.scan = suppressOverlaps(finder.scan(rgb, species), 0.3, 4);
  parts.locator = finder.locatorEyes(rgb, species, 4);
  if (species == Species::Cat)
    parts.catFaces = suppressOverlaps(finder.catFaceEyes(rgb), 0.3, 4, true);
  return parts;
}

// A photo is a hit when one of the first two squares frames one of its marked eyes.
bool firstTwoFrame(const std::vector<EyeSquare>& found, const std::vector<cv::Rect2d>& eyes) {
  for (size_t k = 0; k < found.size() && k < 2; ++k)
    for (const cv::Rect2d& eye : eyes)
      if (framesEye(found[k].square, eye)) return true;
  return false;
}

bool firstTwoOverlap(const std::vector<EyeSquare>& found, const std::vector<cv::Rect2d>& eyes) {
  for (size_t k = 0; k < found.size() && k < 2; ++k)
    for (const cv::Rect2d& eye : eyes)
      if (intersectionOverUnion(found[k].square, eye) >= 0.25) return true;
  return false;
}

}  // namespace

Result<QJsonObject> measureCatEyeFinder(
    const EyeFinder& finder, const std::vector<GateSample>& samples,
    const std::function<void(const std::string&, size_t, size_t)>& progress) {
  int64_t hits = 0, scanHits = 0, locatorHits = 0, faceHits = 0, framed = 0, located = 0;
  double seconds = 0;
  for (const GateSample& sample : samples) {
    if (sample.source != GateSource::CatPhoto || sample.split != "val") continue;
    auto decoded = imaging::decodeImageFile(sample.path);
    if (!decoded) return decoded.error();
    const std::vector<cv::Rect2d> eyes = markedEyes(sample, decoded->rgb.size());
    const FinderParts parts = findWithParts(finder, decoded->rgb, Species::Cat);
    seconds += parts.seconds;
    ++located;
    if (firstTwoOverlap(parts.whole, eyes)) ++hits;
    if (firstTwoFrame(parts.whole, eyes)) ++framed;
    if (firstTwoOverlap(parts.scan, eyes)) ++scanHits;
    if (firstTwoOverlap(parts.locator, eyes)) ++locatorHits;
    if (firstTwoOverlap(parts.catFaces, eyes)) ++faceHits;
    if (progress) progress("cat finder", size_t(located), 0);
  }
  return QJsonObject{
      {QStringLiteral("cat_photos_val_hit_first_two"), share(hits, located)},
      {QStringLiteral("cat_photos_val_framed_first_two"), share(framed, located)},
      {QStringLiteral("cat_photos_val_hit_first_two_scan_only"), share(scanHits, located)},
      {QStringLiteral("cat_photos_val_hit_first_two_locator_only"), share(locatorHits, located)},
      {QStringLiteral("cat_photos_val_hit_first_two_cat_faces_only"), share(faceHits, located)},
      {QStringLiteral("seconds_per_photo"), located ? seconds / located : 0.0},
      {QStringLiteral("photo_size"), QStringLiteral("480x480")}};
}

Result<QJsonObject> measureDogEyeFinder(
    const EyeFinder& finder, const std::vector<GateSample>& samples,
    const std::function<void(const std::string&, size_t, size_t)>& progress) {
  int64_t hits = 0, scanHits = 0, locatorHits = 0, photos = 0, eyes = 0, eyesFound = 0;
  double seconds = 0, slowest = 0;
  for (const GateSample& sample : samples) {
    if (sample.source != GateSource::DogPhoto || sample.split != "val" || sample.eyeBoxes.empty())
      continue;
    auto decoded = imaging::decodeImageFile(sample.path);
    if (!decoded) return decoded.error();
    const std::vector<cv::Rect2d> marked = markedEyes(sample, decoded->rgb.size());
    const FinderParts parts = findWithParts(finder, decoded->rgb, Species::Dog);
    seconds += parts.seconds;
    slowest = std::max(slowest, parts.seconds);
    ++photos;
    if (firstTwoFrame(parts.whole, marked)) ++hits;
    if (firstTwoFrame(parts.scan, marked)) ++scanHits;
    if (firstTwoFrame(parts.locator, marked)) ++locatorHits;
    for (const cv::Rect2d& eye : marked) {
      ++eyes;
      if (std::any_of(parts.whole.begin(), parts.whole.end(),
                      [&](const EyeSquare& square) { return framesEye(square.square, eye); }))
        ++eyesFound;
    }
    if (progress) progress("dog finder", size_t(photos), 0);
  }
  return QJsonObject{
      {QStringLiteral("dog_photos_val_hit_first_two"), share(hits, photos)},
      {QStringLiteral("dog_photos_val_hit_first_two_scan_only"), share(scanHits, photos)},
      {QStringLiteral("dog_photos_val_hit_first_two_locator_only"), share(locatorHits, photos)},
      {QStringLiteral("dog_photos_val_eyes_framed_by_any_square"), share(eyesFound, eyes)},
      {QStringLiteral("dog_photos_seconds_per_photo"), photos ? seconds / photos : 0.0},
      {QStringLiteral("dog_photos_slowest_seconds"), slowest},
      {QStringLiteral("dog_rule"),
       QStringLiteral("a hit: a marked eye's centre inside one of the first two squares, the "
                      "square's side at most 4x the eye's diameter (photos 160-2400 px)")}};
}

}  // namespace walness::gate
