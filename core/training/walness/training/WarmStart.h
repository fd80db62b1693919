#pragma once

#include <string>
#include <vector>

#include "walness/Result.h"
#include "walness/Species.h"
#include "walness/nn/FeatureClassifier.h"

namespace walness::training {

// What a warm start took from the bundle, for the log and the new card's provenance.
struct WarmStart {
  std::string bundleId;
  std::string bundleVersion;
  std::vector<std::string> keptRows;  // diseases whose head row came from the bundle
  std::vector<std::string> newRows;   // diseases the bundle lacks: freshly initialised rows
  bool newHead = false;               // another species: only the backbone was taken

  std::string describe() const;
};

// Starts `network` (labelling `diseases` for `species`) from a bundle's weights instead of
// ImageNet's: the whole backbone, and the head rows of the diseases both label when the species
// is the same (less the card's logit prior correction, which the finaliser will apply anew); a
// disease the bundle lacks keeps its fresh row, another species a fresh head.
// The bundle must have the same architecture and pass its own checks (card, sha256).
Result<WarmStart> warmStartFromBundle(nn::FeatureClassifier& network,
                                      const std::string& architecture,
                                      const std::vector<std::string>& diseases, Species species,
                                      const std::string& bundleDirectory);

}  // namespace walness::training
