#pragma once

#include <vector>

#include "walness/Result.h"
#include "walness/bundle/ModelBundle.h"
#include "walness/training/gate/GateDataset.h"
#include "walness/training/gate/GateHeadTraining.h"
#include "walness/training/gate/GateTrainer.h"

namespace walness::gate {

// The pooled backbone features of every view of every sample (one forward pass per view, in
// batches of 32). With options.featureCache, reuses the features of an earlier run with the same
// weights, samples and view settings, and keeps new ones there.
Result<GateFeatureTable> extractGateFeatures(const bundle::ModelBundle& model,
                                             const std::vector<GateSample>& samples,
                                             const GateTrainingOptions& options);

}  // namespace walness::gate
