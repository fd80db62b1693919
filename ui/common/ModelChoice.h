#pragma once

#include <optional>
#include <string>

#include "walness/Species.h"
#include "walness/bundle/ModelLocator.h"

namespace walness::ui {

// Which installed bundle the app screens each species with: the one chosen in Settings > Models
// (kept in the settings by folder), else the highest version installed. Choosing an older
// version again is how a clinic switches back after trying an improved model.
class ModelChoice {
 public:
  static std::optional<bundle::BundleListing> active(Species species);
  static void choose(Species species, const std::string& directory);
  static void forget(Species species);  // back to the highest installed version
};

}  // namespace walness::ui
