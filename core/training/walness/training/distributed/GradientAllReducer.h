#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

#include "walness/Result.h"

namespace walness::training {

class DistributedContext;

// Sums the gradients of all ranks after each backward pass, as DistributedDataParallel does:
// the trainable parameters are packed, in reverse order (the order backward produces their
// gradients), into flat buckets of about `bucketBytes`, one all-reduce per bucket. With
// `overlap`, a gradient hook copies each gradient into its bucket as soon as backward produces
// it and starts the bucket's all-reduce when the bucket is full, so communication runs during
// the rest of backward; without it, the buckets are packed and reduced after backward. Either
// way each parameter's .grad is the sum over ranks afterwards (a view into its bucket).
class GradientAllReducer {
 public:
  GradientAllReducer(DistributedContext& context, int64_t bucketBytes, bool overlap);
  ~GradientAllReducer();
  GradientAllReducer(const GradientAllReducer&) = delete;
  GradientAllReducer& operator=(const GradientAllReducer&) = delete;

  // The parameters to reduce: those that require gradients are bucketed. Call again whenever
  // freezing changes which parameters train (every rank the same).
  void prepare(const std::vector<at::Tensor>& parameters);
  // After backward: finishes (or, without overlap, does) the reductions. A parameter without a
  // gradient on this rank (e.g. an empty last batch) contributes zeros.
  Status reduce();

  // Time spent waiting for reductions (and packing them), summed since construction.
  double communicationSeconds() const { return communicationSeconds_; }

 private:
  struct Slot {
    at::Tensor parameter;
    size_t bucket = 0;
    int64_t offset = 0;
    unsigned hook = 0;
    bool hooked = false;
  };
  struct Bucket {
    at::Tensor flat;
    std::vector<size_t> slots;
    size_t waiting = 0;  // gradients not yet copied in during this backward
    bool started = false;
  };
  void onGradient(size_t slot, const at::Tensor& gradient);
  void removeHooks();
  void resetForNextStep();

  DistributedContext& context_;
  int64_t bucketBytes_;
  bool overlap_;
  std::vector<Slot> slots_;
  std::vector<Bucket> buckets_;
  std::vector<bool> received_;
  bool fallback_ = false;  // a parameter got two gradients in one backward: reduce after it
  double communicationSeconds_ = 0;
};

}  // namespace walness::training
