#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <vector>

#include "walness/Species.h"
#include "walness/gate/EyeGateCard.h"
#include "walness/gate/EyeGateHead.h"
#include "walness/training/gate/GateTrainer.h"

namespace walness::gate {

// Pooled backbone features of every view, with what each view is and where it came from.
struct GateFeatureTable {
  torch::Tensor features;  // [N, 2C] pooled
  torch::Tensor labels;    // [N] int64 GateClass
  torch::Tensor sources;   // [N] int64 GateSource
  torch::Tensor training;  // [N] int64 1 train, 0 val
  torch::Tensor photos;    // [N] int64 index of the photo the view was cut from

  GateFeatureTable rows(const torch::Tensor& mask) const;
};

// The gate's head trained on `train` (every class weighs the same in the loss, the cat-eye class
// `catEyeWeight` times that).
EyeGateHead trainGateHead(const GateFeatureTable& train, const GateTrainingOptions& options,
                          int64_t channels, double catEyeWeight);

// One cat-eye class weight tried by k-fold cross-validation on the training views: the share of
// held-out views of each kind that got the right decision at the card's fixed thresholds.
struct CatEyeWeightTrial {
  double catEyeWeight = 1;
  double ownEyesScreened = 0;        // eyes of the model's species
  double otherEyesOtherSpecies = 0;  // eyes of the other species
  double notEyesNotAnEye = 0;        // not-eye photos and their crops
  double balanced() const {
    return (ownEyesScreened + otherEyesOtherSpecies + notEyesNotAnEye) / 3;
  }
};

// Folds are runs of 16 consecutive photos (both eyes of a cat photo sit side by side in the data,
// and all views of a photo stay in one fold). Decisions use `card`'s thresholds, as the gate being
// trained will. Val is not touched.
std::vector<CatEyeWeightTrial> crossValidateCatEyeWeight(
    const GateFeatureTable& train, const GateTrainingOptions& options, const EyeGateCard& card,
    Species modelSpecies, const std::vector<double>& weights, int folds = 5);

}  // namespace walness::gate
