#include "walness/imaging/Preprocess.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "walness/imaging/TensorImage.h"

namespace walness::imaging {

Result<PreprocessedImage> preprocess(const cv::Mat& rgb, const InputSpec& spec,
                                     const std::optional<cv::Rect>& region) {
  if (rgb.empty() || rgb.type() != CV_8UC3) return Error{"preprocess needs an 8-bit RGB image"};
  if (spec.size < 8 || spec.size > 4096)
    return Error{"the input size " + std::to_string(spec.size) + " is out of range"};
  if (region && (*region & cv::Rect(0, 0, rgb.cols, rgb.rows)).empty())
    return Error{"the eye region lies outside the photo"};
  PreprocessedImage result;
  result.input = normalizeModelView(modelView(rgb, spec, region, &result.geometry), spec);
  return result;
}

at::Tensor normalizeModelView(const cv::Mat& square, const InputSpec& spec) {
  cv::Mat normalized;
  square.convertTo(normalized, CV_32FC3);
  cv::subtract(normalized, cv::Scalar(spec.mean[0], spec.mean[1], spec.mean[2]), normalized);
  cv::multiply(normalized, cv::Scalar(1.0 / spec.std[0], 1.0 / spec.std[1], 1.0 / spec.std[2]),
               normalized);
  return matToTensor(normalized);
}

}  // namespace walness::imaging
