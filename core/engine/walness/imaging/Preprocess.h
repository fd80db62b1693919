#pragma once

#include <ATen/core/Tensor.h>
#include <opencv2/core/mat.hpp>

#include <array>
#include <optional>
#include <string>

#include "walness/Result.h"
#include "walness/imaging/ModelInput.h"

namespace walness::imaging {

struct PreprocessedImage {
  at::Tensor input;  // [1, 3, size, size], float32, normalised
  InputGeometry geometry;
};

// The single path from a photo to model input, used by inference and training alike: crop to the
// eye region (clipped to the photo), resize per the spec, normalise. `rgb` is 8-bit RGB.
Result<PreprocessedImage> preprocess(const cv::Mat& rgb, const InputSpec& spec,
                                     const std::optional<cv::Rect>& region = std::nullopt);

// A model view (8-bit RGB square) normalised per the spec: the tensor [1, 3, size, size].
at::Tensor normalizeModelView(const cv::Mat& square, const InputSpec& spec);

}  // namespace walness::imaging
