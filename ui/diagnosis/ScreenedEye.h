#pragma once

#include <opencv2/core/types.hpp>

#include <QString>

#include <optional>

#include "walness/gate/EyePair.h"
#include "walness/inference/Diagnosis.h"

namespace walness::ui {

// A square of the photo to screen and where it lies: one of a face's two eyes, or the only one.
// No square: the whole photo.
struct EyeToScreen {
  std::optional<cv::Rect> square;
  gate::PhotoSide side = gate::PhotoSide::Only;
};

// One eye's result when both eyes of a photo were screened in one go.
struct ScreenedEye {
  inference::ExplainedDiagnosis result;
  gate::PhotoSide side = gate::PhotoSide::Only;
};

// "Eye on the left of the photo" / "... right ...", in the installed language; empty for Only.
// The photo's side, not the pet's: a photo does not say which way the pet faces.
QString photoSideName(gate::PhotoSide side);

}  // namespace walness::ui
