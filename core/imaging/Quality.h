#pragma once

#include <opencv2/core/types.hpp>

#include <optional>
#include <string>
#include <vector>

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

// Thresholds, chosen so the dog-eye training photos pass (see docs/model-card.md).
struct QualityThresholds {
  // Variance of the Laplacian of the region scaled to 256 px on its long side (so photos of any
  // resolution compare alike). Lower is blurrier.
  double blurWarning = 40;
  double blurSevere = 8;
  // Share of pixels at or below 8 (dark) or at or above 250 (bright), after gray conversion.
  double clippedWarning = 0.25;
  double clippedSevere = 0.6;
  // Shorter side of the eye region in the original photo, in pixels.
  double regionWarning = 112;
  double regionSevere = 64;
};

// Measures the photo (RGB, 8-bit) within `region` (the whole photo when absent).
QualityReport assessQuality(const cv::Mat& rgb, const std::optional<cv::Rect>& region,
                            const QualityThresholds& thresholds = {});

// A sentence for a check in "en" or "ko", with its value and threshold filled in.
std::string qualityMessage(const QualityCheck& check, const std::string& language);

}  // namespace walness::imaging
