#pragma once

#include <QJsonObject>

#include <cstdint>
#include <functional>
#include <vector>

#include "walness/Result.h"
#include "walness/bundle/ModelBundle.h"
#include "walness/gate/EyeGate.h"
#include "walness/training/Evaluation.h"
#include "walness/training/data/LabeledDataset.h"

namespace walness::gate {

// What the model and the gate do with one eye size.
struct EyeSizeRow {
  int side = 0;  // the eye region's shorter side in pixels; 0: the photos as they are
  training::EvaluationReport report;
  int64_t photos = 0;
  int64_t alreadySmaller = 0;  // photos at or below `side` already: kept as they are
  int64_t screened = 0, notAnEye = 0, otherSpecies = 0;  // the gate's decisions
  int64_t qualitySevere = 0;  // photos the app's quality checks refuse (blur, light, region)
  QJsonObject toJson() const;
};

// Every photo of `dataset` shrunk so its shorter side is `side` pixels (area averaging, as a
// photo taken from further away holds the eye), then through the app's own preprocessing, which
// scales it back up to the model's input: the disease metrics, the gate's decisions and the
// quality checks per size. `gate` may be null (no gate decisions then).
Result<std::vector<EyeSizeRow>> studyEyeSizes(nn::FeatureClassifier& network,
                                              const bundle::ModelCard& card, const EyeGate* gate,
                                              const training::LabeledDataset& dataset,
                                              const std::vector<int>& sides,
                                              const std::function<void(size_t, size_t)>& progress);

}  // namespace walness::gate
