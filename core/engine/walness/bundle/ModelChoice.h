#pragma once

#include <optional>
#include <string>

#include "walness/Species.h"
#include "walness/bundle/ModelLocator.h"

namespace walness::bundle {

// Which installed bundle screens each species, for the GUI and the command line alike: the one
// chosen in Settings > Models (kept in the app's settings by folder), else the highest version
// installed. Choosing an older version again is how a clinic switches back after trying an
// improved model. `walness-cli` reads the same settings as the app (organisation's "Walness").
class ModelChoice {
 public:
  static std::optional<BundleListing> active(Species species);
  static void choose(Species species, const std::string& directory);
  static void forget(Species species);  // back to the highest installed version
};

}  // namespace walness::bundle
