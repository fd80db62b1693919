#pragma once

#include <opencv2/core/mat.hpp>

#include <array>
#include <optional>
#include <string>

namespace walness::imaging {

// What a model takes as input and how a photo becomes that input, without LibTorch: model cards,
// the GUI's "what the model sees" thumbnail and heatmap placement use this header.
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

// The resized RGB square the model sees (before normalisation): for thumbnails and training.
cv::Mat modelView(const cv::Mat& rgb, const InputSpec& spec, const std::optional<cv::Rect>& region,
                  InputGeometry* geometry = nullptr);

// Maps a float map over the input square (any resolution) back onto the region of the photo the
// input came from: zero in letterbox bars, bilinear elsewhere. CV_32F of the region's size (its
// pixel (x, y) is the photo's (region.x + x, region.y + y)): on a phone photo, many times smaller
// than the photo.
cv::Mat mapToRegion(const cv::Mat& inputMap, const InputGeometry& geometry);

// The same placed on the whole photo: zero outside the region. CV_32F of the photo's size.
cv::Mat mapToPhoto(const cv::Mat& inputMap, const InputGeometry& geometry);

}  // namespace walness::imaging
