#pragma once

#include <QString>
#include <opencv2/core/types.hpp>

#include <optional>
#include <string>
#include <vector>

#include "walness/text/Words.h"

namespace cv {
class Mat;
}

namespace walness::imaging {

enum class QualitySeverity { Ok, Warning, Severe };

// One measured property of a photo, with the threshold it was judged against. `key` names the
// check and is also the message key ("blur", "underexposed", "overexposed", "small_region").
struct QualityCheck {
  std::string key;
  double value = 0;
  double threshold = 0;  // the warning threshold
  QualitySeverity severity = QualitySeverity::Ok;
};

struct QualityReport {
  std::vector<QualityCheck> checks;
  bool hasWarnings() const;
  bool hasSevere() const;
  const QualityCheck* find(const std::string& key) const;
};

// Thresholds, set from the 1,637 dog-eye validation photos (QualityTest.DogEyeValidationPhotosPass
// prints the distribution): blur p0.5 6.3, p2 9.8, median 165; dark share p99.5 0.40; bright share
// p99.5 0.14. So about 2% of the photos the model learnt from get a warning, under 1% abstain.
struct QualityThresholds {
  // Variance of the Laplacian of the region scaled to 256 px on its long side (so photos of any
  // resolution compare alike), black letterbox bars excluded. Lower is blurrier.
  double blurWarning = 10;
  double blurSevere = 4;
  // Share of pixels at or below 8 (dark) or at or above 250 (bright), after gray conversion.
  double darkWarning = 0.4;
  double darkSevere = 0.75;
  double brightWarning = 0.25;
  double brightSevere = 0.6;
  // Shorter side of the eye region in the original photo, in pixels.
  double regionWarning = 112;
  double regionSevere = 64;
};

// The part of a photo (8-bit gray) inside black letterbox bars, a few pixels clear of the bar
// edges; the whole photo when there are no bars or when it is dark all over.
cv::Rect withoutBlackBars(const cv::Mat& gray);

// Measures the photo (RGB, 8-bit) within `region` (the whole photo when absent).
QualityReport assessQuality(const cv::Mat& rgb, const std::optional<cv::Rect>& region,
                            const QualityThresholds& thresholds = {});

// A sentence for a check in the words' language, with its value and threshold filled in.
QString qualityMessage(const QualityCheck& check, const Words& words);

}  // namespace walness::imaging
