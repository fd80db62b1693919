#pragma once

#include <ATen/core/Tensor.h>
#include <opencv2/core/mat.hpp>

#include <array>
#include <optional>
#include <string>

#include "Result.h"

namespace walness::imaging {

enum class ResizePolicy {
  Letterbox,   // keep the aspect ratio, pad to a square with the mean colour
  CenterCrop,  // keep the aspect ratio, crop the longer side
};

std::string resizePolicyId(ResizePolicy policy);  // "letterbox", "center_crop"
std::optional<ResizePolicy> resizePolicyFromId(const std::string& id);

// How a model wants its input; stored in the model card, nowhere else.
struct InputSpec {
  int size = 224;  // square side in pixels
  ResizePolicy resize = ResizePolicy::Letterbox;
  // Per RGB channel, in pixel units (0..255): input = (pixel - mean) / std.
  std::array<float, 3> mean{123.675f, 116.28f, 103.53f};
  std::array<float, 3> std{58.395f, 57.12f, 57.375f};
};

// Where the model's input square came from in the original photo, so a heatmap computed on the
// input can be put back onto the photo.
struct InputGeometry {
  cv::Rect region;         // the part of the photo used (the eye region, or the whole photo)
  cv::Rect2d contentRect;  // where the region's pixels lie inside the input square
  cv::Rect2d sourceRect;   // which part of the region they come from (differs for center crop)
  int inputSize = 0;
  cv::Size photoSize;
};

struct PreprocessedImage {
  at::Tensor input;  // [1, 3, size, size], float32, normalised
  InputGeometry geometry;
};

// The single path from a photo to model input, used by inference and training alike: crop to the
// eye region (clipped to the photo), resize per the spec, normalise. `rgb` is 8-bit RGB.
Result<PreprocessedImage> preprocess(const cv::Mat& rgb, const InputSpec& spec,
                                     const std::optional<cv::Rect>& region = std::nullopt);

// The resized RGB square the model sees (before normalisation): for thumbnails and training.
cv::Mat modelView(const cv::Mat& rgb, const InputSpec& spec, const std::optional<cv::Rect>& region,
                  InputGeometry* geometry = nullptr);

// A model view (8-bit RGB square) normalised per the spec: the tensor [1, 3, size, size].
at::Tensor normalizeModelView(const cv::Mat& square, const InputSpec& spec);

// Maps a float map over the input square (any resolution) back onto the photo: zero outside the
// eye region and in letterbox bars, bilinear inside. Returns CV_32F of the photo's size.
cv::Mat mapToPhoto(const cv::Mat& inputMap, const InputGeometry& geometry);

}  // namespace walness::imaging
