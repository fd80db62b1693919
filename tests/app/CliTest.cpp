#include <gtest/gtest.h>

#include "CliRunner.h"
#include "walness/BuildInfo.h"

using walness::test::CliRun;
using walness::test::runCli;

TEST(CliTest, VersionNamesAppQtTorchAndOpenCv) {
  const CliRun run = runCli({QStringLiteral("--version")});
  ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
  EXPECT_EQ(run.out, walness::BuildInfo::current().toText());
  EXPECT_TRUE(run.out.contains(QStringLiteral("Qt 6."))) << run.out.toStdString();
  EXPECT_TRUE(run.out.contains(QStringLiteral("LibTorch "))) << run.out.toStdString();
  EXPECT_TRUE(run.out.contains(QStringLiteral("OpenCV 4."))) << run.out.toStdString();
}

TEST(CliTest, UnknownCommandIsAUsageError) {
  const CliRun run = runCli({QStringLiteral("frobnicate")});
  EXPECT_EQ(run.exitCode, 2);
  EXPECT_TRUE(run.err.contains(QStringLiteral("unknown command 'frobnicate'")))
      << run.err.toStdString();
  EXPECT_TRUE(run.out.isEmpty());
}

TEST(CliTest, NoCommandPrintsUsage) {
  const CliRun run = runCli({});
  EXPECT_EQ(run.exitCode, 2);
  EXPECT_TRUE(run.err.contains(QStringLiteral("Usage:"))) << run.err.toStdString();
}
