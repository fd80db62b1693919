#include <gtest/gtest.h>
#include <torch/torch.h>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <QTemporaryDir>

#include "TestBundles.h"
#include "walness/gate/EyeFinder.h"
#include "walness/gate/EyeGate.h"
#include "walness/imaging/Preprocess.h"
#include "walness/inference/Classifier.h"

using namespace walness;
using namespace walness::gate;

// Regression: scan() once read its scores through the data pointer of a temporary contiguous
// copy, freed before the reads (AddressSanitizer: heap-use-after-free; without it, an empty or
// wrong find now and then). Every window's score must equal the gate's own score of that window,
// computed here from the same backbone pass.
TEST(EyeFinderTest, ScanReportsEveryWindowWithTheGatesOwnScore) {
  QTemporaryDir dir;
  const std::string bundleDirectory = test::writeTestBundle(dir.path());
  auto model = bundle::loadModelBundle(bundleDirectory);
  ASSERT_TRUE(model) << model.message();
  EyeGateCard card;
  card.backboneModelId = model->card.id;
  card.backboneWeightsSha256 = model->card.weightsSha256;
  card.featureChannels = 1280;
  card.hidden = 4;
  card.finderMinScore = 0;  // every window comes back
  torch::manual_seed(7);
  ASSERT_TRUE(writeEyeGate(bundleDirectory, card, EyeGateHead(1280, 4)));
  auto classifier = inference::Classifier::load(bundleDirectory);
  ASSERT_TRUE(classifier) << classifier.message();
  const EyeGate& gate = *classifier.value()->eyeGate();
  const imaging::InputSpec spec = classifier.value()->card().input;
  const EyeFinder finder(classifier.value()->network(), gate, spec);

  // One scan scale only matters here: the largest window, a photo just big enough for it.
  cv::Mat photo(320, 480, CV_8UC3);
  cv::randu(photo, cv::Scalar::all(0), cv::Scalar::all(255));
  const auto squares = finder.scan(photo, Species::Dog);
  ASSERT_FALSE(squares.empty());

  const double share = EyeFinder::scanScales().front();
  const double window = share * std::min(photo.cols, photo.rows);
  const double scale = spec.size / window;
  cv::Mat scaled;
  cv::resize(photo, scaled, cv::Size(), scale, scale,
             scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
  torch::InferenceMode inference;
  const torch::Tensor features =
      classifier.value()->network()->features(imaging::normalizeModelView(scaled, spec));
  const int64_t cells = spec.size / 32;
  const int64_t columns = features.size(3) - cells + 1;
  const torch::Tensor expected =
      torch::softmax(gate.head->forward(EyeGateHeadImpl::poolWindows(features, cells)), 1)
          .select(1, kDogEye)
          .contiguous();
  size_t compared = 0;
  for (const EyeSquare& square : squares) {
    if (square.square.height != int(window)) continue;  // this scale (widths are clipped)
    const int64_t r = std::lround(square.square.y * scale / 32),
                  c = std::lround(square.square.x * scale / 32);
    EXPECT_NEAR(square.score, expected[r * columns + c].item<double>(), 1e-5) << r << "," << c;
    ++compared;
  }
  EXPECT_EQ(compared, size_t(expected.numel()));
}

// The dog finder's hit rule: the marked eye's centre inside the square, the square's side at most
// four eye diameters.
TEST(EyeFinderTest, FramesAnEyeOnlyAroundItsCentreAndAtMostFourDiametersWide) {
  const cv::Rect2d eye(100, 100, 20, 20);  // centre (110, 110), diameter 20
  EXPECT_TRUE(framesEye(cv::Rect2d(90, 90, 40, 40), eye));
  EXPECT_TRUE(framesEye(cv::Rect2d(105, 105, 80, 80), eye));   // 4x, centre just inside
  EXPECT_FALSE(framesEye(cv::Rect2d(105, 105, 81, 81), eye));  // over 4x
  EXPECT_FALSE(framesEye(cv::Rect2d(111, 90, 40, 40), eye));   // centre left of the square
  EXPECT_FALSE(framesEye(cv::Rect2d(0, 0, 60, 60), eye));      // overlaps, centre outside
  EXPECT_TRUE(framesEye(cv::Rect2d(0, 0, 160, 160), eye, 8));
}
