#include "walness/nn/Architectures.h"

#include <torch/torch.h>

#include "walness/nn/EnsembleNetwork.h"
#include "walness/nn/MobileNetEdgeTpu.h"
#include "walness/nn/MobileNetV2.h"

namespace walness::nn {

namespace {

std::shared_ptr<FeatureClassifier> createSingle(const std::string& name, int64_t numClasses) {
  if (name == "mobilenet_v2")
    return std::shared_ptr<FeatureClassifier>(std::make_shared<MobileNetV2Impl>(numClasses));
  if (name == "mobilenet_edgetpu")
    return std::shared_ptr<FeatureClassifier>(std::make_shared<MobileNetEdgeTpuImpl>(numClasses));
  return nullptr;
}

}  // namespace

Result<std::shared_ptr<FeatureClassifier>> createArchitecture(const std::string& name,
                                                              int64_t numClasses) {
  if (numClasses < 1 || numClasses > 100000)
    return Error{"an architecture needs 1 to 100000 outputs, not " + std::to_string(numClasses)};
  if (isEnsembleArchitecture(name)) {
    auto names = ensembleMembers(name);
    if (!names) return names.error();
    std::vector<std::shared_ptr<FeatureClassifier>> members;
    for (const std::string& member : *names) members.push_back(createSingle(member, numClasses));
    return std::shared_ptr<FeatureClassifier>(
        std::make_shared<EnsembleNetworkImpl>(std::move(members)));
  }
  if (auto single = createSingle(name, numClasses)) return single;
  return Error{"unknown architecture '" + name + "' (known: " + knownArchitectureList() +
               ", or ensemble(a,b,...) of them)"};
}

}  // namespace walness::nn
