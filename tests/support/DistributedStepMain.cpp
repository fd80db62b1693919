// walness_distributed_step RANK WORLD PORT OUT [overlap]: one rank of a distributed training step
// of the tiny network in DistributedStepFixture.h; rank 1 starts from other weights, so rank 0's
// broadcast must replace them. Writes the weights after the step to OUT (safetensors).
#include <QCoreApplication>

#include <cstdio>

#include "DistributedStepFixture.h"
#include "walness/nn/Safetensors.h"
#include "walness/nn/StateDict.h"
#include "walness/training/TrainingStep.h"
#include "walness/training/distributed/DistributedContext.h"

using namespace walness;

int main(int argc, char* argv[]) {
  QCoreApplication app(argc, argv);
  if (argc != 5 && argc != 6) return 2;
  const bool overlap = argc == 6 && std::string(argv[5]) == "overlap";
  torch::set_num_threads(1);
  training::DistributedSettings settings;
  settings.rank = std::atoi(argv[1]);
  settings.worldSize = std::atoi(argv[2]);
  settings.masterPort = std::atoi(argv[3]);
  settings.timeoutSeconds = 30;
  auto context = training::DistributedContext::connect(settings);
  if (!context) {
    std::fprintf(stderr, "%s\n", context.message().c_str());
    return 1;
  }
  auto network = test::stepNetwork(settings.rank == 0 ? 5 : 99);
  std::map<std::string, at::Tensor> weights = nn::stateDict(*network);
  if (auto sent = (*context)->broadcastTensors(weights, "the test's broadcast"); !sent) {
    std::fprintf(stderr, "%s\n", sent.message().c_str());
    return 1;
  }
  if (auto loaded = nn::loadStateDict(*network, weights, "rank 0"); !loaded) return 1;
  training::AdaptiveOptimizer optimizer(test::stepParameters(*network), test::stepOptimizer());
  training::TrainingStep step(*network, optimizer, test::stepPositiveWeight(), context->get(),
                              overlap);
  auto result = step.run(test::stepBatch(settings.worldSize, settings.rank), false);
  if (!result) {
    std::fprintf(stderr, "%s\n", result.message().c_str());
    return 1;
  }
  std::printf("loss %.9f rows %lld\n", result->loss, static_cast<long long>(result->rows));
  return nn::writeSafetensors(argv[4], {nn::stateDict(*network), {}}) ? 0 : 1;
}
