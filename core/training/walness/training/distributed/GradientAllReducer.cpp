#include "walness/training/distributed/GradientAllReducer.h"

#include <torch/torch.h>

#include <chrono>

#include "walness/training/distributed/DistributedContext.h"

namespace walness::training {

GradientAllReducer::GradientAllReducer(DistributedContext& context, int64_t bucketBytes,
                                       bool overlap)
    : context_(context), bucketBytes_(std::max<int64_t>(1, bucketBytes)), overlap_(overlap) {
}

GradientAllReducer::~GradientAllReducer() {
  removeHooks();
}

void GradientAllReducer::removeHooks() {
  for (Slot& slot : slots_)
    if (slot.hooked) slot.parameter.remove_hook(slot.hook);
}

void GradientAllReducer::prepare(const std::vector<at::Tensor>& parameters) {
  removeHooks();
  slots_.clear();
  buckets_.clear();
  int64_t bucketElements = 0;
  std::vector<int64_t> sizes;
  for (auto it = parameters.rbegin(); it != parameters.rend(); ++it) {
    if (!it->requires_grad()) continue;
    const int64_t bytes = it->numel() * int64_t(it->element_size());
    if (buckets_.empty() || (bucketElements > 0 && (bucketElements * 4 + bytes > bucketBytes_))) {
      if (!buckets_.empty()) sizes.push_back(bucketElements);
      buckets_.emplace_back();
      bucketElements = 0;
    }
    Slot slot;
    slot.parameter = *it;
    slot.bucket = buckets_.size() - 1;
    slot.offset = bucketElements;
    bucketElements += it->numel();
    buckets_.back().slots.push_back(slots_.size());
    slots_.push_back(slot);
  }
  if (!buckets_.empty()) sizes.push_back(bucketElements);
  for (size_t b = 0; b < buckets_.size(); ++b)
    buckets_[b].flat =
        torch::zeros({sizes[b]}, slots_[buckets_[b].slots.front()].parameter.options());
  if (overlap_) {
    for (size_t index = 0; index < slots_.size(); ++index) {
      Slot& slot = slots_[index];
      slot.hook = slot.parameter.register_hook([this, index](const at::TensorBase& gradient) {
        onGradient(index, at::Tensor(gradient));
      });
      slot.hooked = true;
    }
  }
  resetForNextStep();
}

void GradientAllReducer::resetForNextStep() {
  received_.assign(slots_.size(), false);
  for (Bucket& bucket : buckets_) {
    bucket.waiting = bucket.slots.size();
    bucket.started = false;
  }
  fallback_ = false;
}

void GradientAllReducer::onGradient(size_t index, const at::Tensor& gradient) {
  if (received_[index]) {
    fallback_ = true;  // used twice in the graph: only the accumulated .grad is complete
    return;
  }
  received_[index] = true;
  Slot& slot = slots_[index];
  Bucket& bucket = buckets_[slot.bucket];
  bucket.flat.narrow(0, slot.offset, slot.parameter.numel()).copy_(gradient.reshape(-1));
  if (--bucket.waiting == 0 && !fallback_) {
    bucket.started = true;
    context_.startAllReduceSum(bucket.flat);
  }
}

Status GradientAllReducer::reduce() {
  const auto start = std::chrono::steady_clock::now();
  torch::NoGradGuard noGrad;
  if (fallback_) {
    // Started buckets may hold partial sums: let them finish, then do it all again from .grad.
    if (auto done = context_.waitAll("the gradient all-reduce"); !done) return done;
    for (Bucket& bucket : buckets_) bucket.started = false;
    received_.assign(slots_.size(), false);
  }
  for (Bucket& bucket : buckets_) {
    if (bucket.started) continue;
    for (size_t index : bucket.slots) {
      if (received_[index]) continue;
      const Slot& slot = slots_[index];
      at::Tensor part = bucket.flat.narrow(0, slot.offset, slot.parameter.numel());
      const at::Tensor& gradient = slot.parameter.grad();
      if (gradient.defined())
        part.copy_(gradient.reshape(-1));
      else
        part.zero_();
    }
    bucket.started = true;
    context_.startAllReduceSum(bucket.flat);
  }
  Status done = context_.waitAll("the gradient all-reduce");
  if (done) {
    for (const Slot& slot : slots_)
      slot.parameter.mutable_grad() = buckets_[slot.bucket]
                                          .flat.narrow(0, slot.offset, slot.parameter.numel())
                                          .view(slot.parameter.sizes());
  }
  resetForNextStep();
  communicationSeconds_ +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return done;
}

}  // namespace walness::training
