#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "walness/Species.h"

namespace walness::gate {

// The gate's three answers, in the order of its logits.
enum GateClass : int64_t { kDogEye = 0, kCatEye = 1, kNotEye = 2, kGateClassCount = 3 };

// Probabilities for one square of a photo; they sum to 1.
struct GateScores {
  double dogEye = 0;
  double catEye = 0;
  double notEye = 0;

  double eyeOf(Species species) const { return species == Species::Dog ? dogEye : catEye; }
};

// Why the gate refuses a square for a model of one species.
enum class GateRefusal { None, NotAnEye, OtherSpecies };

// What the gate decides for a model of one species: nothing (screen it), or why not.
struct GateVerdict {
  GateRefusal refusal = GateRefusal::None;
  std::optional<Species> detectedSpecies;  // with GateRefusal::OtherSpecies
  bool refused() const { return refusal != GateRefusal::None; }
};

}  // namespace walness::gate
