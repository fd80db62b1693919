#pragma once

#include <QString>

#include <optional>

#include "walness/Species.h"
#include "walness/inference/Diagnosis.h"
#include "walness/text/Words.h"

namespace walness::inference {

// How Walness words its screening decisions, in one place for the GUI, the reports and the command
// line (in `words`' language; docs/architecture.md, "Where decisions are made and worded").

// "dog" or "cat" as a reader says it ("강아지", "고양이").
QString speciesName(Species species, const Words& words);

// Why a photo got no findings: a title (what the photo looks like) and what to do about it.
struct AbstentionText {
  QString title;
  QString advice;
};
// `modelSpecies` is the species the model screens; `detectedSpecies` the one the gate saw (with
// AbstentionReason::OtherSpecies).
AbstentionText describeAbstention(AbstentionReason reason, Species modelSpecies,
                                  std::optional<Species> detectedSpecies, const Words& words);
// The same for an abstained diagnosis, with what was measured (the eye's size in pixels).
AbstentionText describeAbstention(const Diagnosis& diagnosis, const Words& words);

}  // namespace walness::inference
