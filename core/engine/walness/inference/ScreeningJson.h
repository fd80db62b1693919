#pragma once

#include <opencv2/core/types.hpp>

#include <QJsonObject>
#include <QString>

#include <optional>
#include <string>

#include "walness/inference/Diagnosis.h"

namespace walness::inference {

// Where a diagnosis came from: the photo, the square screened and the heatmap kept with it.
struct ScreenedPhoto {
  QString image;                   // the photo's path, or how it is referred to
  std::optional<cv::Rect> region;  // the square the model saw
  std::string camMethod;           // empty without a heatmap
  std::string camDisease;
  QString camFile;  // empty when the heatmap was not written
  QString savedAt;  // ISO time, when saved to a file
};

// A screened photo as JSON: the one shape `walness-cli diagnose --json` prints and the eye-check
// page saves. image, eye_region (x, y, width, height; null when unknown), cam (method, disease,
// file; null without a heatmap), the diagnosis (diagnosisToJson), advice (per positive finding,
// most urgent first: disease, urgency, urgency_text, urgency_reason, what, signs, owner_action;
// English), app_version and notice (a screening aid, not a diagnosis), and saved_at when saved.
QJsonObject screeningToJson(const Diagnosis& diagnosis, const ScreenedPhoto& photo);

}  // namespace walness::inference
