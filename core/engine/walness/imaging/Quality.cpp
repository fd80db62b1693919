#include "walness/imaging/Quality.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace walness::imaging {

namespace {

QualitySeverity lowerIsWorse(double value, double warning, double severe) {
  if (value < severe) return QualitySeverity::Severe;
  if (value < warning) return QualitySeverity::Warning;
  return QualitySeverity::Ok;
}

QualitySeverity higherIsWorse(double value, double warning, double severe) {
  if (value > severe) return QualitySeverity::Severe;
  if (value > warning) return QualitySeverity::Warning;
  return QualitySeverity::Ok;
}

}  // namespace

// Black bars from letterboxing (common in cropped or edited photos, and in the training crops) are
// padding, not scene: they would count as under-exposure and their edges as sharpness.
cv::Rect withoutBlackBars(const cv::Mat& gray) {
  constexpr int kBar = 24;  // JPEG ringing keeps bar pixels a little above zero
  cv::Mat rowMax, colMax;
  cv::reduce(gray, rowMax, 1, cv::REDUCE_MAX);
  cv::reduce(gray, colMax, 0, cv::REDUCE_MAX);
  int top = 0, bottom = gray.rows, left = 0, right = gray.cols;
  while (top < bottom && rowMax.at<uchar>(top) <= kBar) ++top;
  while (bottom > top && rowMax.at<uchar>(bottom - 1) <= kBar) --bottom;
  while (left < right && colMax.at<uchar>(left) <= kBar) ++left;
  while (right > left && colMax.at<uchar>(right - 1) <= kBar) --right;
  // An almost entirely dark photo is under-exposed, not padded: keep it whole.
  if ((bottom - top) * 4 < gray.rows || (right - left) * 4 < gray.cols)
    return cv::Rect(0, 0, gray.cols, gray.rows);
  // Stay clear of the bar edge itself, which is a sharp artificial line.
  const int marginY = (top > 0 || bottom < gray.rows) ? 3 : 0;
  const int marginX = (left > 0 || right < gray.cols) ? 3 : 0;
  cv::Rect content(left + (left > 0 ? marginX : 0), top + (top > 0 ? marginY : 0), 0, 0);
  content.width = std::max(1, right - (right < gray.cols ? marginX : 0) - content.x);
  content.height = std::max(1, bottom - (bottom < gray.rows ? marginY : 0) - content.y);
  return content & cv::Rect(0, 0, gray.cols, gray.rows);
}

bool QualityReport::hasWarnings() const {
  return std::any_of(checks.begin(), checks.end(),
                     [](const QualityCheck& c) { return c.severity != QualitySeverity::Ok; });
}

bool QualityReport::hasSevere() const {
  return std::any_of(checks.begin(), checks.end(),
                     [](const QualityCheck& c) { return c.severity == QualitySeverity::Severe; });
}

const QualityCheck* QualityReport::find(const std::string& key) const {
  for (const auto& check : checks)
    if (check.key == key) return &check;
  return nullptr;
}

QualityReport assessQuality(const cv::Mat& rgb, const std::optional<cv::Rect>& region,
                            const QualityThresholds& thresholds) {
  const cv::Rect area =
      region ? (*region & cv::Rect(0, 0, rgb.cols, rgb.rows)) : cv::Rect(0, 0, rgb.cols, rgb.rows);
  QualityReport report;
  if (area.empty()) {
    report.checks.push_back({"small_region", 0, thresholds.regionWarning, QualitySeverity::Severe});
    return report;
  }
  cv::Mat fullGray;
  cv::cvtColor(rgb(area), fullGray, cv::COLOR_RGB2GRAY);
  const cv::Mat gray = fullGray(withoutBlackBars(fullGray));

  // Blur on a fixed scale: the Laplacian's variance grows with resolution otherwise.
  const double scale = 256.0 / std::max(gray.cols, gray.rows);
  cv::Mat normalized;
  cv::resize(gray, normalized, cv::Size(), scale, scale,
             scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
  cv::Mat laplacian;
  cv::Laplacian(normalized, laplacian, CV_32F);
  cv::Scalar mean, deviation;
  cv::meanStdDev(laplacian, mean, deviation);
  const double blur = deviation[0] * deviation[0];
  report.checks.push_back({"blur", blur, thresholds.blurWarning,
                           lowerIsWorse(blur, thresholds.blurWarning, thresholds.blurSevere)});

  const double pixels = double(gray.total());
  const double dark = cv::countNonZero(gray <= 8) / pixels;
  const double bright = cv::countNonZero(gray >= 250) / pixels;
  report.checks.push_back({"underexposed", dark, thresholds.darkWarning,
                           higherIsWorse(dark, thresholds.darkWarning, thresholds.darkSevere)});
  report.checks.push_back(
      {"overexposed", bright, thresholds.brightWarning,
       higherIsWorse(bright, thresholds.brightWarning, thresholds.brightSevere)});

  const double side = std::min(area.width, area.height);
  report.checks.push_back({"small_region", side, thresholds.regionWarning,
                           lowerIsWorse(side, thresholds.regionWarning, thresholds.regionSevere)});
  return report;
}

QString qualityMessage(const QualityCheck& check, const Words& words) {
  const auto whole = [](double value) { return QString::number(value, 'f', 0); };
  if (check.key == "blur")
    return words
        .translate("Quality",
                   "The photo is blurry (sharpness %1, needs %2 or more). Retake it with the eye "
                   "in focus.")
        .arg(whole(check.value), whole(check.threshold));
  if (check.key == "underexposed")
    return words
        .translate("Quality",
                   "The photo is too dark (%1% of it is black, at most %2% is fine). Retake it "
                   "in better light.")
        .arg(whole(check.value * 100), whole(check.threshold * 100));
  if (check.key == "overexposed")
    return words
        .translate("Quality",
                   "The photo is too bright (%1% of it is blown out, at most %2% is fine). "
                   "Retake it without flash or direct light.")
        .arg(whole(check.value * 100), whole(check.threshold * 100));
  if (check.key == "small_region")
    return words
        .translate("Quality",
                   "The eye region is too small (%1 pixels, needs %2 or more). Take the photo "
                   "closer to the eye.")
        .arg(whole(check.value), whole(check.threshold));
  return QString::fromStdString(check.key);
}

}  // namespace walness::imaging
