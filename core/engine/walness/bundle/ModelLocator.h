#pragma once

#include <optional>
#include <string>
#include <vector>

#include "walness/Species.h"
#include "walness/bundle/ModelCard.h"

namespace walness::bundle {

// Bundles found in `searchDirectories` (each holding bundle folders), cards parsed but weights not
// loaded: what is installed, for choosing by species and for error messages.
struct BundleListing {
  std::string directory;
  ModelCard card;
};
std::vector<BundleListing> listBundles(const std::vector<std::string>& searchDirectories);

// Where bundles are looked for, in order: `models/` in the source tree (a development build),
// then the user's and the system's data folders (an installed app).
std::vector<std::string> modelSearchDirectories();

// The newest bundle for `species` in the search folders, if any.
std::optional<BundleListing> findBundleFor(Species species, const std::vector<BundleListing>& all);

}  // namespace walness::bundle
