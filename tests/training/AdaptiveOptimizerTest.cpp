#include <gtest/gtest.h>

#include <torch/torch.h>

#include <QTemporaryDir>

#include "walness/training/AdaptiveOptimizer.h"

using namespace walness::training;

namespace {

// Minimises sum((p - 3)^2) from p = 0 for `steps` steps.
torch::Tensor minimise(AdaptiveOptimizer& optimizer, torch::Tensor& parameter, int steps) {
  for (int i = 0; i < steps; ++i) {
    optimizer.zeroGrad();
    const torch::Tensor loss = (parameter - 3).pow(2).sum();
    loss.backward();
    optimizer.step();
  }
  return parameter.detach().clone();
}

}  // namespace

TEST(AdaptiveOptimizerTest, AdamWMatchesLibTorchsAdamW) {
  torch::Tensor ours = torch::zeros({4}, torch::requires_grad());
  torch::Tensor theirs = torch::zeros({4}, torch::requires_grad());
  OptimizerSettings settings;
  settings.learningRate = 0.05;
  settings.weightDecay = 0.01;
  AdaptiveOptimizer optimizer({{"p", ours, 1.0}}, settings);
  torch::optim::AdamW reference({theirs}, torch::optim::AdamWOptions(0.05).weight_decay(0.01));
  for (int i = 0; i < 20; ++i) {
    optimizer.zeroGrad();
    (ours - 3).pow(2).sum().backward();
    optimizer.step();
    reference.zero_grad();
    (theirs - 3).pow(2).sum().backward();
    reference.step();
  }
  EXPECT_TRUE(torch::allclose(ours, theirs, 1e-6, 1e-7)) << ours << theirs;
}

TEST(AdaptiveOptimizerTest, BothKindsConvergeAndSkipFrozenParameters) {
  for (OptimizerKind kind : {OptimizerKind::AdamW, OptimizerKind::NAdam}) {
    torch::Tensor parameter = torch::zeros({3}, torch::requires_grad());
    torch::Tensor frozen = torch::ones({2});  // no gradient: must not move
    OptimizerSettings settings;
    settings.kind = kind;
    settings.learningRate = 0.1;
    settings.weightDecay = 0;
    AdaptiveOptimizer optimizer({{"p", parameter, 1.0}, {"frozen", frozen, 1.0}}, settings);
    const torch::Tensor result = minimise(optimizer, parameter, 300);
    EXPECT_TRUE(torch::allclose(result, torch::full({3}, 3.0), 0, 0.05))
        << optimizerId(kind) << result;
    EXPECT_TRUE(torch::equal(frozen, torch::ones({2})));
  }
}

TEST(AdaptiveOptimizerTest, SavedStateContinuesExactly) {
  QTemporaryDir dir;
  const std::string path = dir.filePath(QStringLiteral("optimizer.safetensors")).toStdString();
  for (OptimizerKind kind : {OptimizerKind::AdamW, OptimizerKind::NAdam}) {
    OptimizerSettings settings;
    settings.kind = kind;
    torch::Tensor straight = torch::zeros({3}, torch::requires_grad());
    AdaptiveOptimizer straightOptimizer({{"p", straight, 1.0}}, settings);
    const torch::Tensor expected = minimise(straightOptimizer, straight, 10);

    torch::Tensor first = torch::zeros({3}, torch::requires_grad());
    AdaptiveOptimizer firstOptimizer({{"p", first, 1.0}}, settings);
    minimise(firstOptimizer, first, 5);
    ASSERT_TRUE(firstOptimizer.save(path));
    torch::Tensor resumed = first.detach().clone().requires_grad_();
    AdaptiveOptimizer resumedOptimizer({{"p", resumed, 1.0}}, settings);
    ASSERT_TRUE(resumedOptimizer.load(path));
    EXPECT_TRUE(torch::equal(minimise(resumedOptimizer, resumed, 5), expected))
        << optimizerId(kind);
  }
  OptimizerSettings other;
  other.kind = OptimizerKind::AdamW;
  torch::Tensor p = torch::zeros({3}, torch::requires_grad());
  AdaptiveOptimizer adamw({{"p", p, 1.0}}, other);
  ASSERT_TRUE(adamw.save(path));
  other.kind = OptimizerKind::NAdam;
  AdaptiveOptimizer nadam({{"p", p, 1.0}}, other);
  EXPECT_FALSE(nadam.load(path));
}
