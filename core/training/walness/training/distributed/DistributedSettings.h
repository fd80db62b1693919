#pragma once

#include <string>

namespace walness::training {

// Where a rank finds the others: torchrun's WORLD_SIZE, RANK, MASTER_ADDR and MASTER_PORT.
struct DistributedSettings {
  int worldSize = 1;
  int rank = 0;
  std::string masterAddress = "127.0.0.1";
  int masterPort = 29500;
  // How long a rank waits for another (connecting, a collective, rank 0's validation heartbeat)
  // before it stops with an error that names the lost rank.
  double timeoutSeconds = 60;

  bool enabled() const { return worldSize > 1; }
};

}  // namespace walness::training
