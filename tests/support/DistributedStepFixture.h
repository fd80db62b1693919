#pragma once

// One training step of a tiny MobileNetV2 on a fixed batch, shared by the distributed step test
// and its helper process (tests/support/DistributedStepMain.cpp).
#include <torch/torch.h>

#include <memory>
#include <vector>

#include "walness/nn/Architectures.h"
#include "walness/training/AdaptiveOptimizer.h"
#include "walness/training/data/BatchLoader.h"

namespace walness::test {

constexpr int64_t kStepRows = 6;
constexpr int64_t kStepSize = 32;
constexpr int64_t kStepLabels = 3;

// The same weights for the same seed; eval mode (no dropout, BatchNorm statistics kept), every
// block trainable.
inline std::shared_ptr<nn::FeatureClassifier> stepNetwork(uint64_t seed) {
  torch::manual_seed(seed);
  auto network = nn::createArchitecture("mobilenet_v2", kStepLabels).value();
  network->freezeFeatureBlocks(0);
  network->keepNormStatistics(true);
  network->eval();
  return network;
}

inline std::vector<training::AdaptiveOptimizer::Parameter> stepParameters(
    nn::FeatureClassifier& network) {
  std::vector<training::AdaptiveOptimizer::Parameter> parameters;
  for (const auto& item : network.named_parameters())
    parameters.push_back({item.key(), item.value(), 1.0});
  return parameters;
}

inline training::OptimizerSettings stepOptimizer() {
  training::OptimizerSettings settings;
  settings.learningRate = 1e-2;
  return settings;
}

// The union batch, and the rows a rank takes of it (as BatchLoader::shard deals them).
inline training::Batch stepBatch(int worldSize = 1, int rank = 0) {
  torch::manual_seed(11);
  training::Batch all;
  all.inputs = torch::randn({kStepRows, 3, kStepSize, kStepSize});
  all.targets = (torch::rand({kStepRows, kStepLabels}) > 0.5).to(torch::kFloat);
  all.known = (torch::rand({kStepRows, kStepLabels}) > 0.3).to(torch::kFloat);
  all.targets *= all.known;
  const auto shares =
      training::BatchLoader::shard(size_t(kStepRows), int(kStepRows), worldSize, rank);
  std::vector<int64_t> rows(shares[0].begin(), shares[0].end());
  const torch::Tensor index = torch::tensor(rows, torch::kInt64);
  training::Batch part;
  part.inputs = all.inputs.index_select(0, index);
  part.targets = all.targets.index_select(0, index);
  part.known = all.known.index_select(0, index);
  part.indices.assign(rows.begin(), rows.end());
  return part;
}

inline torch::Tensor stepPositiveWeight() {
  return torch::tensor({2.0f, 1.0f, 3.0f});
}

}  // namespace walness::test
