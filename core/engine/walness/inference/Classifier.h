#pragma once

#include <opencv2/core/mat.hpp>
#include <opencv2/core/types.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "walness/Result.h"
#include "walness/bundle/ModelBundle.h"
#include "walness/cam/CamMethod.h"
#include "walness/gate/EyeGate.h"
#include "walness/inference/Diagnosis.h"

namespace walness::inference {

// Loads a bundle once and screens photos with it; not thread-safe, use one per worker thread.
class Classifier {
 public:
  // Loads the bundle and, when it has one, its eye gate (eye-gate.json).
  static Result<std::unique_ptr<Classifier>> load(const std::string& bundleDirectory);
  explicit Classifier(bundle::ModelBundle bundle, std::optional<gate::EyeGate> gate = {});

  const bundle::ModelCard& card() const { return bundle_.card; }
  const std::string& directory() const { return bundle_.directory; }
  // The gate that refuses what is not an eye close-up of the model's species; null without one.
  const gate::EyeGate* eyeGate() const { return gate_ ? &*gate_ : nullptr; }
  // The backbone in eval mode on its device (the eye finder scans photos with it).
  const std::shared_ptr<nn::FeatureClassifier>& network() const { return bundle_.network; }
  torch::Device device() const { return device_; }

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
  std::optional<gate::EyeGate> gate_;
  torch::Device device_;
};

}  // namespace walness::inference
