#include "walness/gate/EyeFinder.h"

#include <torch/torch.h>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

#include <QFile>

#include <algorithm>
#include <cmath>
#include <map>

#include "walness/imaging/Preprocess.h"
#include "walness/locator/EyeLocator.h"

namespace walness::gate {

namespace {
constexpr int kStride = 32;  // MobileNetV2's output stride
constexpr int kLongestScannedSide = 2400;
}  // namespace

const std::vector<double>& EyeFinder::scanScales() {
  static const std::vector<double> scales{1.0, 0.7, 0.5, 0.35, 0.25};
  return scales;
}

std::string findOpenCvCascade(const std::string& fileName) {
  std::vector<QString> folders;
  const QString custom = qEnvironmentVariable("WALNESS_OPENCV_DATA");
  if (!custom.isEmpty()) folders.push_back(custom);
  for (const char* base : {"/usr/share/opencv4", "/usr/local/share/opencv4", "/usr/share/opencv"})
    for (const char* kind : {"/haarcascades/", "/lbpcascades/"})
      folders.push_back(QString::fromLatin1(base) + QString::fromLatin1(kind));
  for (const QString& folder : folders) {
    const QString path =
        folder + (folder.endsWith(QLatin1Char('/')) ? "" : "/") + QString::fromStdString(fileName);
    if (QFile::exists(path)) return path.toStdString();
  }
  return {};
}

double intersectionOverUnion(const cv::Rect2d& a, const cv::Rect2d& b) {
  const double overlap = (a & b).area();
  const double both = a.area() + b.area() - overlap;
  return both > 0 ? overlap / both : 0;
}

bool framesEye(const cv::Rect2d& square, const cv::Rect2d& eye, double maxSideRatio) {
  const cv::Point2d centre(eye.x + eye.width / 2, eye.y + eye.height / 2);
  const double diameter = std::max(eye.width, eye.height);
  return centre.x >= square.x && centre.y >= square.y && centre.x < square.x + square.width &&
         centre.y < square.y + square.height &&
         std::max(square.width, square.height) <= maxSideRatio * diameter;
}

std::vector<EyeSquare> suppressOverlaps(std::vector<EyeSquare> squares, double overlap,
                                        size_t maxCount, bool keepOrder) {
  if (!keepOrder)
    std::stable_sort(squares.begin(), squares.end(), [](const EyeSquare& a, const EyeSquare& b) {
      if (std::abs(a.score - b.score) > 0.02) return a.score > b.score;
      return a.square.area() > b.square.area();
    });
  std::vector<EyeSquare> kept;
  for (const EyeSquare& candidate : squares) {
    if (kept.size() >= maxCount) break;
    const bool covered = std::any_of(kept.begin(), kept.end(), [&](const EyeSquare& k) {
      return intersectionOverUnion(k.square, candidate.square) > overlap;
    });
    if (!covered) kept.push_back(candidate);
  }
  return kept;
}

EyeFinder::EyeFinder(std::shared_ptr<nn::FeatureClassifier> network, const EyeGate& gate,
                     imaging::InputSpec spec)
    : network_(std::move(network)), gate_(gate), spec_(spec) {
}

EyePairRule EyeFinder::pairRule() const {
  EyePairRule rule;
  rule.minGateScore = gate_.card.finderMinScore;
  rule.minLocatorScore = kConfidentLocatorScore;
  return rule;
}

std::vector<EyeSquare> EyeFinder::scan(const cv::Mat& rgb, Species species) const {
  const int shorter = std::min(rgb.cols, rgb.rows);
  const int64_t cells = spec_.size / kStride;
  std::vector<EyeSquare> found;
  torch::InferenceMode inference;
  for (const double share : scanScales()) {
    const double window = share * shorter;
    double scale = spec_.size / window;
    if (std::max(rgb.cols, rgb.rows) * scale > kLongestScannedSide) continue;
    cv::Mat scaled;
    cv::resize(rgb, scaled, cv::Size(), scale, scale,
               scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
    if (scaled.cols < spec_.size || scaled.rows < spec_.size) continue;
    const torch::Tensor input = imaging::normalizeModelView(scaled, spec_);
    const torch::Tensor features = network_->features(input);
    const int64_t rows = features.size(2) - cells + 1, columns = features.size(3) - cells + 1;
    if (rows < 1 || columns < 1) continue;
    const torch::Tensor pooled = EyeGateHeadImpl::poolWindows(features.to(torch::kCPU), cells);
    const torch::Tensor probabilities = torch::softmax(gate_.head->forward(pooled), 1);
    // Named, so the contiguous copy outlives the reads below (a temporary's data_ptr dangles).
    const torch::Tensor eye =
        probabilities.select(1, species == Species::Dog ? kDogEye : kCatEye).contiguous();
    const float* values = eye.data_ptr<float>();
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t c = 0; c < columns; ++c) {
        const double score = values[r * columns + c];
        if (score < gate_.card.finderMinScore) continue;
        const cv::Rect square(int(c * kStride / scale), int(r * kStride / scale), int(window),
                              int(window));
        found.push_back({square & cv::Rect(0, 0, rgb.cols, rgb.rows), score, "scan"});
      }
  }
  return found;
}

std::vector<cv::Rect> EyeFinder::detectCatFaces(const cv::Mat& rgb) const {
  // The card's cascade first, then OpenCV's other cat-face cascades: each finds faces the others
  // miss. CascadeClassifier is not safe to share between threads: one set per thread.
  thread_local std::map<std::string, std::unique_ptr<cv::CascadeClassifier>> cascades;
  std::vector<std::string> names{gate_.card.catEyes.cascade};
  for (const char* other : {"haarcascade_frontalcatface_extended.xml",
                            "haarcascade_frontalcatface.xml", "lbpcascade_frontalcatface.xml"})
    if (names.front() != other) names.emplace_back(other);
  // Faces are found on a copy at most 640 px on its longer side: enough, and fast.
  const double scale = std::min(1.0, 640.0 / std::max(rgb.cols, rgb.rows));
  cv::Mat gray;
  cv::cvtColor(rgb, gray, cv::COLOR_RGB2GRAY);
  if (scale < 1) cv::resize(gray, gray, cv::Size(), scale, scale, cv::INTER_AREA);
  cv::equalizeHist(gray, gray);
  std::vector<cv::Rect> faces;
  for (const std::string& name : names) {
    auto& cascade = cascades[name];
    if (!cascade) {
      const std::string path = findOpenCvCascade(name);
      auto loaded = std::make_unique<cv::CascadeClassifier>();
      if (path.empty() || !loaded->load(path)) continue;
      cascade = std::move(loaded);
    }
    std::vector<cv::Rect> found;
    // 2 neighbours: chosen on the cat-photos train split (56% of photos with the boxed eye in
    // the first two squares, against 52% with 3 and 55% with 1).
    cascade->detectMultiScale(gray, found, 1.05, 2, 0, cv::Size(24, 24));
    for (const cv::Rect& face : found) {
      const cv::Rect full(int(face.x / scale), int(face.y / scale), int(face.width / scale),
                          int(face.height / scale));
      const bool known = std::any_of(faces.begin(), faces.end(), [&](const cv::Rect& f) {
        return intersectionOverUnion(f, full) > 0.3;
      });
      if (!known) faces.push_back(full);
    }
  }
  // The largest face first: the pet the photo is of, not a pattern in the background.
  std::stable_sort(faces.begin(), faces.end(),
                   [](const cv::Rect& a, const cv::Rect& b) { return a.area() > b.area(); });
  return faces;
}

GateScores EyeFinder::scoresOf(const cv::Mat& rgb, const cv::Rect& square) const {
  auto input = imaging::preprocess(rgb, spec_, square);
  if (!input) return {0, 0, 1};
  torch::InferenceMode inference;
  return gate_.score(network_->features(input->input));
}

double EyeFinder::scoreSquare(const cv::Mat& rgb, const cv::Rect& square, Species species) const {
  return scoresOf(rgb, square).eyeOf(species);
}

std::vector<EyeSquare> EyeFinder::catFaceEyes(const cv::Mat& rgb) const {
  const CatEyeLayout& layout = gate_.card.catEyes;
  const cv::Rect photo(0, 0, rgb.cols, rgb.rows);
  std::vector<EyeSquare> eyes;
  for (const cv::Rect& face : detectCatFaces(rgb)) {
    const double side = std::max(8.0, layout.side * face.width);
    for (const auto& [x, y] :
         {std::pair{layout.leftX, layout.leftY}, {layout.rightX, layout.rightY}}) {
      const cv::Rect square(int(face.x + x * face.width - side / 2),
                            int(face.y + y * face.height - side / 2), int(side), int(side));
      const cv::Rect inside = square & photo;
      if (inside.width < 8 || inside.height < 8) continue;
      eyes.push_back({inside, scoreSquare(rgb, inside, Species::Cat), "cat_face"});
    }
    if (eyes.size() >= 8) break;
  }
  return eyes;
}

std::vector<EyeSquare> EyeFinder::locatorEyes(const cv::Mat& rgb, Species species,
                                              size_t maxCount) const {
  // Used only for the species whose boxed photos it was trained on.
  if (!gate_.locator || !gate_.card.locator) return {};
  const auto& known = gate_.card.locator->species;
  if (std::find(known.begin(), known.end(), species) == known.end()) return {};
  std::vector<EyeSquare> eyes;
  for (const locator::LocatedEye& eye :
       locator::locateEyes(*network_, gate_.locator, *gate_.card.locator, spec_, rgb, maxCount))
    eyes.push_back({eye.square, scoreSquare(rgb, eye.square, species), "locator", eye.score});
  return eyes;
}

std::vector<EyeSquare> EyeFinder::scanned(const cv::Mat& rgb, Species species,
                                          const EyeSquare& centred) const {
  // The scan scores windows inside the whole photo (with their surroundings); the gate at
  // diagnosis time sees the square alone. Re-score the best windows as the gate will see them,
  // so a proposed square is one the gate accepts.
  // The best windows by the scan's own score (no preference for size yet: a large window around
  // a small eye must not push the tight one out before the re-scoring).
  // Many windows saturate near 1: compare scores to 3 decimals (so thread timing cannot reorder
  // them), then the smaller window first (the eye rather than its surroundings), and re-score 16.
  std::vector<EyeSquare> windows = scan(rgb, species);
  std::stable_sort(windows.begin(), windows.end(), [](const EyeSquare& a, const EyeSquare& b) {
    const long sa = std::lround(a.score * 1000), sb = std::lround(b.score * 1000);
    if (sa != sb) return sa > sb;
    return a.square.area() < b.square.area();
  });
  std::vector<EyeSquare> best = suppressOverlaps(windows, 0.3, 16, /*keepOrder=*/true);
  for (EyeSquare& square : best) square.score = scoreSquare(rgb, square.square, species);
  best.push_back(centred);
  return best;
}

EyeSquare EyeFinder::centredSquare(const cv::Mat& rgb) {
  // The largest centred square: for a photo that already is an eye close-up it is the best.
  const int side = std::min(rgb.cols, rgb.rows);
  return {cv::Rect((rgb.cols - side) / 2, (rgb.rows - side) / 2, side, side), 0, "scan"};
}

cv::Rect rectInOriginal(const cv::Rect& rect, double shrink, cv::Size original) {
  const auto scaled = [shrink](int value, int limit) {
    return std::clamp(int(std::lround(value / shrink)), 0, limit);
  };
  const int left = scaled(rect.x, original.width), top = scaled(rect.y, original.height);
  return {left, top, scaled(rect.x + rect.width, original.width) - left,
          scaled(rect.y + rect.height, original.height) - top};
}

std::vector<EyeSquare> EyeFinder::find(const cv::Mat& rgb, Species species, size_t maxCount) const {
  const int longer = std::max(rgb.cols, rgb.rows);
  if (longer <= kSearchedLongestSide) return findInSearchedCopy(rgb, species, maxCount);
  const double shrink = double(kSearchedLongestSide) / longer;
  cv::Mat searched;
  cv::resize(rgb, searched, cv::Size(), shrink, shrink, cv::INTER_AREA);
  std::vector<EyeSquare> eyes = findInSearchedCopy(searched, species, maxCount);
  for (EyeSquare& eye : eyes) eye.square = rectInOriginal(eye.square, shrink, rgb.size());
  return eyes;
}

std::vector<EyeSquare> EyeFinder::findInSearchedCopy(const cv::Mat& rgb, Species species,
                                                     size_t maxCount) const {
  // The locator's eyes first, in its order whatever the gate scores (it scores a 15 px eye
  // enlarged to 224 px near 0), then for cats squares in detected faces; then the squares the
  // gate accepts. For dogs only the eyes the locator is sure of (peak >= kConfidentLocatorScore):
  // its unsure dog squares also land on photos without an eye, where the gate's own verdict on
  // the photo is the better answer.
  // For dogs the locator is not asked when the photo itself is an eye close-up of either species
  // (the gate takes the whole photo for one): there its squares land on the iris, or on a cat's
  // eye the gate should refuse as a whole (docs/eye-gate.md).
  EyeSquare centred = centredSquare(rgb);
  const GateScores whole = scoresOf(rgb, centred.square);
  centred.score = whole.eyeOf(species);
  const bool closeUp = whole.dogEye + whole.catEye >= gate_.card.finderMinScore;
  std::vector<EyeSquare> candidates;
  bool confident = false;
  const bool useLocator = species == Species::Cat || !closeUp;
  for (EyeSquare& square :
       useLocator ? locatorEyes(rgb, species, maxCount) : std::vector<EyeSquare>{}) {
    const bool sure = square.located >= kConfidentLocatorScore;
    if (species == Species::Dog && !sure) continue;
    confident = confident || sure;
    candidates.push_back(std::move(square));
  }
  // A sure eye makes the cat faces and the five-pass scan unneeded: on whole-animal photos they
  // framed an eye the locator missed in none of the val photos, and they cost most of the time.
  // The centred square still counts, for close-ups.
  if (species == Species::Cat && !confident)
    for (EyeSquare& square : catFaceEyes(rgb)) candidates.push_back(std::move(square));
  std::vector<EyeSquare> ranked = suppressOverlaps(candidates, 0.3, maxCount, /*keepOrder=*/true);
  std::vector<EyeSquare> accepted;
  if (confident) {
    accepted.push_back(centred);
  } else {
    accepted = scanned(rgb, species, centred);
  }
  accepted.erase(
      std::remove_if(accepted.begin(), accepted.end(),
                     [&](const EyeSquare& s) { return s.score < gate_.card.finderMinScore; }),
      accepted.end());
  for (const EyeSquare& square : suppressOverlaps(accepted, 0.3, maxCount)) {
    if (ranked.size() >= maxCount) break;
    const bool covered = std::any_of(ranked.begin(), ranked.end(), [&](const EyeSquare& k) {
      return intersectionOverUnion(k.square, square.square) > 0.3;
    });
    if (!covered) ranked.push_back(square);
  }
  return ranked;
}

}  // namespace walness::gate
