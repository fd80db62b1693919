#include <gtest/gtest.h>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "imaging/Quality.h"

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
  const walness::imaging::QualityCheck check{"small_region", 50, 112, QualitySeverity::Severe};
  const std::string en = walness::imaging::qualityMessage(check, "en");
  const std::string ko = walness::imaging::qualityMessage(check, "ko");
  EXPECT_NE(en.find("50 pixels"), std::string::npos) << en;
  EXPECT_NE(en.find("112"), std::string::npos) << en;
  EXPECT_NE(ko.find("50 픽셀"), std::string::npos) << ko;
  for (const char* key : {"blur", "underexposed", "overexposed"}) {
    const walness::imaging::QualityCheck other{key, 0.5, 0.25, QualitySeverity::Warning};
    EXPECT_NE(walness::imaging::qualityMessage(other, "en"), key);
    EXPECT_NE(walness::imaging::qualityMessage(other, "ko"),
              walness::imaging::qualityMessage(other, "en"));
  }
}
