#pragma once

#include <optional>
#include <string>
#include <vector>

#include "Species.h"
#include "bundle/ModelBundle.h"

namespace walness::cli {

// Where bundles are looked for, in order: `models/` in the source tree (a development build),
// then the user's and the system's data folders (an installed app).
std::vector<std::string> modelSearchDirectories();

// The newest bundle for `species` in the search folders, if any.
std::optional<bundle::BundleListing> findBundleFor(Species species,
                                                   const std::vector<bundle::BundleListing>& all);

}  // namespace walness::cli
