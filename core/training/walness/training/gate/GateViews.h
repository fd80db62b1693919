#pragma once

#include <opencv2/core/mat.hpp>

#include <random>
#include <vector>

#include "walness/gate/GateScores.h"
#include "walness/imaging/ModelInput.h"
#include "walness/training/gate/GateDataset.h"
#include "walness/training/gate/GateTrainer.h"

namespace walness::gate {

// One view of a photo for the gate's head.
struct GateView {
  cv::Mat square;  // the model's RGB input, spec.size square
  GateClass label;
};

// The views of one photo: plain for val; plain plus augmented ones (and crops) for training. Every
// random draw comes from `random`, in a fixed order.
std::vector<GateView> gateViewsOf(const GateSample& sample, const cv::Mat& rgb, bool training,
                                  const imaging::InputSpec& spec,
                                  const GateTrainingOptions& options, std::mt19937_64& random);

}  // namespace walness::gate
