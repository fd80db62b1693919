#pragma once

#include <ATen/core/Tensor.h>

#include <memory>

#include "walness/Result.h"
#include "walness/training/data/BatchLoader.h"

namespace walness::nn {
class FeatureClassifier;
}

namespace walness::training {

class AdaptiveOptimizer;
class DistributedContext;
class GradientAllReducer;

struct StepResult {
  double loss = 0;    // the masked BCE of the whole (all ranks') batch
  int64_t rows = 0;   // photos in the whole batch
  bool stop = false;  // some rank was asked to stop
};

// One optimisation step: forward, masked BCE, backward, gradient all-reduce, optimizer step.
// Distributed, each rank holds a part of the batch; the loss is each rank's sum over its known
// cells divided by the known cells of the whole batch and the gradients are summed, so the step
// equals the single-process step on the union of the parts (up to float summation order).
class TrainingStep {
 public:
  // `context` null: a single process. `overlap`: reduce gradient buckets during backward.
  TrainingStep(nn::FeatureClassifier& network, AdaptiveOptimizer& optimizer,
               at::Tensor positiveWeight, DistributedContext* context, bool overlap = false);
  ~TrainingStep();

  // Call after freezing changes which parameters train.
  void prepare();
  // `batch` may be empty (a rank's share of a short last batch).
  Result<StepResult> run(const Batch& batch, bool stopRequested);

  // Seconds spent in gradient reductions so far (0 for a single process).
  double communicationSeconds() const;

 private:
  nn::FeatureClassifier& network_;
  AdaptiveOptimizer& optimizer_;
  at::Tensor positiveWeight_;
  DistributedContext* context_;
  std::unique_ptr<GradientAllReducer> reducer_;
};

}  // namespace walness::training
