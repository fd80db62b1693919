#include <gtest/gtest.h>

#include <torch/torch.h>

#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>

#include "DistributedStepFixture.h"
#include "walness/nn/Safetensors.h"
#include "walness/nn/StateDict.h"
#include "walness/training/TrainingStep.h"
#include "walness/training/data/BatchLoader.h"

using namespace walness;

namespace {

int freePort() {
  QTcpServer server;
  server.listen(QHostAddress::LocalHost, 0);
  return server.serverPort();
}

std::map<std::string, at::Tensor> singleProcessStep() {
  auto network = test::stepNetwork(5);
  training::AdaptiveOptimizer optimizer(test::stepParameters(*network), test::stepOptimizer());
  training::TrainingStep step(*network, optimizer, test::stepPositiveWeight(), nullptr);
  auto result = step.run(test::stepBatch(), false);
  EXPECT_TRUE(result) << result.message();
  return nn::stateDict(*network);
}

}  // namespace

TEST(BatchShardTest, RanksGetDisjointSharesOfEveryBatchAndTheSameNumberOfBatches) {
  // 10 photos, batches of 4, 3 ranks: the last batch (2 photos) leaves rank 2 an empty share.
  std::vector<std::vector<size_t>> union_(3);
  size_t batches = 0;
  for (int rank = 0; rank < 3; ++rank) {
    const auto shard = training::BatchLoader::shard(10, 4, 3, rank);
    if (rank == 0) batches = shard.size();
    ASSERT_EQ(shard.size(), batches);
    for (size_t k = 0; k < shard.size(); ++k)
      union_[k].insert(union_[k].end(), shard[k].begin(), shard[k].end());
    EXPECT_EQ(shard[2].size(), rank == 2 ? 0u : 1u);
  }
  for (size_t k = 0; k < batches; ++k) {
    std::sort(union_[k].begin(), union_[k].end());
    std::vector<size_t> expected;
    for (size_t p = k * 4; p < std::min<size_t>(10, k * 4 + 4); ++p) expected.push_back(p);
    EXPECT_EQ(union_[k], expected);
  }
}

class DistributedStepTest : public testing::TestWithParam<bool> {};

// Two processes on 127.0.0.1, each with half of the batch (unequal known cells), rank 1 starting
// from other weights: after one step both hold the weights of one single-process step on the
// whole batch.
TEST_P(DistributedStepTest, OneStepOnTwoRanksEqualsOneStepOnTheUnionBatch) {
  torch::set_num_threads(1);
  QTemporaryDir dir;
  const QString port = QString::number(freePort());
  QProcess ranks[2];
  for (int rank = 0; rank < 2; ++rank) {
    QStringList arguments{QString::number(rank), QStringLiteral("2"), port,
                          dir.filePath(QStringLiteral("rank%1.safetensors").arg(rank))};
    if (GetParam()) arguments << QStringLiteral("overlap");
    ranks[rank].start(QStringLiteral(WALNESS_DISTRIBUTED_STEP), arguments);
  }
  for (QProcess& rank : ranks) {
    ASSERT_TRUE(rank.waitForFinished(60000));
    ASSERT_EQ(rank.exitCode(), 0) << rank.readAllStandardError().toStdString();
  }
  const auto expected = singleProcessStep();
  const auto initial = nn::stateDict(*test::stepNetwork(5));
  auto rank0 = nn::readSafetensors(dir.filePath(QStringLiteral("rank0.safetensors")).toStdString());
  auto rank1 = nn::readSafetensors(dir.filePath(QStringLiteral("rank1.safetensors")).toStdString());
  ASSERT_TRUE(rank0 && rank1);
  double largest = 0, moved = 0;
  for (const auto& [name, tensor] : expected) {
    const at::Tensor& mine = rank0->tensors.at(name);
    ASSERT_TRUE(torch::equal(mine, rank1->tensors.at(name))) << name << " differs between ranks";
    largest = std::max(largest, (mine - tensor).abs().max().item<double>());
    moved = std::max(moved, (tensor - initial.at(name)).abs().max().item<double>());
  }
  EXPECT_LT(largest, 1e-5);
  EXPECT_GT(moved, 1e-3);  // the step did change the weights
}

INSTANTIATE_TEST_SUITE_P(AfterOrDuringBackward, DistributedStepTest, testing::Bool(),
                         [](const auto& info) {
                           return info.param ? "Overlapped" : "AfterBackward";
                         });
