#include "walness/nn/Architectures.h"

#include <torch/torch.h>

#include "walness/nn/MobileNetEdgeTpu.h"
#include "walness/nn/MobileNetV2.h"

namespace walness::nn {

std::vector<std::string> knownArchitectures() {
  return {"mobilenet_v2", "mobilenet_edgetpu"};
}

Result<std::shared_ptr<FeatureClassifier>> createArchitecture(const std::string& name,
                                                              int64_t numClasses) {
  if (numClasses < 1 || numClasses > 100000)
    return Error{"an architecture needs 1 to 100000 outputs, not " + std::to_string(numClasses)};
  if (name == "mobilenet_v2")
    return std::shared_ptr<FeatureClassifier>(std::make_shared<MobileNetV2Impl>(numClasses));
  if (name == "mobilenet_edgetpu")
    return std::shared_ptr<FeatureClassifier>(std::make_shared<MobileNetEdgeTpuImpl>(numClasses));
  std::string known;
  for (const auto& architecture : knownArchitectures())
    known += (known.empty() ? "" : ", ") + architecture;
  return Error{"unknown architecture '" + name + "' (known: " + known + ")"};
}

}  // namespace walness::nn
