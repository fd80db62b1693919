#pragma once

#include <opencv2/core/types.hpp>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "walness/Result.h"
#include "walness/Species.h"

namespace walness::training {

// One photo with what is known about it: per disease 1 (present), 0 (absent) or NaN (unknown, left
// out of the loss and the metrics for that disease only).
struct LabeledImage {
  std::string path;  // absolute, or relative to the working directory
  std::string split;
  std::vector<float> labels;        // one per LabeledDataset::diseases
  std::vector<std::string> grades;  // severity grade per disease when the source has one
  std::optional<cv::Rect> region;   // the eye in the photo, when the source marks it
  std::string framing;              // e.g. "crop", "fullframe"
  bool zerosAssumed = false;        // its 0s are the source's assumption, not an examination

  static bool known(float label) { return !std::isnan(label); }
};

// How far to trust an assumed 0 in training: the target it is trained towards and its weight.
struct AssumedNegatives {
  float target = 0;
  float weight = 1;
};

struct LabeledDataset {
  std::vector<std::string> diseases;  // disease ids (Diseases.h), the label order
  std::vector<LabeledImage> images;
  Species species = Species::Dog;
  std::string source;  // where it was read from, for the model card

  LabeledDataset subset(const std::string& split) const;
  // Known positives and known cells per disease.
  std::vector<int64_t> positives() const;
  std::vector<int64_t> knownCounts() const;
};

// Reads a labels.csv like ../shared/data/dog-eye/labels.csv: a header with `image` (path relative
// to the CSV's folder), optional `split` and `framing`, then one column per disease id with 1, 0 or
// an empty cell (unknown). Columns that are not disease ids (source_repo, ...) are ignored.
// In `crop` rows a 0 only means "not filed under that disease" (the dog-eye README), so those
// rows are marked zerosAssumed; other framings (e.g. a clinic's "confirmed") keep real 0s.
// Half of a val split of at least 100 rows is read as the held-out `test` split (HeldOutTest.h).
// Errors name the file, line and column.
Result<LabeledDataset> readLabelsCsv(const std::string& csvPath, Species species = Species::Dog);

}  // namespace walness::training
