#pragma once

#include <opencv2/core/mat.hpp>
#include <opencv2/core/types.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "Result.h"
#include "bundle/ModelBundle.h"
#include "cam/CamMethod.h"
#include "inference/Diagnosis.h"

namespace walness::inference {

// Loads a bundle once and screens photos with it; not thread-safe, use one per worker thread.
class Classifier {
 public:
  static Result<std::unique_ptr<Classifier>> load(const std::string& bundleDirectory);
  explicit Classifier(bundle::ModelBundle bundle);

  const bundle::ModelCard& card() const { return bundle_.card; }
  const std::string& directory() const { return bundle_.directory; }

  // Findings only, under InferenceMode: the fast path (batch mode, benchmarks).
  Result<Diagnosis> diagnose(const cv::Mat& rgb, const std::optional<cv::Rect>& region = {}) const;

  // Findings plus CAMs from the same forward pass: the backbone runs once without autograd; only
  // the head is differentiated with respect to the CAM-layer activations. `diseases` empty means
  // the top finding; {"*"} means every disease the model checks.
  Result<ExplainedDiagnosis> explain(const cv::Mat& rgb, const std::optional<cv::Rect>& region,
                                     const cam::CamMethod& method,
                                     const std::vector<std::string>& diseases = {}) const;

 private:
  Diagnosis judge(const torch::Tensor& features, const torch::Tensor& logits,
                  imaging::QualityReport quality) const;

  bundle::ModelBundle bundle_;
  torch::Device device_;
};

}  // namespace walness::inference
