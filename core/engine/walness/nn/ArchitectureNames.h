#pragma once

#include <string>
#include <vector>

#include "walness/Result.h"

// Architecture names as model cards write them, without LibTorch: the GUI reads them too.
namespace walness::nn {

// The single networks (an ensemble's members are chosen from these), and them as "a, b".
std::vector<std::string> knownArchitectures();
std::string knownArchitectureList();

// The name of an ensemble of `members`, e.g. "ensemble(mobilenet_v2,mobilenet_edgetpu)".
std::string ensembleArchitecture(const std::vector<std::string>& members);
bool isEnsembleArchitecture(const std::string& name);

// The member names of "ensemble(a,b,...)": each a known single architecture, at least two.
Result<std::vector<std::string>> ensembleMembers(const std::string& name);

}  // namespace walness::nn
