#include <gtest/gtest.h>

#include <opencv2/core.hpp>

#include <random>

#include "ChannelSpread.h"
#include "walness/training/data/Augmenter.h"

using namespace walness;

namespace {

// A photo in strong colours: red, green and blue bands over a gradient.
cv::Mat colourfulPhoto() {
  cv::Mat rgb(180, 240, CV_8UC3);
  for (int y = 0; y < rgb.rows; ++y)
    for (int x = 0; x < rgb.cols; ++x) {
      const int band = (x / 40) % 3;
      cv::Vec3b pixel(40, 40, 40);
      pixel[band] = uchar(120 + y / 2);
      rgb.at<cv::Vec3b>(y, x) = pixel;
    }
  return rgb;
}

TEST(AugmenterTest, GrayscaleProbabilityOneTurnsEveryViewGreyAndZeroKeepsColour) {
  const cv::Mat photo = colourfulPhoto();
  const imaging::InputSpec spec;
  training::AugmentOptions grey;
  grey.grayscaleProbability = 1;
  const training::AugmentOptions asBefore;  // the disease model's default
  std::mt19937_64 random(7);
  for (int i = 0; i < 5; ++i) {
    const cv::Mat view = training::augmentedModelView(photo, std::nullopt, spec, grey, random);
    ASSERT_EQ(view.size(), cv::Size(spec.size, spec.size));
    EXPECT_EQ(test::meanChannelSpread(view), 0) << "view " << i;
    EXPECT_GT(cv::mean(view)[0], 20) << "grey, not black";
    EXPECT_GT(test::meanChannelSpread(
                  training::augmentedModelView(photo, std::nullopt, spec, asBefore, random)),
              30)
        << "view " << i;
  }
}

TEST(AugmenterTest, NoGrayscaleDrawsNothingExtraSoTheDiseaseModelsViewsStayAsTheyWere) {
  // At probability 0 no random number is drawn for it (at any other, exactly one), so the disease
  // model's training views, and resumed checkpoints, are those of before the option existed.
  const cv::Mat photo = colourfulPhoto();
  const imaging::InputSpec spec;
  // Blur and JPEG come after it and draw more only when they happen: off for a clean count.
  training::AugmentOptions never;
  never.blurProbability = 0;
  never.jpegProbability = 0;
  training::AugmentOptions always = never;
  always.grayscaleProbability = 1;
  std::mt19937_64 without(11), with(11);
  training::augmentedModelView(photo, std::nullopt, spec, never, without);
  training::augmentedModelView(photo, std::nullopt, spec, always, with);
  without.discard(1);
  EXPECT_EQ(without(), with());
}

}  // namespace
