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

// Every command's options come from one helper; help texts are UTF-8 (train names the AI Hub's
// Korean folders) and list what the options say.
TEST(CliTest, HelpListsEveryCommandsOptionsInUtf8) {
  const std::pair<const char*, const char*> expected[] = {
      {"train", "<split>/개|고양이/안구/일반/..."},
      {"diagnose", "--all-eyes"},
      {"evaluate", "--compare"},
      {"batch", "--save-retry <seconds>"},
      {"clinics", "--provider <name>"},
      {"locate", "--species <species>"},
  };
  for (const auto& [command, text] : expected) {
    const CliRun run = runCli({QString::fromLatin1(command), QStringLiteral("--help")});
    EXPECT_EQ(run.exitCode, 0) << command;
    EXPECT_TRUE(run.out.contains(QString::fromUtf8(text))) << command << ":\n"
                                                           << run.out.toStdString();
  }
}
