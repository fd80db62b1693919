#pragma once

#include <QByteArray>
#include <QJsonObject>

#include <optional>
#include <string>
#include <vector>

#include "walness/Result.h"
#include "walness/Species.h"
#include "walness/imaging/ModelInput.h"

namespace walness::bundle {

struct LabelSpec {
  std::string id;          // a disease id (Diseases.h)
  double threshold = 0.5;  // decision threshold on the calibrated probability
};

// Statistics of the pooled CAM-layer features on the training data: an input whose features lie
// far from them (a sofa, a face) is out of distribution and gets no diagnosis.
struct OodStatistics {
  std::vector<float> featureMean;  // one per feature channel
  std::vector<float> featureStd;
  double threshold = 0;     // score above which the input is out of distribution
  std::string description;  // how the threshold was chosen, e.g. "99.5th percentile on val"
};

// The model card: everything needed to run, judge and explain a model. See docs/model-card.md.
struct ModelCard {
  static constexpr int kFormatVersion = 1;

  std::string id;
  std::string version;
  Species species = Species::Dog;
  std::string architecture;
  imaging::InputSpec input;
  std::vector<LabelSpec> labels;
  std::string camLayer;
  double temperature = 1.0;
  std::optional<OodStatistics> ood;
  QJsonObject metrics;     // with the dataset they were measured on
  QJsonObject provenance;  // data, label semantics, known limits
  std::string weightsFile = "weights.safetensors";
  std::string weightsSha256;
  std::string created;         // ISO 8601
  std::string trainerVersion;  // the Walness version that trained it
};

// Parses and validates a card; the error names `source` and the offending field.
Result<ModelCard> parseModelCard(const QByteArray& json, const std::string& source);
QByteArray serializeModelCard(const ModelCard& card);

}  // namespace walness::bundle
