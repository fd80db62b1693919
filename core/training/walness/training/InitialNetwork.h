#pragma once

#include <memory>
#include <string>

#include "walness/Result.h"
#include "walness/nn/FeatureClassifier.h"
#include "walness/training/TrainingConfig.h"
#include "walness/training/data/LabeledDataset.h"

namespace walness::training {

// The configured architecture with a head for `train`'s diseases, warm-started from
// config.initBundle (`initialisation` then says what it took) or with the backbone of
// config.pretrainedWeights; as initialised (torch's seed) otherwise.
Result<std::shared_ptr<nn::FeatureClassifier>> createInitialNetwork(const TrainingConfig& config,
                                                                    const LabeledDataset& train,
                                                                    std::string& initialisation);

}  // namespace walness::training
