#pragma once

#include <opencv2/core.hpp>

#include <vector>

namespace walness::test {

// Mean over pixels of the largest difference between an 8-bit RGB pixel's channels: 0 for a grey
// image, tens for a colourful one.
inline double meanChannelSpread(const cv::Mat& rgb) {
  std::vector<cv::Mat> channels;
  cv::split(rgb, channels);
  cv::Mat spread;
  cv::absdiff(cv::max(cv::max(channels[0], channels[1]), channels[2]),
              cv::min(cv::min(channels[0], channels[1]), channels[2]), spread);
  return cv::mean(spread)[0];
}

}  // namespace walness::test
