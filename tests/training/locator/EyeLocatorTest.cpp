#include <gtest/gtest.h>
#include <torch/torch.h>

#include <QTemporaryDir>

#include <algorithm>
#include <cmath>

#include "SharedData.h"
#include "TestBundles.h"
#include "walness/bundle/ModelBundle.h"
#include "walness/gate/EyeFinder.h"
#include "walness/gate/EyeGate.h"
#include "walness/imaging/ImageDecoder.h"
#include "walness/inference/Classifier.h"
#include "walness/locator/EyeLocator.h"
#include "walness/training/gate/GateDataset.h"

using namespace walness;
using namespace walness::locator;

namespace {

// A head output [4, H, W] with every cell far below any threshold.
torch::Tensor quietOutput(int64_t height, int64_t width) {
  torch::Tensor output = torch::zeros({4, height, width});
  output[0].fill_(-10);
  return output;
}

}  // namespace

TEST(EyeLocatorTest, DecodesLocalPeaksIntoSquaresInPhotoPixels) {
  torch::Tensor output = quietOutput(10, 12);
  // A clear eye centre in cell (row 3, column 5): in the middle of the cell, 2 cells wide.
  output[0][3][5] = 2.0;
  output[3][3][5] = std::log(2.0);
  // Its neighbour is lower: not a peak of its own.
  output[0][3][6] = 1.0;
  // A weak eye (P 0.12) far away, a quarter into its cell, and one below the minimum (P 0.018).
  output[0][8][1] = -2.0;
  output[1][8][1] = std::log(0.25 / 0.75);
  output[2][8][1] = std::log(0.25 / 0.75);
  output[0][0][11] = -4.0;
  EyeLocatorSettings settings;
  settings.minScore = 0.05;
  settings.squareMargin = 1.5;
  // The photo was scaled by 0.5 for the locator: one cell is 32 photo pixels.
  const auto eyes = decodeLocatorOutput(output, 0.5, cv::Size(384, 320), settings, 4);
  ASSERT_EQ(eyes.size(), 2u);
  EXPECT_NEAR(eyes[0].score, 1 / (1 + std::exp(-2.0)), 1e-6);
  // Centre (5.5, 3.5) cells = (176, 112) px; side 2 cells x 32 px x 1.5 = 96 px.
  EXPECT_EQ(eyes[0].square, cv::Rect(128, 64, 96, 96));
  // Centre (1.25, 8.25) cells = (40, 264) px; side 1 cell x 32 x 1.5 = 48 px.
  EXPECT_EQ(eyes[1].square, cv::Rect(16, 240, 48, 48));
  EXPECT_LT(eyes[1].score, eyes[0].score);
  // At most the count asked for; and squares stay inside the photo.
  EXPECT_EQ(decodeLocatorOutput(output, 0.5, cv::Size(384, 320), settings, 1).size(), 1u);
  const auto clipped = decodeLocatorOutput(output, 0.5, cv::Size(150, 100), settings, 4);
  for (const LocatedEye& eye : clipped)
    EXPECT_EQ(eye.square & cv::Rect(0, 0, 150, 100), eye.square);
}

TEST(EyeLocatorTest, InputIsScaledToItsSideAndPaddedToTheDeepestStride) {
  const imaging::InputSpec spec;
  const cv::Mat photo(300, 500, CV_8UC3, cv::Scalar(10, 200, 30));
  const LocatorInput input = locatorInput(photo, 640, spec);
  EXPECT_DOUBLE_EQ(input.scale, 640.0 / 500);
  // 640 x 384 (300 * 1.28 = 384, already a multiple of 32).
  EXPECT_EQ(input.input.sizes(), torch::IntArrayRef({1, 3, 384, 640}));
  const LocatorInput odd = locatorInput(cv::Mat(333, 100, CV_8UC3, cv::Scalar::all(0)), 100, spec);
  EXPECT_EQ(odd.input.size(2) % 32, 0);
  EXPECT_EQ(odd.input.size(3) % 32, 0);
  // The padding is the mean colour (rounded to 8 bits): about zero after normalisation.
  EXPECT_NEAR(odd.input[0][0][0][odd.input.size(3) - 1].item<float>(), 0, 0.01);
}

TEST(EyeLocatorTest, AGateWithALocatorWritesLoadsAndLocates) {
  QTemporaryDir dir;
  const std::string bundleDirectory = test::writeTestBundle(dir.path());
  auto model = bundle::loadModelBundle(bundleDirectory);
  ASSERT_TRUE(model) << model.message();
  gate::EyeGateCard card;
  card.backboneModelId = model->card.id;
  card.backboneWeightsSha256 = model->card.weightsSha256;
  card.hidden = 4;
  card.locator = EyeLocatorSettings{};
  card.locator->inputSide = 256;
  card.locator->hidden = 8;
  card.locator->metrics = QJsonObject{{QStringLiteral("val_hit_first_two"), 0.5}};
  torch::manual_seed(9);
  gate::EyeGateHead head(1280, 4);
  EyeLocatorHead locatorHead(96, 320, 8);
  {
    torch::NoGradGuard noGrad;
    for (auto& parameter : locatorHead->parameters()) parameter.normal_(0, 0.1);
  }
  locatorHead->eval();
  auto written = gate::writeEyeGate(bundleDirectory, card, head, &locatorHead);
  ASSERT_TRUE(written) << written.message();
  EXPECT_FALSE(written->locator->weightsSha256.empty());
  auto loaded = gate::loadEyeGate(bundleDirectory, model->card.weightsSha256);
  ASSERT_TRUE(loaded) << loaded.message();
  ASSERT_TRUE(loaded->has_value());
  const gate::EyeGate& gate = loaded->value();
  ASSERT_TRUE(gate.card.locator);
  EXPECT_EQ(gate.card.locator->inputSide, 256);
  EXPECT_DOUBLE_EQ(gate.card.locator->metrics.value("val_hit_first_two").toDouble(), 0.5);
  ASSERT_TRUE(gate.locator);

  // The loaded head computes what the written one did, on the backbone's real maps.
  model->network->eval();
  const torch::Tensor photo = torch::rand({1, 3, 256, 192});
  torch::NoGradGuard noGrad;
  const auto maps = model->network->locatorFeatures(photo);
  ASSERT_EQ(maps.size(), 2u);
  EXPECT_EQ(maps[0].sizes(), torch::IntArrayRef({1, 96, 16, 12}));
  EXPECT_EQ(maps[1].sizes(), torch::IntArrayRef({1, 320, 8, 6}));
  const torch::Tensor expected = locatorHead->forward(maps[0], maps[1]);
  EXPECT_TRUE(torch::allclose(gate.locator->forward(maps[0], maps[1]), expected, 1e-5, 1e-6));
  EXPECT_EQ(expected.sizes(), torch::IntArrayRef({1, 4, 16, 12}));

  // A replaced locator file is refused by its checksum.
  {
    QFile replaced(dir.path() + "/eye-locator.safetensors");
    ASSERT_TRUE(replaced.open(QIODevice::Append));
    replaced.write("x");
  }
  auto damaged = gate::loadEyeGate(bundleDirectory, model->card.weightsSha256);
  ASSERT_FALSE(damaged);
  EXPECT_NE(damaged.message().find("eye-locator.safetensors"), std::string::npos);
}

TEST(EyeGateCardTest, RoundTripsTheLocatorAndRefusesAnEscapingFile) {
  gate::EyeGateCard card;
  card.backboneModelId = "m";
  card.backboneWeightsSha256 = "abc";
  card.weightsSha256 = "def";
  auto plain = gate::parseEyeGateCard(gate::serializeEyeGateCard(card), "eye-gate.json");
  ASSERT_TRUE(plain) << plain.message();
  EXPECT_FALSE(plain->locator);  // gates trained before the locator have none

  card.locator = EyeLocatorSettings{};
  card.locator->inputSide = 512;
  card.locator->squareMargin = 1.6;
  card.locator->weightsSha256 = "123";
  auto parsed = gate::parseEyeGateCard(gate::serializeEyeGateCard(card), "eye-gate.json");
  ASSERT_TRUE(parsed) << parsed.message();
  ASSERT_TRUE(parsed->locator);
  EXPECT_EQ(parsed->locator->inputSide, 512);
  EXPECT_DOUBLE_EQ(parsed->locator->squareMargin, 1.6);
  EXPECT_EQ(parsed->locator->weightsFile, "eye-locator.safetensors");
  EXPECT_EQ(parsed->locator->weightsSha256, "123");
  // Cards from before dog photos name no species: a cat locator.
  EXPECT_EQ(parsed->locator->species, std::vector<Species>{Species::Cat});
  card.locator->species = {Species::Cat, Species::Dog};
  auto both = gate::parseEyeGateCard(gate::serializeEyeGateCard(card), "eye-gate.json");
  ASSERT_TRUE(both) << both.message();
  EXPECT_EQ(both->locator->species, (std::vector<Species>{Species::Cat, Species::Dog}));
  QByteArray oldCard = gate::serializeEyeGateCard(card);
  oldCard.replace("\"species\"", "\"species_unused\"");
  auto old = gate::parseEyeGateCard(oldCard, "eye-gate.json");
  ASSERT_TRUE(old) << old.message();
  EXPECT_EQ(old->locator->species, std::vector<Species>{Species::Cat});
  QByteArray unknown = gate::serializeEyeGateCard(card);
  unknown.replace("\"dog\"", "\"horse\"");
  auto refused = gate::parseEyeGateCard(unknown, "eye-gate.json");
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.message().find("horse"), std::string::npos) << refused.message();

  card.locator->weightsFile = "../weights.safetensors";
  EXPECT_FALSE(gate::parseEyeGateCard(gate::serializeEyeGateCard(card), "eye-gate.json"));
}

// The shipped gate's locator and the whole cat finder on boxed cat photos they were not trained
// on (the val split).
TEST(ShippedEyeLocatorTest, FindsTheBoxedCatEyeInValPhotos) {
  // By path: a test beside this one may install another dog model in the user's models folder.
  auto classifier = inference::Classifier::load(WALNESS_SOURCE_DIR "/models/dog-eye-mobilenetv2");
  ASSERT_TRUE(classifier) << classifier.message();
  const gate::EyeGate* gate = classifier.value()->eyeGate();
  if (!gate || !gate->card.locator) GTEST_SKIP() << "the installed gate has no eye locator";
  auto samples = gate::readGateSamples(
      gate::GateDataFolders::under((test::sharedDir() + "/data").toStdString()));
  ASSERT_TRUE(samples) << samples.message();
  const gate::EyeFinder finder(classifier.value()->network(), *gate,
                               classifier.value()->card().input);
  int photos = 0, locatorHits = 0, finderHits = 0;
  for (const gate::GateSample& sample : samples.value()) {
    if (sample.source != gate::GateSource::CatPhoto || sample.split != "val") continue;
    if (++photos > 12) break;
    auto decoded = imaging::decodeImageFile(sample.path);
    ASSERT_TRUE(decoded) << sample.path;
    const cv::Size size = decoded->rgb.size();
    const auto hit = [&](const std::vector<gate::EyeSquare>& found) {
      for (size_t k = 0; k < found.size() && k < 2; ++k)
        for (const cv::Rect2d& box : sample.eyeBoxes)
          if (gate::intersectionOverUnion(
                  found[k].square, cv::Rect2d(box.x * size.width, box.y * size.height,
                                              box.width * size.width, box.height * size.height)) >=
              0.25)
            return true;
      return false;
    };
    const auto located = finder.locatorEyes(decoded->rgb, Species::Cat, 4);
    for (const gate::EyeSquare& eye : located) EXPECT_EQ(eye.how, "locator");
    if (hit(located)) ++locatorHits;
    if (hit(finder.find(decoded->rgb, Species::Cat, 4))) ++finderHits;
  }
  ASSERT_EQ(photos, 13);
  // Measured on these 12 photos with the shipped locator (1.1.0): 11 by the locator alone, 12 by
  // the whole finder (the faces add one); on all 41 val photos 33 and 34.
  EXPECT_GE(locatorHits, 10);
  EXPECT_GE(finderHits, 11);
  // The locator answers only for the species its card names.
  const auto& known = gate->card.locator->species;
  for (const Species species : {Species::Dog, Species::Cat}) {
    if (std::find(known.begin(), known.end(), species) != known.end()) continue;
    EXPECT_TRUE(
        finder.locatorEyes(cv::Mat(480, 480, CV_8UC3, cv::Scalar::all(90)), species, 4).empty());
  }
}

// The shipped locator alone on the whole-dog photos it was not trained on (dog-photos val, every
// photo with a marked eye): a hit is a marked eye framed by one of its first two squares (its
// centre inside, the square at most 4x the eye). The finder does not use it for dogs yet
// (docs/eye-gate.md says why); this keeps what it learnt from being lost unnoticed.
TEST(ShippedEyeLocatorTest, AloneFramesAMarkedDogEyeInValPhotos) {
  auto classifier = inference::Classifier::load(WALNESS_SOURCE_DIR "/models/dog-eye-mobilenetv2");
  ASSERT_TRUE(classifier) << classifier.message();
  const gate::EyeGate* gate = classifier.value()->eyeGate();
  if (!gate || !gate->card.locator) GTEST_SKIP() << "the installed gate has no eye locator";
  if (!gate->card.locator->training.contains(QStringLiteral("dog_train_photos")))
    GTEST_SKIP() << "the installed locator was not trained on dogs";
  auto samples = gate::readGateSamples(
      gate::GateDataFolders::under((test::sharedDir() + "/data").toStdString()));
  ASSERT_TRUE(samples) << samples.message();
  int photos = 0, hits = 0;
  std::string misses;
  for (const gate::GateSample& sample : samples.value()) {
    if (sample.source != gate::GateSource::DogPhoto || sample.split != "val" ||
        sample.eyeBoxes.empty())
      continue;
    ++photos;
    auto decoded = imaging::decodeImageFile(sample.path);
    ASSERT_TRUE(decoded) << sample.path;
    const cv::Size size = decoded->rgb.size();
    const auto found =
        locateEyes(*classifier.value()->network(), gate->locator, *gate->card.locator,
                   classifier.value()->card().input, decoded->rgb, 2);
    bool hit = false;
    for (const LocatedEye& eye : found)
      for (const cv::Rect2d& box : sample.eyeBoxes)
        hit = hit || gate::framesEye(eye.square,
                                     cv::Rect2d(box.x * size.width, box.y * size.height,
                                                box.width * size.width, box.height * size.height));
    if (hit)
      ++hits;
    else
      misses += sample.path.substr(sample.path.rfind('/') + 1) + " ";
  }
  ASSERT_EQ(photos, 14);
  // Measured with the shipped locator: 8 of 14 (the card's eye_locator.metrics); the scan, 0.
  EXPECT_GE(hits, 6) << "missed: " << misses;
}

// The eye locator's backgrounds: the not-eye photos of objects (ImageNet classes from 398), never
// its whole dogs and cats, whose eyes are there but unmarked.
TEST(EyeLocatorDataTest, NotEyePhotosOfObjectsAreEyeFreeAndAnimalsAreNot) {
  auto samples = gate::readGateSamples(
      gate::GateDataFolders::under((test::sharedDir() + "/data").toStdString()));
  ASSERT_TRUE(samples) << samples.message();
  int eyeFree[2] = {0, 0}, animals = 0;
  for (const gate::GateSample& sample : samples.value()) {
    if (!sample.eyeFree) continue;
    EXPECT_EQ(sample.source, gate::GateSource::NotEye) << sample.path;
    ++eyeFree[sample.split == "val" ? 1 : 0];
  }
  for (const gate::GateSample& sample : samples.value())
    if (sample.source == gate::GateSource::NotEye && !sample.eyeFree) ++animals;
  // labels.csv: 363 train and 64 val photos of classes 398-999; the other 273 are animals.
  EXPECT_EQ(eyeFree[0], 363);
  EXPECT_EQ(eyeFree[1], 64);
  EXPECT_EQ(animals, 273);
}
