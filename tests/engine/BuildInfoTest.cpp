#include <gtest/gtest.h>

#include <torch/version.h>

#include <opencv2/core/version.hpp>

#include <QRegularExpression>

#include "walness/BuildInfo.h"

using walness::BuildInfo;

TEST(BuildInfoTest, NamesTheLibrariesTheAppRunsOn) {
  const BuildInfo info = BuildInfo::current();
  EXPECT_TRUE(
      QRegularExpression(QStringLiteral("^\\d+\\.\\d+\\.\\d+")).match(info.appVersion).hasMatch())
      << info.appVersion.toStdString();
  EXPECT_TRUE(info.qtVersion.startsWith(QStringLiteral("6."))) << info.qtVersion.toStdString();
  EXPECT_EQ(info.torchVersion.toStdString(), std::string(TORCH_VERSION));
  EXPECT_EQ(info.openCvVersion.toStdString(), std::string(CV_VERSION));
}

TEST(BuildInfoTest, TextHasOneLinePerComponent) {
  const QString text = BuildInfo::current().toText();
  const QStringList lines = text.trimmed().split(QLatin1Char('\n'));
  ASSERT_EQ(lines.size(), 4) << text.toStdString();
  EXPECT_TRUE(lines[0].startsWith(QStringLiteral("Walness ")));
  EXPECT_TRUE(lines[1].startsWith(QStringLiteral("Qt 6.")));
  EXPECT_TRUE(lines[2].startsWith(QStringLiteral("LibTorch ")));
  EXPECT_TRUE(lines[3].startsWith(QStringLiteral("OpenCV 4.")));
}
