#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "walness/metrics/Metrics.h"

using namespace walness::metrics;

TEST(MetricsTest, RocAucMatchesHandComputedValues) {
  // Pairs (positive, negative) ranked correctly: (0.35>0.1), (0.8>0.1), (0.8>0.4); wrong: 0.35<0.4.
  EXPECT_DOUBLE_EQ(*rocAuc({0.1, 0.4, 0.35, 0.8}, {0, 0, 1, 1}), 0.75);
  EXPECT_DOUBLE_EQ(*rocAuc({0.5, 0.5}, {0, 1}), 0.5);  // a tie counts half
  EXPECT_DOUBLE_EQ(*rocAuc({0.9, 0.1}, {1, 0}), 1.0);
  EXPECT_FALSE(rocAuc({0.1, 0.2}, {1, 1}));
}

TEST(MetricsTest, AveragePrecisionMatchesHandComputedValue) {
  // Ranked: 0.8 (pos, P=1), 0.4 (neg), 0.35 (pos, P=2/3): AP = (1 + 2/3) / 2.
  EXPECT_NEAR(*averagePrecision({0.1, 0.4, 0.35, 0.8}, {0, 0, 1, 1}), 5.0 / 6.0, 1e-12);
  EXPECT_FALSE(averagePrecision({0.3}, {0}));
}

TEST(MetricsTest, YoudenThresholdSeparatesSeparableScores) {
  const std::vector<double> scores{0.1, 0.2, 0.3, 0.7, 0.8, 0.9};
  const std::vector<int> labels{0, 0, 0, 1, 1, 1};
  const auto choice = youdenThreshold(scores, labels);
  ASSERT_TRUE(choice);
  EXPECT_DOUBLE_EQ(choice->threshold, 0.5);  // midway between 0.3 and 0.7
  EXPECT_DOUBLE_EQ(choice->sensitivity, 1.0);
  EXPECT_DOUBLE_EQ(choice->specificity, 1.0);
  const ConfusionCounts counts = confusionAt(scores, labels, 0.75);
  EXPECT_EQ(counts.truePositives, 2);
  EXPECT_EQ(counts.falseNegatives, 1);
  EXPECT_NEAR(counts.f1(), 0.8, 1e-12);
}

TEST(MetricsTest, CalibrationErrorIsZeroWhenProbabilitiesMatchFrequencies) {
  std::vector<double> probabilities(10, 0.9);
  std::vector<int> labels{1, 1, 1, 1, 1, 1, 1, 1, 1, 0};
  EXPECT_NEAR(expectedCalibrationError(probabilities, labels), 0.0, 1e-12);
  // Always 0.9 while only half are positive: off by 0.4.
  labels = {1, 1, 1, 1, 1, 0, 0, 0, 0, 0};
  EXPECT_NEAR(expectedCalibrationError(probabilities, labels), 0.4, 1e-12);
}

TEST(MetricsTest, FitTemperatureRecoversTheTrueTemperature) {
  std::mt19937_64 random(7);
  std::normal_distribution<double> logit(0, 3);
  std::uniform_real_distribution<double> unit(0, 1);
  std::vector<double> logits;
  std::vector<int> labels;
  for (int i = 0; i < 40000; ++i) {
    const double z = logit(random);
    logits.push_back(z);
    labels.push_back(unit(random) < 1 / (1 + std::exp(-z / 2.0)) ? 1 : 0);
  }
  EXPECT_NEAR(fitTemperature(logits, labels), 2.0, 0.1);
}
