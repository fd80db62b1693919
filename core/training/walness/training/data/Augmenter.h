#pragma once

#include <opencv2/core/mat.hpp>

#include <optional>
#include <random>

#include "walness/imaging/Preprocess.h"

namespace walness::training {

// Training-time variation of a photo. Every output is a model view made by imaging::modelView, the
// same resize and padding inference uses, so training and serving cannot drift apart.
struct AugmentOptions {
  double minCropArea = 0.6;      // share of the photo's content (inside letterbox bars) kept
  double maxAspectRatio = 1.25;  // of the crop, either way
  double horizontalFlip = 0.5;   // probability
  double maxRotationDegrees = 10;
  double brightness = 0.2;  // factors drawn from [1 - x, 1 + x]
  double contrast = 0.2;
  double saturation = 0.2;
  double blurProbability = 0.1;  // Gaussian blur, sigma 0.5..1.5 px at the input size
  double jpegProbability = 0.2;  // re-encode at quality 40..90
  // Turned grey (black-and-white photos); 0 for the disease model, whose random draws it leaves
  // as they were.
  double grayscaleProbability = 0;
};

// A random resized crop that stays centred on the content (never a crop of letterbox bars), small
// rotation, flip, colour jitter, blur/JPEG noise. `rgb` is 8-bit RGB; `region` the eye when known.
// Deterministic for a given generator state.
cv::Mat augmentedModelView(const cv::Mat& rgb, const std::optional<cv::Rect>& region,
                           const imaging::InputSpec& spec, const AugmentOptions& options,
                           std::mt19937_64& random);

}  // namespace walness::training
