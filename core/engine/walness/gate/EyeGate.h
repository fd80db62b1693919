#pragma once

#include <torch/types.h>

#include <optional>
#include <string>

#include "walness/Result.h"
#include "walness/Species.h"
#include "walness/gate/EyeGateCard.h"
#include "walness/gate/EyeGateHead.h"
#include "walness/gate/GateScores.h"
#include "walness/locator/EyeLocatorHead.h"

namespace walness::gate {

// A loaded gate: its card and its head, in eval mode.
struct EyeGate {
  EyeGateCard card;
  mutable EyeGateHead head{nullptr};  // eval mode; forward() is not const in LibTorch
  // Present when card.locator is: finds eyes in whole photos (cats).
  mutable locator::EyeLocatorHead locator{nullptr};

  GateScores score(const torch::Tensor& features) const;  // [1, C, H, W] activations
  GateVerdict judge(const GateScores& scores, Species modelSpecies) const;
};

inline constexpr const char* kEyeGateCardFile = "eye-gate.json";

// Loads `<bundleDirectory>/eye-gate.json` and its weights. nullopt when the bundle has no gate;
// an Error when it has one that is broken or was trained for other backbone weights.
Result<std::optional<EyeGate>> loadEyeGate(const std::string& bundleDirectory,
                                           const std::string& backboneWeightsSha256);

// Writes the head's weights (and the locator's, when given) and the card into `bundleDirectory`
// (the card last, atomically). Without `locatorHead` a card's locator keeps its weights file.
Result<EyeGateCard> writeEyeGate(const std::string& bundleDirectory, EyeGateCard card,
                                 const EyeGateHead& head,
                                 const locator::EyeLocatorHead* locatorHead = nullptr);

}  // namespace walness::gate
