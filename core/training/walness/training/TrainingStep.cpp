#include "walness/training/TrainingStep.h"

#include <torch/torch.h>

#include <cmath>

#include "walness/nn/FeatureClassifier.h"
#include "walness/training/AdaptiveOptimizer.h"
#include "walness/training/distributed/DistributedContext.h"
#include "walness/training/distributed/GradientAllReducer.h"

namespace walness::training {

namespace {
// DistributedDataParallel's default first-bucket size is 1 MB and later ones 25 MB; MobileNetV2
// has 14 MB of parameters, so 4 MB buckets give backward something to overlap with.
constexpr int64_t kBucketBytes = 4 << 20;
}  // namespace

TrainingStep::TrainingStep(nn::FeatureClassifier& network, AdaptiveOptimizer& optimizer,
                           at::Tensor positiveWeight, DistributedContext* context, bool overlap)
    : network_(network),
      optimizer_(optimizer),
      positiveWeight_(std::move(positiveWeight)),
      context_(context) {
  if (context_) reducer_ = std::make_unique<GradientAllReducer>(*context_, kBucketBytes, overlap);
  prepare();
}

TrainingStep::~TrainingStep() = default;

void TrainingStep::prepare() {
  if (reducer_) reducer_->prepare(network_.parameters());
}

double TrainingStep::communicationSeconds() const {
  return reducer_ ? reducer_->communicationSeconds() : 0.0;
}

Result<StepResult> TrainingStep::run(const Batch& batch, bool stopRequested) {
  optimizer_.zeroGrad();
  const int64_t rows = int64_t(batch.indices.size());
  torch::Tensor sum;
  double knownCells = 0;
  if (rows > 0) {
    // Masked binary cross-entropy: unknown cells contribute nothing, known ones by their weight
    // (1, or less for a 0 the source only assumed).
    sum = torch::binary_cross_entropy_with_logits(network_.forward(batch.inputs), batch.targets,
                                                  batch.known, positiveWeight_, at::Reduction::Sum);
    knownCells = batch.known.sum().item<double>();
  }
  StepResult result;
  torch::Tensor loss;
  if (context_) {
    torch::Tensor totals = torch::tensor(
        {rows > 0 ? sum.item<double>() : 0.0, knownCells, double(rows), stopRequested ? 1.0 : 0.0},
        torch::kFloat64);
    if (auto reduced = context_->allReduceSum(totals, "the loss all-reduce"); !reduced)
      return Error{reduced.message()};
    const double allKnown = std::max(1.0, totals[1].item<double>());
    result.loss = totals[0].item<double>() / allKnown;
    result.rows = int64_t(totals[2].item<double>());
    result.stop = totals[3].item<double>() > 0;
    if (rows > 0) loss = sum / allKnown;
  } else {
    loss = sum / std::max(1.0, knownCells);
    result.loss = rows > 0 ? loss.item<double>() : 0.0;
    result.rows = rows;
    result.stop = stopRequested;
  }
  if (!std::isfinite(result.loss))
    return Error{"the training loss became " + std::to_string(result.loss) +
                 "; lower the learning rate"};
  if (loss.defined()) loss.backward();
  if (reducer_)
    if (auto reduced = reducer_->reduce(); !reduced) return Error{reduced.message()};
  optimizer_.step();
  return result;
}

}  // namespace walness::training
