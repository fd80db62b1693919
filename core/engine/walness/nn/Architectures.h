#pragma once

#include <memory>
#include <string>
#include <vector>

#include "walness/Result.h"
#include "walness/nn/FeatureClassifier.h"

namespace walness::nn {

// Builds an architecture by the name a model card uses ("mobilenet_v2"), with `numClasses`
// outputs. "ensemble(a,b,...)" builds an EnsembleNetwork of two or more of the known
// architectures (no ensemble inside another). ResNet18/50 and EfficientNet-B0 slot in here when
// they are added.
Result<std::shared_ptr<FeatureClassifier>> createArchitecture(const std::string& name,
                                                              int64_t numClasses);

// The single networks (an ensemble's members are chosen from these).
std::vector<std::string> knownArchitectures();

// The name of an ensemble of `members`, e.g. "ensemble(mobilenet_v2,mobilenet_edgetpu)".
std::string ensembleArchitecture(const std::vector<std::string>& members);
bool isEnsembleArchitecture(const std::string& name);

}  // namespace walness::nn
