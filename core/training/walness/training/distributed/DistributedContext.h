#pragma once

#include <ATen/core/Tensor.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "walness/Result.h"
#include "walness/training/distributed/DistributedSettings.h"

namespace walness::training {

// One rank of a data-parallel run over c10d: a TCPStore (served by rank 0) for rendezvous and
// small messages, ProcessGroupGloo for the collectives, and a heartbeat per rank in the store so
// that a failed collective or a silent peer is reported as "rank N was lost" instead of a hang.
// Every failure comes back as an Error; nothing here throws.
class DistributedContext {
 public:
  static Result<std::unique_ptr<DistributedContext>> connect(const DistributedSettings& settings);
  ~DistributedContext();
  DistributedContext(const DistributedContext&) = delete;
  DistributedContext& operator=(const DistributedContext&) = delete;

  int rank() const;
  int worldSize() const;
  bool isMaster() const { return rank() == 0; }

  // Sums `tensor` (contiguous CPU) over all ranks in place.
  Status allReduceSum(at::Tensor& tensor, const std::string& during);
  // The same, started now and finished by waitAll(): lets communication overlap computation.
  void startAllReduceSum(at::Tensor tensor);
  Status waitAll(const std::string& during);
  // Replaces `tensor` (contiguous CPU) on every rank with rank 0's.
  Status broadcast(at::Tensor& tensor, const std::string& during);
  // Rank 0's named tensors on every rank: names, shapes and dtypes travel through the store, the
  // data in one broadcast per dtype. Other ranks' maps are replaced.
  Status broadcastTensors(std::map<std::string, at::Tensor>& tensors, const std::string& during);
  // Whether `value` is the same on every rank.
  Result<bool> sameOnAllRanks(int64_t value, const std::string& during);
  Status barrier(const std::string& during);

  // Rank 0 publishes a small message under `key`; the others wait for it for as long as rank 0's
  // heartbeat goes on (validation and finalising may take long), and no longer than the timeout
  // after it stops.
  Status publish(const std::string& key, const std::string& value);
  Result<std::string> awaitPublished(const std::string& key, const std::string& during);

  // Leaves this rank's error in the store, so that the others name it when their next
  // collective fails.
  void reportFailure(const std::string& message);
  // Before a failing rank exits: reports the failure; rank 0 (whose exit takes the store away)
  // then waits a little for the others to have read it.
  void finishWithFailure(const std::string& message);

 private:
  struct Impl;
  explicit DistributedContext(std::unique_ptr<Impl> impl);
  Error lost(const std::string& during, const std::string& detail);
  std::unique_ptr<Impl> impl_;
};

}  // namespace walness::training
