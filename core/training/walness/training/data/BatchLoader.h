#pragma once

#include <ATen/core/Tensor.h>

#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "walness/Result.h"
#include "walness/imaging/Preprocess.h"
#include "walness/training/data/Augmenter.h"
#include "walness/training/data/LabeledDataset.h"

namespace walness::training {

struct Batch {
  at::Tensor inputs;            // [B, 3, S, S] normalised
  at::Tensor targets;           // [B, L] 0/1 (0 where unknown)
  at::Tensor known;             // [B, L] the loss weight: 0 unknown, 1 known, less if assumed
  std::vector<size_t> indices;  // into the dataset
};

// Decodes, augments (or not) and batches images on worker threads, in the given order, a few
// batches ahead of the consumer. Each image's augmentation is seeded by (seed, its position in the
// order), so results do not depend on thread timing: a resumed run sees the same batches.
class BatchLoader {
 public:
  BatchLoader(const LabeledDataset& dataset, std::vector<size_t> order, int batchSize,
              imaging::InputSpec spec, std::optional<AugmentOptions> augment, uint64_t seed,
              int workers, AssumedNegatives assumed = {});
  // Batches given as lists of positions in `order` (a batch may be empty); an image's
  // augmentation is seeded by its position, so a rank's share of a batch is augmented exactly as
  // in a single-process run.
  BatchLoader(const LabeledDataset& dataset, std::vector<size_t> order,
              std::vector<std::vector<size_t>> batches, imaging::InputSpec spec,
              std::optional<AugmentOptions> augment, uint64_t seed, int workers,
              AssumedNegatives assumed = {});
  ~BatchLoader();
  BatchLoader(const BatchLoader&) = delete;
  BatchLoader& operator=(const BatchLoader&) = delete;

  // One rank's share of an epoch of `count` photos: batch k of the single-process run covers
  // positions [k * batchSize, (k + 1) * batchSize); rank r takes every worldSize-th of them
  // starting at r. Every rank gets the same number of batches (the last ones may be empty), the
  // shares are disjoint and together they are the single-process batches.
  static std::vector<std::vector<size_t>> shard(size_t count, int batchSize, int worldSize,
                                                int rank);

  size_t batchCount() const { return batchCount_; }
  // The next batch in order; nullopt after the last one. An unreadable image is an Error.
  std::optional<Result<Batch>> next();

 private:
  void work();
  Result<Batch> build(size_t batchIndex) const;

  const LabeledDataset& dataset_;
  std::vector<size_t> order_;
  std::vector<std::vector<size_t>> batches_;
  imaging::InputSpec spec_;
  std::optional<AugmentOptions> augment_;
  uint64_t seed_;
  AssumedNegatives assumed_;
  size_t batchCount_;

  std::mutex mutex_;
  std::condition_variable changed_;
  std::map<size_t, Result<Batch>> ready_;
  size_t nextToBuild_ = 0;
  size_t nextToReturn_ = 0;
  size_t aheadLimit_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace walness::training
