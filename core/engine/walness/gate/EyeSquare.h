#pragma once

#include <opencv2/core/types.hpp>

#include <string>

namespace walness::gate {

// One square of a photo that looks like an eye of the species asked for (no LibTorch here: the
// GUI shows these).
struct EyeSquare {
  cv::Rect square;   // pixels of the upright photo
  double score = 0;  // the gate's P(eye of the species) for the square
  std::string how;   // "locator" (the gate's eye locator), "cat_face" (a detected cat face), "scan"
  double located = 0;  // "locator": its own P(an eye's centre) at the peak
};

}  // namespace walness::gate
