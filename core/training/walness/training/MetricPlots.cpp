#include "walness/training/MetricPlots.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QDir>

#include <cstdio>

#include "walness/metrics/Metrics.h"
#include "walness/training/Evaluation.h"

namespace walness::training {

namespace {

constexpr int kSize = 640;
constexpr int kMargin = 70;

// Plot coordinates: x, y in 0..1 to pixels.
cv::Point toPixel(double x, double y) {
  const int span = kSize - 2 * kMargin;
  return {kMargin + int(x * span), kSize - kMargin - int(y * span)};
}

cv::Mat axes(const std::string& title, const std::string& xLabel, const std::string& yLabel) {
  cv::Mat canvas(kSize, kSize, CV_8UC3, cv::Scalar(255, 255, 255));
  for (int i = 0; i <= 10; ++i) {
    const double t = i / 10.0;
    cv::line(canvas, toPixel(t, 0), toPixel(t, 1), cv::Scalar(230, 230, 230));
    cv::line(canvas, toPixel(0, t), toPixel(1, t), cv::Scalar(230, 230, 230));
    if (i % 2 == 0) {
      char text[8];
      std::snprintf(text, sizeof text, "%.1f", t);
      cv::putText(canvas, text, toPixel(t, 0) + cv::Point(-12, 22), cv::FONT_HERSHEY_SIMPLEX, 0.45,
                  cv::Scalar(60, 60, 60), 1, cv::LINE_AA);
      cv::putText(canvas, text, toPixel(0, t) + cv::Point(-36, 5), cv::FONT_HERSHEY_SIMPLEX, 0.45,
                  cv::Scalar(60, 60, 60), 1, cv::LINE_AA);
    }
  }
  cv::rectangle(canvas, toPixel(0, 1), toPixel(1, 0), cv::Scalar(0, 0, 0));
  cv::line(canvas, toPixel(0, 0), toPixel(1, 1), cv::Scalar(160, 160, 160), 1, cv::LINE_AA);
  cv::putText(canvas, title, {kMargin, 40}, cv::FONT_HERSHEY_SIMPLEX, 0.7, cv::Scalar(0, 0, 0), 2,
              cv::LINE_AA);
  cv::putText(canvas, xLabel, {kSize / 2 - 80, kSize - 25}, cv::FONT_HERSHEY_SIMPLEX, 0.5,
              cv::Scalar(0, 0, 0), 1, cv::LINE_AA);
  cv::putText(canvas, yLabel, {8, kMargin - 12}, cv::FONT_HERSHEY_SIMPLEX, 0.5, cv::Scalar(0, 0, 0),
              1, cv::LINE_AA);
  return canvas;
}

const cv::Scalar kColours[] = {{31, 119, 180},  {255, 127, 14}, {44, 160, 44},   {214, 39, 40},
                               {148, 103, 189}, {140, 86, 75},  {227, 119, 194}, {127, 127, 127}};

cv::Scalar colour(size_t index) {
  const cv::Scalar& rgb = kColours[index % std::size(kColours)];
  return {rgb[2], rgb[1], rgb[0]};  // OpenCV draws BGR
}

}  // namespace

Status writeMetricPlots(const std::string& directory, const LabeledDataset& dataset,
                        const at::Tensor& probabilities) {
  if (!QDir().mkpath(QString::fromStdString(directory)))
    return Error{directory + ": cannot create the folder"};

  cv::Mat roc = axes("ROC (" + std::to_string(dataset.images.size()) + " photos)",
                     "false positive rate", "true positive rate");
  std::vector<double> allValues;
  std::vector<int> allTruth;
  for (size_t label = 0; label < dataset.diseases.size(); ++label) {
    std::vector<double> values;
    std::vector<int> truth;
    knownCells(dataset, probabilities, label, values, truth);
    allValues.insert(allValues.end(), values.begin(), values.end());
    allTruth.insert(allTruth.end(), truth.begin(), truth.end());
    const auto auc = metrics::rocAuc(values, truth);
    const std::vector<metrics::RocPoint> curve = metrics::rocCurve(values, truth);
    for (size_t i = 1; i < curve.size(); ++i)
      cv::line(roc, toPixel(curve[i - 1].falsePositiveRate, curve[i - 1].truePositiveRate),
               toPixel(curve[i].falsePositiveRate, curve[i].truePositiveRate), colour(label), 2,
               cv::LINE_AA);
    char legend[96];
    std::snprintf(legend, sizeof legend, "%s  AUC %s", dataset.diseases[label].c_str(),
                  auc ? std::to_string(*auc).substr(0, 5).c_str() : "n/a");
    const cv::Point at = toPixel(0.42, 0.05 + 0.06 * double(dataset.diseases.size() - label - 1));
    cv::line(roc, at + cv::Point(0, -4), at + cv::Point(22, -4), colour(label), 3);
    cv::putText(roc, legend, at + cv::Point(28, 0), cv::FONT_HERSHEY_SIMPLEX, 0.45,
                cv::Scalar(0, 0, 0), 1, cv::LINE_AA);
  }

  cv::Mat reliability = axes(
      "Reliability (ECE " +
          std::to_string(metrics::expectedCalibrationError(allValues, allTruth)).substr(0, 5) + ")",
      "predicted probability", "share positive");
  const std::vector<metrics::ReliabilityBin> bins =
      metrics::reliabilityBins(allValues, allTruth, 10);
  int largest = 1;
  for (const metrics::ReliabilityBin& bin : bins) largest = std::max(largest, bin.count);
  for (size_t i = 0; i < bins.size(); ++i) {
    const double left = double(i) / double(bins.size());
    const double right = double(i + 1) / double(bins.size());
    // Bar: observed share; a thin grey bar at the bottom: how many cells fall in the bin.
    cv::rectangle(reliability, toPixel(left + 0.01, bins[i].positiveShare),
                  toPixel(right - 0.01, 0), cv::Scalar(180, 119, 31), cv::FILLED);
    cv::rectangle(reliability, toPixel(left + 0.03, 0.1 * bins[i].count / largest),
                  toPixel(right - 0.03, 0), cv::Scalar(150, 150, 150), cv::FILLED);
    if (bins[i].count > 0)
      cv::circle(reliability, toPixel(bins[i].meanProbability, bins[i].positiveShare), 4,
                 cv::Scalar(40, 39, 214), cv::FILLED, cv::LINE_AA);
  }
  cv::line(reliability, toPixel(0, 0), toPixel(1, 1), cv::Scalar(0, 0, 0), 1, cv::LINE_AA);

  for (const auto& [name, image] :
       {std::pair<const char*, const cv::Mat&>{"roc.png", roc}, {"reliability.png", reliability}}) {
    const std::string path = directory + "/" + name;
    if (!cv::imwrite(path, image)) return Error{path + ": cannot write the plot"};
  }
  return Ok{};
}

}  // namespace walness::training
