#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "walness/training/data/LabeledDataset.h"

namespace walness::training {

// How a percentile bootstrap resamples: the photos (rows), with replacement, `resamples` times.
// The generator is std::mt19937_64 with `seed`, its raw output taken modulo the row count, so
// the same photos and seed give the same intervals with every standard library.
struct BootstrapSettings {
  int resamples = 2000;
  uint64_t seed = 27;
  double level = 0.95;  // central share of the resampled values the interval holds
};

struct BootstrapInterval {
  double estimate = 0;  // on the photos as they are
  double low = 0;
  double high = 0;
};

// AUC per label and macro AUC (the mean over labels with both classes) of `scores` [N, L] with
// their bootstrap intervals; a label with one class only among the photos has none.
struct AucIntervals {
  std::optional<BootstrapInterval> macro;
  std::map<std::string, BootstrapInterval> perLabel;
};
AucIntervals bootstrapAucs(const LabeledDataset& dataset, const at::Tensor& scores,
                           const BootstrapSettings& settings = {});

// The paired bootstrap of macro AUC: candidate minus baseline on the same resampled photos, over
// the labels with both classes among the photos (nullopt when there is none). The candidate
// beats the baseline by more than the interval only when `low` > 0.
std::optional<BootstrapInterval> pairedMacroAucDifference(const LabeledDataset& dataset,
                                                          const at::Tensor& candidateScores,
                                                          const at::Tensor& baselineScores,
                                                          const BootstrapSettings& settings = {});

}  // namespace walness::training
