#pragma once

#include <ATen/core/Tensor.h>

#include <string>

#include "walness/Result.h"
#include "walness/training/data/LabeledDataset.h"

namespace walness::training {

// ROC curves (one colour per disease, AUC in the legend) and a reliability diagram (calibrated
// probability against the observed share of positives, all known cells), as PNG files drawn with
// OpenCV: `directory`/roc.png and `directory`/reliability.png.
Status writeMetricPlots(const std::string& directory, const LabeledDataset& dataset,
                        const at::Tensor& probabilities);

}  // namespace walness::training
