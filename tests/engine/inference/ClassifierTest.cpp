#include <gtest/gtest.h>

#include <torch/torch.h>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <QTemporaryDir>

#include <cmath>

#include "TestBundles.h"
#include "walness/cam/CamMethod.h"
#include "walness/imaging/Preprocess.h"
#include "walness/inference/Classifier.h"

using walness::inference::Classifier;

namespace {

cv::Mat eyeLikePhoto(int width = 400, int height = 300) {
  cv::Mat photo(height, width, CV_8UC3);
  cv::RNG rng(5);
  rng.fill(photo, cv::RNG::UNIFORM, cv::Scalar::all(60), cv::Scalar::all(200));
  cv::circle(photo, {width / 2, height / 2}, height / 4, cv::Scalar(40, 90, 150), cv::FILLED);
  cv::GaussianBlur(photo, photo, cv::Size(3, 3), 0.7);
  return photo;
}

std::unique_ptr<Classifier> loadTestClassifier(
    const QTemporaryDir& dir, walness::bundle::ModelCard card = walness::test::testCard()) {
  auto classifier = Classifier::load(walness::test::writeTestBundle(dir.path(), card));
  EXPECT_TRUE(classifier.ok()) << classifier.message();
  return classifier.ok() ? std::move(classifier.value()) : nullptr;
}

}  // namespace

TEST(ClassifierTest, FindingsAreCalibratedThresholdedAndOrdered) {
  QTemporaryDir dir;
  auto classifier = loadTestClassifier(dir);
  ASSERT_NE(classifier, nullptr);
  auto diagnosis = classifier->diagnose(eyeLikePhoto());
  ASSERT_TRUE(diagnosis.ok()) << diagnosis.message();
  EXPECT_FALSE(diagnosis->abstention.has_value());
  ASSERT_EQ(diagnosis->findings.size(), 3u);
  for (size_t i = 0; i < diagnosis->findings.size(); ++i) {
    const auto& finding = diagnosis->findings[i];
    EXPECT_NEAR(finding.probability, 1.0 / (1.0 + std::exp(-finding.logit / 1.5)), 1e-6);
    EXPECT_EQ(finding.positive, finding.probability >= finding.threshold);
    if (i > 0) {
      EXPECT_GE(diagnosis->findings[i - 1].probability, finding.probability);
    }
    EXPECT_NE(finding.disease, "healthy");
  }
  EXPECT_EQ(diagnosis->modelId, "test-untrained");
}

TEST(ClassifierTest, ExplainGivesTheSameFindingsAndAHeatmapOnThePhoto) {
  QTemporaryDir dir;
  auto classifier = loadTestClassifier(dir);
  ASSERT_NE(classifier, nullptr);
  const cv::Mat photo = eyeLikePhoto(500, 320);
  const cv::Rect region(100, 40, 260, 240);
  auto plain = classifier->diagnose(photo, region);
  auto explained = classifier->explain(photo, region, walness::cam::GradCam());
  ASSERT_TRUE(plain.ok() && explained.ok());
  ASSERT_EQ(plain->findings.size(), explained->diagnosis.findings.size());
  for (size_t i = 0; i < plain->findings.size(); ++i)
    EXPECT_NEAR(plain->findings[i].probability, explained->diagnosis.findings[i].probability, 1e-5);

  ASSERT_EQ(explained->heatmaps.size(), 1u);
  const auto& [disease, heatmap] = *explained->heatmaps.begin();
  EXPECT_EQ(disease, explained->diagnosis.top()->disease);
  EXPECT_EQ(explained->region, region);
  EXPECT_EQ(heatmap.size(), region.size()) << "over the region only, not the whole photo";
  double low = 0, high = 0;
  cv::minMaxLoc(heatmap, &low, &high);
  EXPECT_GE(low, 0.0);
  EXPECT_LE(high, 1.0 + 1e-6);

  auto all = classifier->explain(photo, region, walness::cam::LayerCam(), {"*"});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->heatmaps.size(), 3u);
  auto unknown = classifier->explain(photo, region, walness::cam::LayerCam(), {"entropion"});
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.message().find("entropion"), std::string::npos);
}

TEST(ClassifierTest, AbstainsOnUnfitPhotos) {
  QTemporaryDir dir;
  auto classifier = loadTestClassifier(dir);
  ASSERT_NE(classifier, nullptr);
  auto dark = classifier->diagnose(cv::Mat(300, 300, CV_8UC3, cv::Scalar::all(3)));
  ASSERT_TRUE(dark.ok());
  ASSERT_TRUE(dark->abstention.has_value());
  EXPECT_EQ(dark->abstention->reason, walness::inference::AbstentionReason::Quality);
  EXPECT_TRUE(dark->findings.empty());
}

// A square around an eye too small to screen: refused as such, with the size measured, before
// any other check (the gate and the light checks mean little on a blurred enlargement).
TEST(ClassifierTest, RefusesAnEyeTooSmallWithItsSize) {
  QTemporaryDir dir;
  auto classifier = loadTestClassifier(dir);
  ASSERT_NE(classifier, nullptr);
  cv::Mat photo(600, 800, CV_8UC3);
  cv::randu(photo, cv::Scalar::all(40), cv::Scalar::all(220));
  const double needed = walness::imaging::QualityThresholds{}.regionSevere;
  const int side = int(needed) - 10;
  auto small = classifier->diagnose(photo, cv::Rect(300, 200, side, side));
  ASSERT_TRUE(small.ok()) << small.message();
  ASSERT_TRUE(small->abstention.has_value());
  EXPECT_EQ(small->abstention->reason, walness::inference::AbstentionReason::EyeTooSmall);
  EXPECT_EQ(small->abstention->eyePixels, side);
  EXPECT_EQ(small->abstention->neededPixels, needed);
  EXPECT_NE(small->abstention->message.find(std::to_string(side) + " pixels"), std::string::npos)
      << small->abstention->message;
  EXPECT_TRUE(small->findings.empty());
  auto large = classifier->diagnose(photo, cv::Rect(300, 200, int(needed), int(needed)));
  ASSERT_TRUE(large.ok());
  EXPECT_FALSE(large->abstention &&
               large->abstention->reason == walness::inference::AbstentionReason::EyeTooSmall);
}

TEST(ClassifierTest, AbstainsOutOfDistribution) {
  // Statistics from a family of similar photos: those are in distribution, stripes are not.
  auto network = walness::test::pretrainedTestNetwork(3);
  // Feature statistics of a family of similar photos.
  std::vector<torch::Tensor> pooled;
  for (int seed = 0; seed < 8; ++seed) {
    cv::Mat photo = eyeLikePhoto();
    photo += cv::Scalar::all(seed * 3);
    auto input = walness::imaging::preprocess(photo, walness::test::testCard().input);
    torch::NoGradGuard noGrad;
    pooled.push_back(network->features(input->input).mean({2, 3}).squeeze(0));
  }
  const torch::Tensor stacked = torch::stack(pooled);
  const torch::Tensor mean = stacked.mean(0);
  const torch::Tensor std = stacked.std(0) + 0.01;
  auto card = walness::test::testCard();
  card.ood = walness::bundle::OodStatistics{
      std::vector<float>(mean.data_ptr<float>(), mean.data_ptr<float>() + mean.numel()),
      std::vector<float>(std.data_ptr<float>(), std.data_ptr<float>() + std.numel()), 4.0,
      "test statistics"};
  QTemporaryDir dir;
  auto loaded = Classifier::load(walness::test::writePretrainedTestBundle(dir.path(), card));
  ASSERT_TRUE(loaded.ok()) << loaded.message();
  auto& classifier = loaded.value();

  auto familiar = classifier->diagnose(eyeLikePhoto());
  ASSERT_TRUE(familiar.ok());
  EXPECT_FALSE(familiar->abstention.has_value()) << familiar->abstention->message;
  EXPECT_LT(familiar->oodScore, 4.0);

  cv::Mat stripes(300, 400, CV_8UC3);
  for (int y = 0; y < stripes.rows; ++y)
    stripes.row(y).setTo(y % 20 < 10 ? cv::Scalar(250, 20, 20) : cv::Scalar(20, 250, 240));
  auto strange = classifier->diagnose(stripes);
  ASSERT_TRUE(strange.ok());
  ASSERT_TRUE(strange->abstention.has_value())
      << "score " << strange->oodScore << " vs familiar " << familiar->oodScore;
  EXPECT_EQ(strange->abstention->reason, walness::inference::AbstentionReason::OutOfDistribution);
  EXPECT_TRUE(strange->findings.empty());
}
