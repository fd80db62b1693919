#include <gtest/gtest.h>

#include <torch/torch.h>

#include "TestBundles.h"
#include "walness/training/AdaptiveOptimizer.h"

using namespace walness;

namespace {

// One optimisation step with the first `frozen` blocks frozen: the trainable parameters and the
// head change, the frozen ones do not, and the loss on the same batch goes down.
void expectOneStepLearns(int64_t frozen) {
  auto network = test::pretrainedTestNetwork(3);
  network->freezeFeatureBlocks(frozen);
  network->train();
  std::vector<training::AdaptiveOptimizer::Parameter> parameters;
  for (const auto& item : network->named_parameters())
    parameters.push_back({item.key(), item.value(), 1.0});
  training::OptimizerSettings settings;
  settings.learningRate = 1e-3;
  training::AdaptiveOptimizer optimizer(parameters, settings);
  torch::manual_seed(3);
  const torch::Tensor inputs = torch::randn({8, 3, 96, 96});
  const torch::Tensor targets = torch::randint(0, 2, {8, 3}).to(torch::kFloat);
  const torch::Tensor frozenBefore = network->featureBlocks()->ptr(0)->parameters()[0].clone();
  const torch::Tensor lastBefore = network->featureBlocks()->ptr(18)->parameters()[0].clone();
  const torch::Tensor headBefore = network->classifier()->parameters()[0].clone();
  double firstLoss = 0, lastLoss = 0;
  for (int step = 0; step < 5; ++step) {
    optimizer.zeroGrad();
    torch::manual_seed(4);
    const torch::Tensor loss =
        torch::binary_cross_entropy_with_logits(network->forward(inputs), targets);
    loss.backward();
    optimizer.step();
    (step == 0 ? firstLoss : lastLoss) = loss.item<double>();
  }

  EXPECT_FALSE(torch::equal(headBefore, network->classifier()->parameters()[0]));
  if (frozen > 0)
    EXPECT_TRUE(torch::equal(frozenBefore, network->featureBlocks()->ptr(0)->parameters()[0]));
  if (frozen < 19)
    EXPECT_FALSE(torch::equal(lastBefore, network->featureBlocks()->ptr(18)->parameters()[0]));
  EXPECT_LT(lastLoss, firstLoss) << "frozen blocks " << frozen;
}

}  // namespace

TEST(FineTuningTest, LinearProbeLearns) {
  expectOneStepLearns(19);
}
TEST(FineTuningTest, PartialFineTuningLearns) {
  expectOneStepLearns(11);
}
TEST(FineTuningTest, FullFineTuningLearns) {
  expectOneStepLearns(0);
}
