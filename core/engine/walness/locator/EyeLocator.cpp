#include "walness/locator/EyeLocator.h"

#include <torch/torch.h>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

#include "walness/imaging/Preprocess.h"

namespace walness::locator {

namespace {
constexpr int kPadTo = 32;  // the deepest map's stride: both maps then line up exactly
}

torch::Tensor paddedLocatorInput(const cv::Mat& scaledRgb, const imaging::InputSpec& spec) {
  const int width = (scaledRgb.cols + kPadTo - 1) / kPadTo * kPadTo;
  const int height = (scaledRgb.rows + kPadTo - 1) / kPadTo * kPadTo;
  cv::Mat padded;
  cv::copyMakeBorder(scaledRgb, padded, 0, height - scaledRgb.rows, 0, width - scaledRgb.cols,
                     cv::BORDER_CONSTANT, cv::Scalar(spec.mean[0], spec.mean[1], spec.mean[2]));
  return imaging::normalizeModelView(padded, spec);
}

LocatorInput locatorInput(const cv::Mat& rgb, int64_t side, const imaging::InputSpec& spec) {
  const double scale = double(side) / std::max(rgb.cols, rgb.rows);
  cv::Mat scaled;
  cv::resize(rgb, scaled,
             cv::Size(std::max(1, int(std::lround(rgb.cols * scale))),
                      std::max(1, int(std::lround(rgb.rows * scale)))),
             0, 0, scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
  return {paddedLocatorInput(scaled, spec), scale};
}

std::vector<LocatedEye> decodeLocatorOutput(const torch::Tensor& output, double scale,
                                            const cv::Size& photo,
                                            const EyeLocatorSettings& settings, size_t maxCount) {
  const torch::Tensor map = output.detach().to(torch::kCPU).to(torch::kFloat).contiguous();
  const torch::Tensor heat = torch::sigmoid(map[0]);
  const torch::Tensor peaks =
      heat.eq(torch::max_pool2d(heat.unsqueeze(0), {3, 3}, {1, 1}, {1, 1}).squeeze(0)) &
      heat.ge(settings.minScore);
  const torch::Tensor where = peaks.nonzero();  // [K, 2] rows, columns
  std::vector<LocatedEye> eyes;
  const auto heatOf = heat.accessor<float, 2>();
  const auto values = map.accessor<float, 3>();
  const auto rows = where.accessor<int64_t, 2>();
  const double cell = double(EyeLocatorHeadImpl::kStride) / scale;
  const cv::Rect inside(0, 0, photo.width, photo.height);
  for (int64_t k = 0; k < where.size(0); ++k) {
    const int64_t r = rows[k][0], c = rows[k][1];
    const auto sigmoid = [](double x) { return 1.0 / (1.0 + std::exp(-x)); };
    const double cx = (double(c) + sigmoid(values[1][r][c])) * cell;
    const double cy = (double(r) + sigmoid(values[2][r][c])) * cell;
    const double side =
        std::exp(std::clamp(double(values[3][r][c]), -3.0, 4.0)) * cell * settings.squareMargin;
    const cv::Rect square =
        cv::Rect(int(std::lround(cx - side / 2)), int(std::lround(cy - side / 2)),
                 int(std::lround(side)), int(std::lround(side))) &
        inside;
    if (square.width < 8 || square.height < 8) continue;
    eyes.push_back({square, heatOf[r][c]});
  }
  std::stable_sort(eyes.begin(), eyes.end(),
                   [](const LocatedEye& a, const LocatedEye& b) { return a.score > b.score; });
  if (eyes.size() > maxCount) eyes.resize(maxCount);
  return eyes;
}

std::vector<LocatedEye> locateEyes(nn::FeatureClassifier& network, EyeLocatorHead& head,
                                   const EyeLocatorSettings& settings,
                                   const imaging::InputSpec& spec, const cv::Mat& rgb,
                                   size_t maxCount) {
  if (rgb.empty()) return {};
  torch::InferenceMode inference;
  const LocatorInput prepared = locatorInput(rgb, settings.inputSide, spec);
  const std::vector<torch::Tensor> maps = network.locatorFeatures(prepared.input);
  if (maps.size() != 2) return {};
  const torch::Tensor output = head->forward(maps[0].to(torch::kFloat), maps[1].to(torch::kFloat));
  return decodeLocatorOutput(output[0], prepared.scale, rgb.size(), settings, maxCount);
}

}  // namespace walness::locator
