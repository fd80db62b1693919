#include "walness/nn/ArchitectureNames.h"

#include <algorithm>

namespace walness::nn {

namespace {

const std::string kEnsemblePrefix = "ensemble(";

std::string trimmed(const std::string& text) {
  const size_t first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

}  // namespace

std::vector<std::string> knownArchitectures() {
  return {"mobilenet_v2", "mobilenet_edgetpu"};
}

std::string knownArchitectureList() {
  std::string known;
  for (const auto& architecture : knownArchitectures())
    known += (known.empty() ? "" : ", ") + architecture;
  return known;
}

std::string ensembleArchitecture(const std::vector<std::string>& members) {
  std::string name = kEnsemblePrefix;
  for (size_t i = 0; i < members.size(); ++i) name += (i ? "," : "") + members[i];
  return name + ")";
}

bool isEnsembleArchitecture(const std::string& name) {
  return name.rfind(kEnsemblePrefix, 0) == 0;
}

Result<std::vector<std::string>> ensembleMembers(const std::string& name) {
  const std::string usage =
      " (write ensemble(a,b,...) with two or more of: " + knownArchitectureList() + ")";
  if (!isEnsembleArchitecture(name))
    return Error{"architecture '" + name + "' is not an ensemble" + usage};
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

}  // namespace walness::nn
