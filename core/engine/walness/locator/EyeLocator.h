#pragma once

#include <torch/types.h>
#include <opencv2/core/mat.hpp>
#include <opencv2/core/types.hpp>

#include <memory>
#include <vector>

#include "walness/imaging/ModelInput.h"
#include "walness/locator/EyeLocatorHead.h"
#include "walness/locator/EyeLocatorSettings.h"
#include "walness/nn/FeatureClassifier.h"

namespace walness::locator {

struct LocatedEye {
  cv::Rect square;   // pixels of the photo
  double score = 0;  // the locator's eye-centre probability at the peak
};

// A photo as the locator sees it: scaled so its longer side is `side`, padded (right, bottom) with
// the mean colour to multiples of 32. `scale` maps photo pixels to input pixels.
struct LocatorInput {
  torch::Tensor input;  // [1, 3, H, W], normalised
  double scale = 1;
};
LocatorInput locatorInput(const cv::Mat& rgb, int64_t side, const imaging::InputSpec& spec);
// The same for a photo already at the locator's scale (training views).
torch::Tensor paddedLocatorInput(const cv::Mat& scaledRgb, const imaging::InputSpec& spec);

// The head's output for one photo ([4, H, W]) as squares, best first: local maxima of the
// eye-centre probability (3x3) at or above the settings' minimum, at most `maxCount`.
std::vector<LocatedEye> decodeLocatorOutput(const torch::Tensor& output, double scale,
                                            const cv::Size& photo,
                                            const EyeLocatorSettings& settings, size_t maxCount);

// One backbone pass at the locator's scale, the head, the squares.
std::vector<LocatedEye> locateEyes(nn::FeatureClassifier& network, EyeLocatorHead& head,
                                   const EyeLocatorSettings& settings,
                                   const imaging::InputSpec& spec, const cv::Mat& rgb,
                                   size_t maxCount = 4);

}  // namespace walness::locator
