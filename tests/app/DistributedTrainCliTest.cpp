#include <gtest/gtest.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>

#include <csignal>

#include "CliRunner.h"
#include "SharedData.h"
#include "walness/bundle/ModelBundle.h"

using namespace walness;

namespace {

int freePort() {
  QTcpServer server;
  server.listen(QHostAddress::LocalHost, 0);
  return server.serverPort();
}

// A labels.csv with a handful of real dog-eye photos per split (absolute paths), spread over
// the file so that every disease has positives and negatives.
QString writeSmallLabels(const QTemporaryDir& dir, int trainRows, int valRows) {
  QFile shared(QString::fromStdString(test::sharedPath(QStringLiteral("data/dog-eye/labels.csv"))));
  EXPECT_TRUE(shared.open(QIODevice::ReadOnly));
  QByteArray csv = shared.readLine();
  int counts[2] = {0, 0};
  int line = 0;
  while (!shared.atEnd() && (counts[0] < trainRows || counts[1] < valRows)) {
    QByteArray row = shared.readLine();
    if (line++ % 23 != 0) continue;
    const int split = row.contains(",train,") ? 0 : row.contains(",val,") ? 1 : -1;
    if (split < 0 || counts[split] >= (split == 0 ? trainRows : valRows)) continue;
    ++counts[split];
    csv += (test::sharedDir() + QStringLiteral("/data/dog-eye/")).toUtf8() + row;
  }
  const QString path = dir.filePath(QStringLiteral("labels.csv"));
  QFile file(path);
  EXPECT_TRUE(file.open(QIODevice::WriteOnly));
  file.write(csv);
  return path;
}

QStringList trainArguments(const QString& labels, const QString& out, int port, int rank) {
  return {QStringLiteral("train"),
          QStringLiteral("--data"),
          labels,
          QStringLiteral("--out"),
          out,
          QStringLiteral("--pretrained"),
          QString::fromStdString(
              test::sharedPath(QStringLiteral("pretrained/mobilenet_v2_imagenet.safetensors"))),
          QStringLiteral("--input-size"),
          QStringLiteral("64"),
          QStringLiteral("--batch-size"),
          QStringLiteral("8"),
          QStringLiteral("--threads"),
          QStringLiteral("1"),
          QStringLiteral("--world-size"),
          QStringLiteral("2"),
          QStringLiteral("--rank"),
          QString::number(rank),
          QStringLiteral("--master"),
          QStringLiteral("127.0.0.1:%1").arg(port),
          QStringLiteral("--dist-timeout"),
          QStringLiteral("30"),
          QStringLiteral("--json")};
}

}  // namespace

// Two ranks, two tiny epochs with the last blocks trainable: the same final weights on both,
// and rank 0's bundle is one that evaluate reads.
TEST(DistributedTrainCliTest, TwoRanksEndWithTheSameWeightsAndRankZeroWritesTheBundle) {
  QTemporaryDir dir;
  const QString labels = writeSmallLabels(dir, 24, 20);
  const int port = freePort();
  QProcess ranks[2];
  for (int rank = 0; rank < 2; ++rank)
    ranks[rank].start(
        QStringLiteral(WALNESS_CLI_PATH),
        trainArguments(labels, dir.filePath(QStringLiteral("bundle%1").arg(rank)), port, rank)
            << QStringLiteral("--epochs") << QStringLiteral("2")
            << QStringLiteral("--freeze-blocks") << QStringLiteral("16"));
  QJsonObject results[2];
  for (int rank = 0; rank < 2; ++rank) {
    ASSERT_TRUE(ranks[rank].waitForFinished(120000));
    const QString err = QString::fromUtf8(ranks[rank].readAllStandardError());
    ASSERT_EQ(ranks[rank].exitCode(), 0) << "rank " << rank << ": " << err.toStdString();
    results[rank] = QJsonDocument::fromJson(ranks[rank].readAllStandardOutput()).object();
  }
  EXPECT_EQ(results[0].value(QStringLiteral("epochs_run")).toInt(), 2);
  EXPECT_EQ(results[1].value(QStringLiteral("epochs_run")).toInt(), 2);
  const QString hash = results[0].value(QStringLiteral("weights_sha256")).toString();
  EXPECT_EQ(hash.size(), 64);
  EXPECT_EQ(hash, results[1].value(QStringLiteral("weights_sha256")).toString());
  EXPECT_TRUE(results[0].value(QStringLiteral("val_macro_auc")).isDouble());
  // Rank 1 wrote nothing: neither a bundle nor a checkpoint.
  EXPECT_FALSE(QFile::exists(dir.filePath(QStringLiteral("bundle1"))));
  EXPECT_FALSE(QFile::exists(dir.filePath(QStringLiteral("bundle1.checkpoint"))));

  const QString bundle = dir.filePath(QStringLiteral("bundle0"));
  ASSERT_TRUE(bundle::loadModelBundle(bundle.toStdString()));
  const test::CliRun evaluated = test::runCli(
      {QStringLiteral("evaluate"), QStringLiteral("--model"), bundle, QStringLiteral("--data"),
       labels, QStringLiteral("--split"), QStringLiteral("val"), QStringLiteral("--json")});
  ASSERT_EQ(evaluated.exitCode, 0) << evaluated.err.toStdString();
  EXPECT_EQ(
      QJsonDocument::fromJson(evaluated.out.toUtf8()).object().value(QStringLiteral("n")).toInt(),
      20);
}

namespace {

// Both ranks of one run with `extra` options; rank 0's JSON result (empty on failure).
QJsonObject runTwoRanks(const QString& labels, const QString& out, const QStringList& extra) {
  const int port = freePort();
  QProcess ranks[2];
  for (int rank = 0; rank < 2; ++rank)
    ranks[rank].start(QStringLiteral(WALNESS_CLI_PATH), trainArguments(labels, out, port, rank)
                                                            << extra);
  QJsonObject result;
  for (int rank = 0; rank < 2; ++rank) {
    EXPECT_TRUE(ranks[rank].waitForFinished(120000));
    EXPECT_EQ(ranks[rank].exitCode(), 0) << ranks[rank].readAllStandardError().toStdString();
    if (rank == 0) result = QJsonDocument::fromJson(ranks[rank].readAllStandardOutput()).object();
  }
  return result;
}

}  // namespace

// Stopped after epoch 1 (time budget), then resumed with --resume on both ranks: the same final
// weights as an uninterrupted 2-epoch run.
TEST(DistributedTrainCliTest, AResumedRunEndsWhereAnUninterruptedOneDoes) {
  QTemporaryDir dir;
  const QString labels = writeSmallLabels(dir, 16, 12);
  const QStringList settings{QStringLiteral("--epochs"), QStringLiteral("2"),
                             QStringLiteral("--freeze-blocks"), QStringLiteral("16")};
  const QJsonObject full = runTwoRanks(labels, dir.filePath(QStringLiteral("full")), settings);
  const QString part = dir.filePath(QStringLiteral("part"));
  const QJsonObject first = runTwoRanks(
      labels, part,
      QStringList(settings) << QStringLiteral("--time-budget") << QStringLiteral("0.0001"));
  EXPECT_EQ(first.value(QStringLiteral("epochs_run")).toInt(), 1);
  const QJsonObject resumed =
      runTwoRanks(labels, part, QStringList(settings) << QStringLiteral("--resume"));
  EXPECT_EQ(resumed.value(QStringLiteral("epochs_run")).toInt(), 2);
  EXPECT_EQ(resumed.value(QStringLiteral("weights_sha256")).toString(),
            full.value(QStringLiteral("weights_sha256")).toString());
  EXPECT_FALSE(full.value(QStringLiteral("weights_sha256")).toString().isEmpty());
}

class LostRankTest : public testing::TestWithParam<int> {};

namespace {

// Starts both ranks of a one-epoch run on the whole labels.csv with only the head trainable,
// each writing into its own folder under `dir`, with `extra` options.
void startHeadOnlyRanks(QProcess (&ranks)[2], const QTemporaryDir& dir, const QStringList& extra) {
  const int port = freePort();
  const QString labels =
      QString::fromStdString(test::sharedPath(QStringLiteral("data/dog-eye/labels.csv")));
  for (int rank = 0; rank < 2; ++rank)
    ranks[rank].start(
        QStringLiteral(WALNESS_CLI_PATH),
        trainArguments(labels, dir.filePath(QStringLiteral("bundle%1").arg(rank)), port, rank)
            << QStringLiteral("--epochs") << QStringLiteral("1")
            << QStringLiteral("--freeze-blocks") << QStringLiteral("19") << extra);
}

}  // namespace

// One rank is killed with SIGKILL in the middle of an epoch: the other stops with an error that
// names it, well within a minute, instead of hanging in the next all-reduce.
TEST_P(LostRankTest, AKilledRankStopsTheOtherWithItsName) {
  const int killed = GetParam(), survivor = 1 - killed;
  QTemporaryDir dir;
  QProcess ranks[2];
  startHeadOnlyRanks(ranks, dir,
                     {QStringLiteral("--limit-train"), QStringLiteral("3000"),
                      QStringLiteral("--limit-val"), QStringLiteral("16")});
  // Mid-epoch: once the victim has reported training progress.
  QByteArray victimErr;
  QElapsedTimer waited;
  waited.start();
  while (!victimErr.contains("train 1/1") && waited.elapsed() < 60000) {
    ranks[killed].waitForReadyRead(200);
    victimErr += ranks[killed].readAllStandardError();
  }
  ASSERT_TRUE(victimErr.contains("train 1/1")) << victimErr.toStdString();
  ::kill(pid_t(ranks[killed].processId()), SIGKILL);
  QElapsedTimer stopping;
  stopping.start();
  ASSERT_TRUE(ranks[survivor].waitForFinished(60000)) << "rank " << survivor << " hangs";
  EXPECT_LT(stopping.elapsed(), 60000);
  EXPECT_NE(ranks[survivor].exitCode(), 0);
  const QString err = QString::fromUtf8(ranks[survivor].readAllStandardError());
  EXPECT_TRUE(err.contains(QStringLiteral("rank %1 was lost").arg(killed))) << err.toStdString();
  ranks[killed].waitForFinished(5000);
}

INSTANTIATE_TEST_SUITE_P(EitherRank, LostRankTest, testing::Values(0, 1),
                         [](const auto& info) { return "Rank" + std::to_string(info.param); });

// Rank 0 validates the last epoch (every val photo) for longer than the distributed timeout while
// rank 1 has nothing left to train: rank 1 waits behind rank 0's heartbeat, not inside the final
// weights' comparison, whose Gloo timeout fired once after a full run.
TEST(DistributedTrainCliTest, TheOtherRankWaitsOutASlowLastValidation) {
  QTemporaryDir dir;
  QProcess ranks[2];
  startHeadOnlyRanks(
      ranks, dir,
      {QStringLiteral("--input-size"), QStringLiteral("96"), QStringLiteral("--limit-train"),
       QStringLiteral("32"), QStringLiteral("--dist-timeout"), QStringLiteral("1")});
  QJsonObject results[2];
  for (int rank = 0; rank < 2; ++rank) {
    ASSERT_TRUE(ranks[rank].waitForFinished(180000));
    const QString err = QString::fromUtf8(ranks[rank].readAllStandardError());
    ASSERT_EQ(ranks[rank].exitCode(), 0) << "rank " << rank << ": " << err.toStdString();
    results[rank] = QJsonDocument::fromJson(ranks[rank].readAllStandardOutput()).object();
  }
  // Every val photo was validated (about 2 s at 96 px on one thread: twice the timeout).
  EXPECT_GT(results[0].value(QStringLiteral("seconds")).toDouble(), 2.0);
  EXPECT_EQ(results[0].value(QStringLiteral("weights_sha256")).toString(),
            results[1].value(QStringLiteral("weights_sha256")).toString());
  EXPECT_TRUE(QFile::exists(dir.filePath(QStringLiteral("bundle0/model.json"))));
}
