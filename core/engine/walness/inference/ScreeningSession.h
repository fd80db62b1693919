#pragma once

#include <opencv2/core/mat.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "walness/Result.h"
#include "walness/bundle/ModelCard.h"
#include "walness/gate/EyePair.h"
#include "walness/gate/EyeSquare.h"
#include "walness/inference/Diagnosis.h"

namespace walness::inference {

class Classifier;

// A loaded model for the GUI and other callers that must not see LibTorch: the Classifier behind
// a header with no LibTorch includes. Not thread-safe; use one per worker thread.
class ScreeningSession {
 public:
  static Result<std::unique_ptr<ScreeningSession>> open(const std::string& bundleDirectory);
  ~ScreeningSession();

  const bundle::ModelCard& card() const;
  const std::string& directory() const;
  // Whether the bundle has an eye gate (and so an eye finder).
  bool hasEyeGate() const;

  // Eye squares in a whole photo, best first (empty without an eye gate or when none is found).
  std::vector<gate::EyeSquare> findEyes(const cv::Mat& rgb, Species species,
                                        size_t maxCount = 4) const;
  // Which found squares count as eyes when pairing a face's two eyes (gate::eyesToScreen).
  gate::EyePairRule eyePairRule() const;

  // Findings only (no heatmap): the fast path for batches.
  Result<Diagnosis> diagnose(const cv::Mat& rgb, const std::optional<cv::Rect>& region) const;

  // Findings and one heatmap per disease in `diseases` ({"*"} = all) with the CAM method `camId`
  // ("gradcam", "gradcampp", "hirescam", "layercam").
  Result<ExplainedDiagnosis> explain(const cv::Mat& rgb, const std::optional<cv::Rect>& region,
                                     const std::string& camId,
                                     const std::vector<std::string>& diseases) const;

 private:
  explicit ScreeningSession(std::unique_ptr<Classifier> classifier);
  std::unique_ptr<Classifier> classifier_;
};

}  // namespace walness::inference
