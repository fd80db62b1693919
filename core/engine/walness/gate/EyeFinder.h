#pragma once

#include <opencv2/core/mat.hpp>
#include <opencv2/core/types.hpp>

#include <memory>
#include <string>
#include <vector>

#include "walness/Result.h"
#include "walness/Species.h"
#include "walness/gate/EyeGate.h"
#include "walness/gate/EyePair.h"
#include "walness/gate/EyeSquare.h"
#include "walness/gate/GateScores.h"
#include "walness/imaging/ModelInput.h"
#include "walness/nn/FeatureClassifier.h"

namespace walness::gate {

// Finds eyes in a whole photo, best first. The eyes the gate's locator finds come first (one pass
// at the locator's scale; for the species it was trained on), then, for cats, eye squares placed
// inside cat faces found by OpenCV's cat-face cascades. Unless the gate accepts one of the
// locator's squares, it then scans the gate over the photo at several scales: the backbone is
// convolutional, so one pass per scale scores every window of that size at once (stride 32 px
// of the scaled photo). A phone photo is searched on a copy at most kSearchedLongestSide px on
// its longer side; the squares come back in the photo's own pixels, so the square screened is cut
// from the full-resolution photo.
class EyeFinder {
 public:
  // Larger than every photo the finder was measured on (the largest, 2400x1600, is scanned at
  // most at that size anyway): a 48-megapixel photo costs what a 2-megapixel one does.
  static constexpr int kSearchedLongestSide = 1600;
  // The locator's peak from which its first eye is trusted without the scan. Set before measuring
  // (a peak this high is a clear centre on the focal-loss map), not tuned on val.
  static constexpr double kConfidentLocatorScore = 0.3;

  EyeFinder(std::shared_ptr<nn::FeatureClassifier> network, const EyeGate& gate,
            imaging::InputSpec spec);

  std::vector<EyeSquare> find(const cv::Mat& rgb, Species species, size_t maxCount = 4) const;

  // The parts, for training and measuring: scan only; cat faces only (boxes in photo pixels).
  std::vector<EyeSquare> scan(const cv::Mat& rgb, Species species) const;
  std::vector<cv::Rect> detectCatFaces(const cv::Mat& rgb) const;
  std::vector<EyeSquare> catFaceEyes(const cv::Mat& rgb) const;
  // The gate's eye locator (empty when the gate has none), in its order, scored by the gate.
  std::vector<EyeSquare> locatorEyes(const cv::Mat& rgb, Species species, size_t maxCount) const;
  double scoreSquare(const cv::Mat& rgb, const cv::Rect& square, Species species) const;
  // The gate's three probabilities for `square` seen alone (not an eye when it cannot be cut).
  GateScores scoresOf(const cv::Mat& rgb, const cv::Rect& square) const;

  // Which of the found squares count as eyes when pairing the two eyes of a face: the gate's
  // finder threshold and the locator's sure peak.
  EyePairRule pairRule() const;

  // The scan's window sides as shares of the photo's shorter side.
  static const std::vector<double>& scanScales();

 private:
  // The scan's best windows and the centred square, each scored as the gate sees it alone.
  // `centred`: the photo's centred square, already scored (it joins the windows as it is).
  std::vector<EyeSquare> scanned(const cv::Mat& rgb, Species species,
                                 const EyeSquare& centred) const;
  static EyeSquare centredSquare(const cv::Mat& rgb);
  // find() on a photo already at most kSearchedLongestSide px.
  std::vector<EyeSquare> findInSearchedCopy(const cv::Mat& rgb, Species species,
                                            size_t maxCount) const;

  std::shared_ptr<nn::FeatureClassifier> network_;
  const EyeGate& gate_;
  imaging::InputSpec spec_;
};

// Where OpenCV's data files (cascades) are: $WALNESS_OPENCV_DATA, then the system's folders.
std::string findOpenCvCascade(const std::string& fileName);

// Keeps the best squares, dropping any that overlaps a better one by IoU > `overlap`. Better:
// a higher score; scores within 0.02 of each other count as equal (the gate saturates near 1),
// and then the larger square wins. With `keepOrder` the given order counts instead.
std::vector<EyeSquare> suppressOverlaps(std::vector<EyeSquare> squares, double overlap,
                                        size_t maxCount, bool keepOrder = false);

// A box found on a copy shrunk by `shrink` (< 1), in the original photo's pixels, inside it.
cv::Rect rectInOriginal(const cv::Rect& rect, double shrink, cv::Size original);

double intersectionOverUnion(const cv::Rect2d& a, const cv::Rect2d& b);

// Whether a proposed square frames a marked eye (box in photo pixels, side = the eye's diameter):
// the eye's centre lies inside the square and the square is at most `maxSideRatio` times the
// eye's diameter (a larger square leaves the eye too few of the model's pixels).
bool framesEye(const cv::Rect2d& square, const cv::Rect2d& eye, double maxSideRatio = 4);

}  // namespace walness::gate
