#pragma once

#include <opencv2/core/mat.hpp>
#include <opencv2/core/types.hpp>

#include <memory>
#include <string>
#include <vector>

#include "walness/Result.h"
#include "walness/Species.h"
#include "walness/gate/EyeGate.h"
#include "walness/gate/EyeSquare.h"
#include "walness/imaging/ModelInput.h"
#include "walness/nn/FeatureClassifier.h"

namespace walness::gate {

// Finds eyes in a whole photo, best first. The eyes the gate's locator finds come first (one pass
// at the locator's scale; for the species it was trained on), then, for cats, eye squares placed
// inside cat faces found by OpenCV's cat-face cascades. Unless the gate accepts one of the
// locator's squares, it then scans the gate over the photo at several scales: the backbone is
// convolutional, so one pass per scale scores every window of that size at once (stride 32 px
// of the scaled photo).
class EyeFinder {
 public:
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

  // The scan's window sides as shares of the photo's shorter side.
  static const std::vector<double>& scanScales();

 private:
  // The scan's best windows and the centred square, each scored as the gate sees it alone.
  std::vector<EyeSquare> scanned(const cv::Mat& rgb, Species species) const;
  static EyeSquare centredSquare(const cv::Mat& rgb);

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

double intersectionOverUnion(const cv::Rect2d& a, const cv::Rect2d& b);

// Whether a proposed square frames a marked eye (box in photo pixels, side = the eye's diameter):
// the eye's centre lies inside the square and the square is at most `maxSideRatio` times the
// eye's diameter (a larger square leaves the eye too few of the model's pixels).
bool framesEye(const cv::Rect2d& square, const cv::Rect2d& eye, double maxSideRatio = 4);

}  // namespace walness::gate
