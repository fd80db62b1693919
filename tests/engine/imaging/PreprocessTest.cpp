#include <gtest/gtest.h>

#include <torch/torch.h>

#include <opencv2/core.hpp>

#include "walness/imaging/Preprocess.h"

using walness::imaging::InputSpec;
using walness::imaging::mapToPhoto;
using walness::imaging::mapToRegion;
using walness::imaging::preprocess;
using walness::imaging::ResizePolicy;

namespace {
InputSpec halfSpec(ResizePolicy policy) {
  InputSpec spec;
  spec.size = 224;
  spec.resize = policy;
  spec.mean = {128, 128, 128};
  spec.std = {128, 128, 128};
  return spec;
}
}  // namespace

TEST(PreprocessTest, LetterboxKeepsAspectAndPadsToZero) {
  cv::Mat photo(200, 400, CV_8UC3, cv::Scalar(255, 0, 128));
  auto result = preprocess(photo, halfSpec(ResizePolicy::Letterbox));
  ASSERT_TRUE(result.ok()) << result.message();
  const torch::Tensor input = result->input;
  ASSERT_EQ(input.sizes(), (std::vector<int64_t>{1, 3, 224, 224}));
  EXPECT_EQ(result->geometry.contentRect, cv::Rect2d(0, 56, 224, 112));
  // Bars are the mean colour, i.e. exactly zero after normalisation.
  EXPECT_EQ(input.index({0, torch::indexing::Slice(), torch::indexing::Slice(0, 56)})
                .abs()
                .max()
                .item<float>(),
            0.0f);
  // Content: R=255 -> (255-128)/128, G=0 -> -1, B=128 -> 0.
  EXPECT_NEAR(input[0][0][112][112].item<float>(), 127.0f / 128.0f, 1e-6);
  EXPECT_NEAR(input[0][1][112][112].item<float>(), -1.0f, 1e-6);
  EXPECT_NEAR(input[0][2][112][112].item<float>(), 0.0f, 1e-6);
}

TEST(PreprocessTest, CenterCropTakesTheMiddleSquare) {
  cv::Mat photo(200, 400, CV_8UC3, cv::Scalar(0, 0, 0));
  photo(cv::Rect(100, 0, 200, 200)).setTo(cv::Scalar(255, 255, 255));
  auto result = preprocess(photo, halfSpec(ResizePolicy::CenterCrop));
  ASSERT_TRUE(result.ok()) << result.message();
  EXPECT_NEAR(result->input.min().item<float>(), 127.0f / 128.0f, 1e-6) << "only the white middle";
  EXPECT_EQ(result->geometry.sourceRect, cv::Rect2d(100, 0, 200, 200));
}

TEST(PreprocessTest, EyeRegionIsCroppedAndClipped) {
  cv::Mat photo(300, 300, CV_8UC3, cv::Scalar(0, 0, 0));
  photo(cv::Rect(200, 200, 100, 100)).setTo(cv::Scalar(255, 255, 255));
  auto result = preprocess(photo, halfSpec(ResizePolicy::CenterCrop), cv::Rect(200, 200, 150, 150));
  ASSERT_TRUE(result.ok()) << result.message();
  EXPECT_EQ(result->geometry.region, cv::Rect(200, 200, 100, 100)) << "clipped to the photo";
  EXPECT_NEAR(result->input.min().item<float>(), 127.0f / 128.0f, 1e-6);

  EXPECT_FALSE(
      preprocess(photo, halfSpec(ResizePolicy::Letterbox), cv::Rect(400, 400, 10, 10)).ok());
  EXPECT_FALSE(preprocess(cv::Mat(10, 10, CV_8UC1), halfSpec(ResizePolicy::Letterbox)).ok());
}

TEST(PreprocessTest, MapsAHeatmapBackOntoThePhoto) {
  cv::Mat photo(400, 800, CV_8UC3, cv::Scalar::all(100));
  const cv::Rect region(400, 100, 200, 100);  // 2:1 region -> letterboxed
  auto result = preprocess(photo, halfSpec(ResizePolicy::Letterbox), region);
  ASSERT_TRUE(result.ok());
  cv::Mat inputMap(224, 224, CV_32F, cv::Scalar(1.0f));
  const cv::Mat onPhoto = mapToPhoto(inputMap, result->geometry);
  ASSERT_EQ(onPhoto.size(), photo.size());
  EXPECT_FLOAT_EQ(onPhoto.at<float>(150, 500), 1.0f) << "inside the region";
  EXPECT_FLOAT_EQ(onPhoto.at<float>(50, 500), 0.0f) << "above the region";
  EXPECT_FLOAT_EQ(onPhoto.at<float>(150, 300), 0.0f) << "left of the region";
  EXPECT_NEAR(cv::sum(onPhoto)[0], 200.0 * 100.0, 1.0) << "exactly the region is covered";

  // A peak at the input's top-left content corner lands at the region's top-left corner.
  cv::Mat peak = cv::Mat::zeros(224, 224, CV_32F);
  peak(cv::Rect(0, 56, 8, 8)).setTo(1.0f);
  cv::Point maxAt;
  cv::minMaxLoc(mapToPhoto(peak, result->geometry), nullptr, nullptr, nullptr, &maxAt);
  EXPECT_LT(cv::norm(maxAt - cv::Point(400, 100)), 6.0);
}

TEST(PreprocessTest, MapsAHeatmapOntoTheRegionAloneAsOntoThePhoto) {
  cv::Mat photo(400, 800, CV_8UC3, cv::Scalar::all(100));
  for (const ResizePolicy policy : {ResizePolicy::Letterbox, ResizePolicy::CenterCrop}) {
    const cv::Rect region(430, 90, 210, 120);
    auto result = preprocess(photo, halfSpec(policy), region);
    ASSERT_TRUE(result.ok());
    cv::Mat inputMap(7, 7, CV_32F);
    cv::randu(inputMap, 0.0, 1.0);
    const cv::Mat onRegion = mapToRegion(inputMap, result->geometry);
    ASSERT_EQ(onRegion.size(), region.size()) << "the region's size, not the photo's";
    const cv::Mat onPhoto = mapToPhoto(inputMap, result->geometry);
    EXPECT_EQ(cv::norm(onRegion, onPhoto(region), cv::NORM_INF), 0.0);
    EXPECT_EQ(cv::sum(onPhoto)[0], cv::sum(onRegion)[0]) << "nothing outside the region";
  }
  // A region reaching past the photo is clipped to it, and the map with it.
  auto clipped = preprocess(photo, halfSpec(ResizePolicy::Letterbox), cv::Rect(700, 300, 200, 200));
  ASSERT_TRUE(clipped.ok());
  EXPECT_EQ(mapToRegion(cv::Mat(7, 7, CV_32F, cv::Scalar(1.0f)), clipped->geometry).size(),
            cv::Size(100, 100));
}
