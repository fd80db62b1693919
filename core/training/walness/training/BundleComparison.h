#pragma once

#include <string>
#include <vector>

#include "walness/Result.h"
#include "walness/training/Bootstrap.h"
#include "walness/training/Evaluation.h"
#include "walness/training/data/LabeledDataset.h"

namespace walness::training {

// Two bundles measured on the same labelled photos (e.g. a clinic's held-back pets), over the
// diseases both check and the data labels, each with its own temperature and thresholds.
struct BundleComparison {
  std::vector<std::string> diseases;
  EvaluationReport candidate;
  EvaluationReport baseline;
  // Each model's AUCs with bootstrap intervals over the photos.
  AucIntervals candidateIntervals;
  AucIntervals baselineIntervals;
  // Candidate minus baseline macro AUC on the same resampled photos (the paired bootstrap).
  std::optional<BootstrapInterval> difference;
  // The candidate's macro AUC is higher; false when either cannot be computed (no disease with
  // both classes among the photos): then nothing says it is better.
  bool candidateBetter = false;
  std::string summary;  // one line, English, for logs and the CLI

  // Better by more than the paired interval: what shipping a new bundle requires (issue 27).
  bool candidateClearlyBetter() const { return difference && difference->low > 0; }
};

// Adds to a freshly trained bundle's card what training could not know: where the data came from
// (`export.json` beside `labelsCsv`, written by the history's label export) and, for a warm start,
// the comparison with the `--init` bundle (`metrics.compared_with_init`).
Status annotateWarmStartCard(const std::string& bundleDirectory, const std::string& labelsCsv,
                             const BundleComparison* comparison, const std::string& initDirectory);

Result<BundleComparison> compareBundles(const std::string& candidateDirectory,
                                        const std::string& baselineDirectory,
                                        const LabeledDataset& photos, int workers = 1,
                                        const BootstrapSettings& bootstrap = {});

}  // namespace walness::training
