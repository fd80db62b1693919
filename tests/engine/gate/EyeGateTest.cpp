#include <gtest/gtest.h>
#include <torch/torch.h>

#include <opencv2/imgproc.hpp>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include "ChannelSpread.h"
#include "SharedData.h"
#include "TestBundles.h"
#include "walness/gate/EyeFinder.h"
#include "walness/gate/EyeGate.h"
#include "walness/imaging/ImageDecoder.h"
#include "walness/imaging/Preprocess.h"
#include "walness/inference/Classifier.h"
#include "walness/inference/DiagnosisJson.h"

using namespace walness;
using namespace walness::gate;

namespace {

EyeGateCard sampleCard() {
  EyeGateCard card;
  card.backboneModelId = "dog-eye-mobilenetv2";
  card.backboneWeightsSha256 = "abc";
  card.featureChannels = 8;
  card.hidden = 4;
  card.notEyeThreshold = 0.6;
  card.otherSpeciesThreshold = 0.55;
  card.catEyes.leftX = 0.7;
  card.weightsSha256 = "def";
  return card;
}

// The dog model shipped in the source tree, when it has an eye gate (it does). Loaded by path, not
// by search: a test beside this one may install another dog model in the user's models folder.
std::unique_ptr<inference::Classifier> shippedClassifier() {
  auto loaded = inference::Classifier::load(WALNESS_SOURCE_DIR "/models/dog-eye-mobilenetv2");
  if (!loaded || !loaded.value()->eyeGate()) return nullptr;
  return std::move(loaded.value());
}

// The first `count` val photos of a shared data folder whose labels.csv row contains `filter`.
QStringList valPhotos(const QString& folder, int count, const QString& filter = {}) {
  QStringList paths;
  QFile labels(test::sharedDir() + "/data/" + folder + "/labels.csv");
  if (!labels.open(QIODevice::ReadOnly)) return paths;
  while (!labels.atEnd() && paths.size() < count) {
    const QString line = QString::fromUtf8(labels.readLine());
    // Closed and too-dark eyes are "not usable" for the gate: left out here.
    if (line.contains(QStringLiteral("Eyes Closed")) || line.contains(QStringLiteral("Dark Img")))
      continue;
    // With a ",left," filter: only eyes with an iris colour in `look` (not empty).
    if (filter == QStringLiteral(",left,") && line.contains(QStringLiteral(",left,,"))) continue;
    if (line.contains(QStringLiteral(",val,")) && (filter.isEmpty() || line.contains(filter)))
      paths << test::sharedDir() + "/data/" + folder + "/" + line.left(line.indexOf(','));
  }
  return paths;
}

}  // namespace

TEST(EyeGateCardTest, RoundTripsAndRefusesBrokenFields) {
  const EyeGateCard card = sampleCard();
  auto parsed = parseEyeGateCard(serializeEyeGateCard(card), "eye-gate.json");
  ASSERT_TRUE(parsed) << parsed.message();
  EXPECT_EQ(parsed->backboneWeightsSha256, "abc");
  EXPECT_EQ(parsed->featureChannels, 8);
  EXPECT_DOUBLE_EQ(parsed->notEyeThreshold, 0.6);
  EXPECT_DOUBLE_EQ(parsed->catEyes.leftX, 0.7);
  EXPECT_EQ(parsed->catEyes.cascade, "haarcascade_frontalcatface_extended.xml");

  QByteArray json = serializeEyeGateCard(card);
  json.replace("\"not_eye_threshold\": 0.6", "\"not_eye_threshold\": 1.6");
  auto refused = parseEyeGateCard(json, "eye-gate.json");
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.message().find("not_eye_threshold"), std::string::npos);

  EyeGateCard escaping = card;
  escaping.catEyes.cascade = "../../etc/passwd";
  EXPECT_FALSE(parseEyeGateCard(serializeEyeGateCard(escaping), "eye-gate.json"));
  EXPECT_FALSE(parseEyeGateCard("[]", "eye-gate.json"));
}

TEST(EyeGateTest, JudgesByTheCardsThresholdsForTheModelsSpecies) {
  EyeGate gate{sampleCard(), EyeGateHead(8, 4)};
  EXPECT_FALSE(gate.judge({0.8, 0.1, 0.1}, Species::Dog).refused());
  EXPECT_EQ(gate.judge({0.2, 0.1, 0.7}, Species::Dog).refusal, gate::GateRefusal::NotAnEye);
  const GateVerdict cat = gate.judge({0.2, 0.6, 0.2}, Species::Dog);
  EXPECT_EQ(cat.refusal, gate::GateRefusal::OtherSpecies);
  ASSERT_TRUE(cat.detectedSpecies);
  EXPECT_EQ(*cat.detectedSpecies, Species::Cat);
  // For a cat model the same photo is fine, and a dog's eye is the other species.
  EXPECT_FALSE(gate.judge({0.2, 0.6, 0.2}, Species::Cat).refused());
  EXPECT_EQ(*gate.judge({0.6, 0.2, 0.2}, Species::Cat).detectedSpecies, Species::Dog);
  // Below the other-species threshold (0.55 of the eye probability) the photo is screened.
  EXPECT_FALSE(gate.judge({0.45, 0.5, 0.05}, Species::Dog).refused());
}

TEST(EyeGateTest, WindowPoolingEqualsPoolingEachWindowOnItsOwn) {
  torch::manual_seed(3);
  const torch::Tensor features = torch::rand({1, 8, 9, 11});
  const torch::Tensor windows = EyeGateHeadImpl::poolWindows(features, 7);
  ASSERT_EQ(windows.size(0), 3 * 5);
  for (int64_t r = 0; r < 3; ++r)
    for (int64_t c = 0; c < 5; ++c) {
      const torch::Tensor alone =
          EyeGateHeadImpl::pool(features.slice(2, r, r + 7).slice(3, c, c + 7))[0];
      EXPECT_TRUE(torch::allclose(windows[r * 5 + c], alone, 1e-5, 1e-6)) << r << "," << c;
    }
}

TEST(EyeGateTest, WritesLoadsAndRefusesAGateForOtherWeights) {
  QTemporaryDir dir;
  const std::string bundleDirectory = test::writeTestBundle(dir.path());
  auto model = bundle::loadModelBundle(bundleDirectory);
  ASSERT_TRUE(model) << model.message();
  auto none = loadEyeGate(bundleDirectory, model->card.weightsSha256);
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->has_value());

  EyeGateCard card = sampleCard();
  card.featureChannels = 1280;
  card.backboneWeightsSha256 = model->card.weightsSha256;
  torch::manual_seed(5);
  EyeGateHead head(1280, 4);
  ASSERT_TRUE(writeEyeGate(bundleDirectory, card, head));
  auto loaded = loadEyeGate(bundleDirectory, model->card.weightsSha256);
  ASSERT_TRUE(loaded) << loaded.message();
  ASSERT_TRUE(loaded->has_value());
  const torch::Tensor features = torch::rand({1, 1280, 7, 7});
  const GateScores scores = loaded->value().score(features);
  EXPECT_NEAR(scores.dogEye + scores.catEye + scores.notEye, 1.0, 1e-6);
  head->eval();
  const torch::Tensor expected = torch::softmax(head->forward(EyeGateHeadImpl::pool(features)), 1);
  EXPECT_NEAR(scores.notEye, expected[0][kNotEye].item<double>(), 1e-6);

  // The classifier loads it with the bundle and reports the gate on every diagnosis.
  auto classifier = inference::Classifier::load(bundleDirectory);
  ASSERT_TRUE(classifier) << classifier.message();
  ASSERT_NE(classifier.value()->eyeGate(), nullptr);
  auto diagnosis =
      classifier.value()->diagnose(cv::Mat(300, 300, CV_8UC3, cv::Scalar(90, 120, 80)));
  ASSERT_TRUE(diagnosis) << diagnosis.message();
  EXPECT_TRUE(diagnosis->eyeGate.has_value());

  auto stale = loadEyeGate(bundleDirectory, "another-sha");
  ASSERT_FALSE(stale);
  EXPECT_NE(stale.message().find("train-gate"), std::string::npos);
}

// The shipped gate on real photos it was not trained on (val splits).
TEST(ShippedEyeGateTest, RefusesNotEyesAndCatEyesAndScreensDogEyes) {
  auto classifier = shippedClassifier();
  if (!classifier) GTEST_SKIP() << "no dog model with an eye gate installed";
  const auto outcomes = [&](const QStringList& photos) {
    std::map<std::string, int> counts;
    for (const QString& path : photos) {
      auto decoded = imaging::decodeImageFile(path.toStdString());
      EXPECT_TRUE(decoded) << path.toStdString();
      if (!decoded) continue;
      auto diagnosis = classifier->diagnose(decoded->rgb);
      EXPECT_TRUE(diagnosis);
      if (!diagnosis) continue;
      EXPECT_TRUE(diagnosis->eyeGate);
      ++counts[diagnosis->abstention ? inference::abstentionId(*diagnosis->abstention)
                                     : "screened"];
      if (diagnosis->abstention &&
          diagnosis->abstention->reason == inference::AbstentionReason::OtherSpecies) {
        EXPECT_EQ(diagnosis->detectedSpecies, Species::Cat);
        EXPECT_TRUE(diagnosis->findings.empty());
      }
    }
    return counts;
  };
  const QStringList dogs = valPhotos(QStringLiteral("dog-eye"), 20, QStringLiteral(",crop,"));
  // Left eyes whose look the source labelled (an iris colour): right eyes carry no label, and
  // closed or dark ones among them are rightly refused as not usable.
  QStringList cats;
  for (const QString& path : valPhotos(QStringLiteral("cat-eye"), 400, QStringLiteral(",left,")))
    if (cats.size() < 40) cats << path;
  const QStringList others = valPhotos(QStringLiteral("not-eye"), 20);
  ASSERT_EQ(dogs.size(), 20);
  ASSERT_EQ(others.size(), 20);
  auto dogOutcomes = outcomes(dogs), catOutcomes = outcomes(cats), otherOutcomes = outcomes(others);
  EXPECT_GE(dogOutcomes["screened"], 19);
  // Measured on all 109 such val eyes: 108 (99%).
  EXPECT_GE(catOutcomes["other_species"], 36);
  EXPECT_GE(otherOutcomes["not_an_eye"], 18);
}

// Black-and-white cat photos: before the gate saw grey training views, 9 of these 19 val eyes were
// taken for "not an eye" (10 went to other_species); the shipped gate sends 15 there.
TEST(ShippedEyeGateTest, BlackAndWhiteCatEyesAreRefusedAsAnotherSpecies) {
  auto classifier = shippedClassifier();
  if (!classifier) GTEST_SKIP() << "no dog model with an eye gate installed";
  int grey = 0, otherSpecies = 0;
  for (const QString& path : valPhotos(QStringLiteral("cat-eye"), 1000)) {
    auto decoded = imaging::decodeImageFile(path.toStdString());
    ASSERT_TRUE(decoded) << path.toStdString();
    cv::Mat small;
    cv::resize(decoded->rgb, small, cv::Size(64, 64), 0, 0, cv::INTER_AREA);
    if (test::meanChannelSpread(small) >= 6) continue;  // in colour
    ++grey;
    auto diagnosis = classifier->diagnose(decoded->rgb);
    ASSERT_TRUE(diagnosis) << diagnosis.message();
    if (diagnosis->abstention &&
        diagnosis->abstention->reason == inference::AbstentionReason::OtherSpecies)
      ++otherSpecies;
  }
  EXPECT_EQ(grey, 19);
  EXPECT_GE(otherSpecies, 14) << "of " << grey;
}

TEST(ShippedEyeGateTest, FindsAnEyePastedIntoALargerPhoto) {
  auto classifier = shippedClassifier();
  if (!classifier) GTEST_SKIP() << "no dog model with an eye gate installed";
  // A real dog eye (val) pasted at a known place into a not-eye photo (val) scaled up.
  auto eye = imaging::decodeImageFile(
      valPhotos(QStringLiteral("dog-eye"), 1, QStringLiteral(",crop,")).value(0).toStdString());
  auto scene =
      imaging::decodeImageFile(valPhotos(QStringLiteral("not-eye"), 1).value(0).toStdString());
  ASSERT_TRUE(eye && scene);
  cv::Mat photo;
  cv::resize(scene->rgb, photo, cv::Size(720, 540));
  const cv::Rect placed(410, 150, 200, 200);
  cv::Mat scaledEye;
  cv::resize(eye->rgb, scaledEye, placed.size());
  scaledEye.copyTo(photo(placed));
  const EyeFinder finder(classifier->network(), *classifier->eyeGate(), classifier->card().input);
  const auto found = finder.find(photo, Species::Dog, 4);
  // Seen empty twice in about 70 runs (once in CI), never reproduced when looked at: say what the
  // scan and the gate saw if it happens again.
  std::string seen;
  if (found.empty()) {
    const auto preprocessed = imaging::preprocess(photo, classifier->card().input, placed);
    const GateScores direct =
        classifier->eyeGate()->score(classifier->network()->features(preprocessed->input));
    seen = "scan windows: " + std::to_string(finder.scan(photo, Species::Dog).size()) +
           ", a second find: " + std::to_string(finder.find(photo, Species::Dog, 4).size()) +
           ", the gate on the placed square: dog " + std::to_string(direct.dogEye) + " cat " +
           std::to_string(direct.catEye) + " not " + std::to_string(direct.notEye);
  }
  ASSERT_FALSE(found.empty()) << seen;
  EXPECT_LE(found.size(), 4u);
  // The hit: IoU >= 0.25 with the true place, among the first two squares.
  double best = 0;
  std::string where;
  for (size_t i = 0; i < found.size() && i < 2; ++i) {
    best = std::max(best, intersectionOverUnion(found[i].square, placed));
    where += std::to_string(found[i].square.x) + "," + std::to_string(found[i].square.y) + " " +
             std::to_string(found[i].square.width) + "; ";
  }
  EXPECT_GE(best, 0.25) << where;
  // The locator's (sure) squares first, in its order, then the others best first; scores within
  // 0.02 count as equal (the larger square first), as the finder ranks them: thread timing moves
  // a saturated score like 0.9999994 to 1.
  for (size_t i = 1; i < found.size(); ++i) {
    if (found[i].how == "locator") {
      EXPECT_EQ(found[i - 1].how, "locator");
    }
    if (found[i - 1].how != "locator") {
      EXPECT_LE(found[i].score, found[i - 1].score + 0.02);
    }
  }
}
