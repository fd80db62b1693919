#pragma once

#include <memory>
#include <string>

#include "walness/Result.h"
#include "walness/nn/ArchitectureNames.h"
#include "walness/nn/FeatureClassifier.h"

namespace walness::nn {

// Builds an architecture by the name a model card uses ("mobilenet_v2"), with `numClasses`
// outputs. "ensemble(a,b,...)" builds an EnsembleNetwork of two or more of the known
// architectures (no ensemble inside another). ResNet18/50 and EfficientNet-B0 slot in here when
// they are added.
Result<std::shared_ptr<FeatureClassifier>> createArchitecture(const std::string& name,
                                                              int64_t numClasses);

}  // namespace walness::nn
