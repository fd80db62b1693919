#pragma once

#include <memory>
#include <string>
#include <vector>

#include "walness/Result.h"
#include "walness/nn/FeatureClassifier.h"

namespace walness::nn {

// Builds an architecture by the name a model card uses ("mobilenet_v2"), with `numClasses`
// outputs. ResNet18/50 and EfficientNet-B0 slot in here when they are added.
Result<std::shared_ptr<FeatureClassifier>> createArchitecture(const std::string& name,
                                                              int64_t numClasses);

std::vector<std::string> knownArchitectures();

}  // namespace walness::nn
