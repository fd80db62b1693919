#include "walness/nn/Architectures.h"

#include <torch/torch.h>

#include <algorithm>

#include "walness/nn/EnsembleNetwork.h"
#include "walness/nn/MobileNetEdgeTpu.h"
#include "walness/nn/MobileNetV2.h"

namespace walness::nn {

namespace {

const std::string kEnsemblePrefix = "ensemble(";

std::string knownList() {
  std::string known;
  for (const auto& architecture : knownArchitectures())
    known += (known.empty() ? "" : ", ") + architecture;
  return known;
}

std::string trimmed(const std::string& text) {
  const size_t first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// The member names of "ensemble(a,b,...)", each a known single architecture, at least two.
Result<std::vector<std::string>> ensembleMembers(const std::string& name) {
  const std::string usage = " (write ensemble(a,b,...) with two or more of: " + knownList() + ")";
  if (name.back() != ')') return Error{"architecture '" + name + "' does not end with ')'" + usage};
  const std::string inside =
      name.substr(kEnsemblePrefix.size(), name.size() - kEnsemblePrefix.size() - 1);
  if (inside.find_first_of("()") != std::string::npos)
    return Error{"architecture '" + name + "': an ensemble cannot hold another ensemble" + usage};
  std::vector<std::string> members;
  size_t start = 0;
  while (start <= inside.size()) {
    const size_t comma = std::min(inside.find(',', start), inside.size());
    members.push_back(trimmed(inside.substr(start, comma - start)));
    start = comma + 1;
  }
  if (members.size() == 1 && members[0].empty())
    return Error{"architecture '" + name + "': the ensemble lists no members" + usage};
  if (members.size() < 2)
    return Error{"architecture '" + name + "': an ensemble needs at least two members" + usage};
  const auto known = knownArchitectures();
  for (const std::string& member : members)
    if (std::find(known.begin(), known.end(), member) == known.end())
      return Error{"architecture '" + name + "': unknown member '" + member + "'" + usage};
  return members;
}

std::shared_ptr<FeatureClassifier> createSingle(const std::string& name, int64_t numClasses) {
  if (name == "mobilenet_v2")
    return std::shared_ptr<FeatureClassifier>(std::make_shared<MobileNetV2Impl>(numClasses));
  if (name == "mobilenet_edgetpu")
    return std::shared_ptr<FeatureClassifier>(std::make_shared<MobileNetEdgeTpuImpl>(numClasses));
  return nullptr;
}

}  // namespace

std::vector<std::string> knownArchitectures() {
  return {"mobilenet_v2", "mobilenet_edgetpu"};
}

std::string ensembleArchitecture(const std::vector<std::string>& members) {
  std::string name = kEnsemblePrefix;
  for (size_t i = 0; i < members.size(); ++i) name += (i ? "," : "") + members[i];
  return name + ")";
}

bool isEnsembleArchitecture(const std::string& name) {
  return name.rfind(kEnsemblePrefix, 0) == 0;
}

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
  return Error{"unknown architecture '" + name + "' (known: " + knownList() +
               ", or ensemble(a,b,...) of them)"};
}

}  // namespace walness::nn
