#include <gtest/gtest.h>

#include "walness/gate/EyePair.h"

using namespace walness::gate;

namespace {

EyeSquare square(int x, int y, int side, double score, const char* how = "scan",
                 double located = 0) {
  return {cv::Rect(x, y, side, side), score, how, located};
}

}  // namespace

TEST(EyePairTest, TwoEyesSideBySideAreScreenedLeftOfThePhotoFirst) {
  // The finder's best square is the right eye; the left one comes third, after a false square.
  const std::vector<EyeSquare> found{square(600, 200, 100, 0.97), square(300, 600, 300, 0.9),
                                     square(300, 210, 110, 0.95)};
  const auto eyes = eyesToScreen(found);
  ASSERT_EQ(eyes.size(), 2u);
  EXPECT_EQ(eyes[0].side, PhotoSide::Left);
  EXPECT_EQ(eyes[0].eye.square.x, 300);
  EXPECT_EQ(eyes[1].side, PhotoSide::Right);
  EXPECT_EQ(eyes[1].eye.square.x, 600);
  EXPECT_EQ(photoSideId(eyes[0].side), "left_of_photo");
  EXPECT_EQ(photoSideId(eyes[1].side), "right_of_photo");
}

TEST(EyePairTest, ASecondSquareThatIsNoOtherEyeLeavesOneEye) {
  const EyeSquare best = square(400, 300, 100, 0.97);
  const std::vector<std::pair<EyeSquare, const char*>> notAPair{
      {square(600, 300, 100, 0.2), "the gate does not take it"},
      {square(450, 320, 100, 0.97), "it overlaps the first"},
      {square(650, 300, 250, 0.97), "2.5 times the size"},
      {square(420, 600, 100, 0.97), "one above the other"},
      {square(1200, 300, 100, 0.97), "eight eye widths apart"},
  };
  for (const auto& [other, why] : notAPair) {
    const auto eyes = eyesToScreen({best, other});
    ASSERT_EQ(eyes.size(), 1u) << why;
    EXPECT_EQ(eyes[0].side, PhotoSide::Only) << why;
    EXPECT_EQ(eyes[0].eye.square.x, 400) << why;
  }
  // An unsure first square is screened alone, even beside an eye.
  const auto unsure = eyesToScreen({square(400, 300, 100, 0.1), square(600, 300, 100, 0.97)});
  ASSERT_EQ(unsure.size(), 1u);
  EXPECT_EQ(unsure[0].eye.square.x, 400);
  EXPECT_TRUE(eyesToScreen({}).empty());
}

TEST(EyePairTest, TheLocatorsSureEyesPairEvenWhenTheGateScoresThemLow) {
  // A small eye enlarged to the model's input scores low with the gate; the locator is sure.
  const auto eyes = eyesToScreen(
      {square(100, 100, 40, 0.05, "locator", 0.6), square(220, 105, 38, 0.02, "locator", 0.45)});
  ASSERT_EQ(eyes.size(), 2u);
  EXPECT_EQ(eyes[0].eye.square.x, 100);
  const auto unsure = eyesToScreen(
      {square(100, 100, 40, 0.05, "locator", 0.6), square(220, 105, 38, 0.02, "locator", 0.1)});
  EXPECT_EQ(unsure.size(), 1u);
}
