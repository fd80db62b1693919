#include <gtest/gtest.h>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <QFile>

#include <algorithm>
#include <cstdio>
#include <map>

#include "SharedData.h"
#include "walness/imaging/ImageDecoder.h"
#include "walness/imaging/Quality.h"

using walness::imaging::assessQuality;
using walness::imaging::QualitySeverity;

namespace {
cv::Mat texturedPhoto(int width, int height) {
  cv::Mat image(height, width, CV_8UC3);
  cv::RNG rng(7);
  rng.fill(image, cv::RNG::UNIFORM, cv::Scalar::all(40), cv::Scalar::all(215));
  return image;
}
}  // namespace

TEST(QualityTest, ASharpWellLitPhotoPasses) {
  const auto report = assessQuality(texturedPhoto(640, 480), std::nullopt);
  EXPECT_FALSE(report.hasWarnings());
  ASSERT_NE(report.find("blur"), nullptr);
  EXPECT_GT(report.find("blur")->value, report.find("blur")->threshold);
}

TEST(QualityTest, BlurIsMeasuredIndependentlyOfResolution) {
  const cv::Mat sharp = texturedPhoto(512, 512);
  cv::Mat blurred;
  cv::GaussianBlur(sharp, blurred, cv::Size(0, 0), 12);
  const auto report = assessQuality(blurred, std::nullopt);
  EXPECT_EQ(report.find("blur")->severity, QualitySeverity::Severe);

  cv::Mat larger;
  cv::resize(sharp, larger, cv::Size(2048, 2048), 0, 0, cv::INTER_NEAREST);
  const double small = assessQuality(sharp, std::nullopt).find("blur")->value;
  const double big = assessQuality(larger, std::nullopt).find("blur")->value;
  EXPECT_NEAR(big / small, 1.0, 0.35) << "the same photo at 4x the size must score alike";
}

TEST(QualityTest, DarkAndBrightPhotosAreFlagged) {
  const auto dark = assessQuality(cv::Mat(300, 300, CV_8UC3, cv::Scalar::all(2)), std::nullopt);
  EXPECT_EQ(dark.find("underexposed")->severity, QualitySeverity::Severe);
  EXPECT_DOUBLE_EQ(dark.find("underexposed")->value, 1.0);
  const auto bright = assessQuality(cv::Mat(300, 300, CV_8UC3, cv::Scalar::all(254)), std::nullopt);
  EXPECT_EQ(bright.find("overexposed")->severity, QualitySeverity::Severe);
  EXPECT_TRUE(bright.hasSevere());
}

TEST(QualityTest, SmallEyeRegionIsFlagged) {
  const cv::Mat photo = texturedPhoto(800, 600);
  EXPECT_EQ(assessQuality(photo, cv::Rect(100, 100, 50, 50)).find("small_region")->severity,
            QualitySeverity::Severe);
  EXPECT_EQ(assessQuality(photo, cv::Rect(100, 100, 90, 200)).find("small_region")->severity,
            QualitySeverity::Warning);
  EXPECT_EQ(assessQuality(photo, cv::Rect(100, 100, 300, 300)).find("small_region")->severity,
            QualitySeverity::Ok);
  EXPECT_EQ(assessQuality(photo, cv::Rect(900, 900, 50, 50)).find("small_region")->severity,
            QualitySeverity::Severe)
      << "a region outside the photo";
}

TEST(QualityTest, MessagesInEnglishAndKoreanCarryValueAndThreshold) {
  using walness::Language;
  using walness::Words;
  using walness::imaging::qualityMessage;
  const walness::imaging::QualityCheck check{"small_region", 50, 112, QualitySeverity::Severe};
  const QString en = qualityMessage(check, Words(Language::English));
  const QString ko = qualityMessage(check, Words(Language::Korean));
  EXPECT_TRUE(en.contains(QStringLiteral("50 pixels"))) << en.toStdString();
  EXPECT_TRUE(en.contains(QStringLiteral("112"))) << en.toStdString();
  EXPECT_TRUE(ko.contains(QStringLiteral("50 픽셀"))) << ko.toStdString();
  EXPECT_TRUE(ko.contains(QStringLiteral("112 픽셀"))) << ko.toStdString();
  for (const char* key : {"blur", "underexposed", "overexposed"}) {
    const walness::imaging::QualityCheck other{key, 0.5, 0.25, QualitySeverity::Warning};
    const QString english = qualityMessage(other, Words(Language::English));
    EXPECT_NE(english, QString::fromLatin1(key));
    EXPECT_FALSE(english.contains(QStringLiteral("%1"))) << english.toStdString();
    EXPECT_NE(qualityMessage(other, Words(Language::Korean)), english);
  }
}

// The thresholds must let the real training photos through: they are what the model knows.
TEST(QualityTest, DogEyeValidationPhotosPass) {
  QFile csv(
      QString::fromStdString(walness::test::sharedPath(QStringLiteral("data/dog-eye/labels.csv"))));
  ASSERT_TRUE(csv.open(QIODevice::ReadOnly | QIODevice::Text));
  csv.readLine();
  int photos = 0, warned = 0, severe = 0;
  std::map<std::string, int> byCheck;
  std::vector<double> blur, dark, bright;
  while (!csv.atEnd()) {
    const QList<QByteArray> cells = csv.readLine().split(',');
    if (cells.size() < 3 || cells[1] != "val") continue;
    auto decoded = walness::imaging::decodeImageFile(
        walness::test::sharedPath(QStringLiteral("data/dog-eye/") + QString::fromUtf8(cells[0])));
    ASSERT_TRUE(decoded.ok()) << decoded.message();
    const auto report = assessQuality(decoded->rgb, std::nullopt);
    ++photos;
    warned += report.hasWarnings();
    severe += report.hasSevere();
    for (const auto& check : report.checks)
      if (check.severity != QualitySeverity::Ok) ++byCheck[check.key];
    blur.push_back(report.find("blur")->value);
    dark.push_back(report.find("underexposed")->value);
    bright.push_back(report.find("overexposed")->value);
  }
  std::sort(blur.begin(), blur.end());
  std::sort(dark.begin(), dark.end());
  std::sort(bright.begin(), bright.end());
  std::string summary;
  for (const auto& [key, count] : byCheck) summary += key + "=" + std::to_string(count) + " ";
  const auto at = [](const std::vector<double>& v, double q) {
    return v[size_t(q * double(v.size() - 1))];
  };
  std::printf("dog-eye val: %d photos, %d with warnings, %d severe (%s)\n", photos, warned, severe,
              summary.c_str());
  std::printf(
      "  blur p0.5 %.1f p1 %.1f p2 %.1f p50 %.1f; dark p98 %.3f p99.5 %.3f; bright p99.5 %.3f\n",
      at(blur, 0.005), at(blur, 0.01), at(blur, 0.02), at(blur, 0.5), at(dark, 0.98),
      at(dark, 0.995), at(bright, 0.995));
  EXPECT_EQ(photos, 1637);
  EXPECT_LE(severe, photos / 100) << summary;
  EXPECT_LE(warned, photos / 20) << summary;
}
