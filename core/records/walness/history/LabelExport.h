#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "walness/Result.h"
#include "walness/Species.h"
#include "walness/history/HistoryStore.h"

namespace walness::history {

struct LabelExportOptions {
  Species species = Species::Dog;
  double heldBackShare = 0.2;  // of the pets, at least one when there are two or more
  uint64_t seed = 20261129;    // which pets are held back
  int maxSide = 512;           // longer side of a written eye square, in pixels
};

struct LabelExportSummary {
  int written = 0;            // photos in labels.csv
  int skippedAbstained = 0;   // checks screened without findings (not fit to judge)
  int skippedUnlabelled = 0;  // answers with no disease present or absent
  int trainPets = 0, heldBackPets = 0;
  int trainPhotos = 0, heldBackPhotos = 0;
  std::vector<std::string> diseases;  // the label columns
  std::string firstCheck, lastCheck;
  std::string describe() const;  // "N confirmed checks from this clinic, FIRST to LAST"
};

// Writes the confirmed checks of one species as a training set in the format of
// ../shared/data/dog-eye: `images/<check>.jpg` (the eye square the model saw) and `labels.csv`
// (image, split, framing "confirmed", pet, taken_at, visit_uid and eye_side (the two eyes of one
// photo share a visit_uid and are "left_of_photo" and "right_of_photo"; empty for an eye on its
// own; the training reader skips both), then one column per disease the vet answered present or
// absent for any check: 1, 0, or empty where not examined). Whole pets are held back as split
// "val" so a pet's checks never straddle two splits; the rest are "train". Also writes
// `export.json` (what was exported, for the model card). Refuses a folder that has a labels.csv.
Result<LabelExportSummary> exportConfirmedLabels(const HistoryStore& store,
                                                 const std::string& directory,
                                                 const LabelExportOptions& options);

}  // namespace walness::history
