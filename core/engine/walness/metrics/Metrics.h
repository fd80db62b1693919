#pragma once

#include <optional>
#include <vector>

namespace walness::metrics {

// Binary-classification metrics over (score, label) pairs with label 0 or 1. Pure functions on
// plain vectors, so they are easy to test against hand-computed values.

// Area under the ROC curve (ties count half); nullopt when only one class is present.
std::optional<double> rocAuc(const std::vector<double>& scores, const std::vector<int>& labels);

// Area under the precision-recall curve as average precision (sum of precision at each positive,
// ties grouped); nullopt without positives.
std::optional<double> averagePrecision(const std::vector<double>& scores,
                                       const std::vector<int>& labels);

struct RocPoint {
  double threshold;
  double falsePositiveRate;
  double truePositiveRate;
};
// The ROC curve from (0, 0) to (1, 1), one point per distinct score.
std::vector<RocPoint> rocCurve(const std::vector<double>& scores, const std::vector<int>& labels);

struct ThresholdChoice {
  double threshold = 0.5;
  double sensitivity = 0;
  double specificity = 0;
};
// The threshold maximising Youden's J = sensitivity + specificity - 1 (positive when score >=
// threshold), placed midway between neighbouring scores so it generalises.
std::optional<ThresholdChoice> youdenThreshold(const std::vector<double>& scores,
                                               const std::vector<int>& labels);

struct ConfusionCounts {
  int truePositives = 0, falsePositives = 0, trueNegatives = 0, falseNegatives = 0;
  double sensitivity() const;
  double specificity() const;
  double precision() const;
  double f1() const;
};
ConfusionCounts confusionAt(const std::vector<double>& scores, const std::vector<int>& labels,
                            double threshold);

// Expected calibration error with `bins` equal-width probability bins: sum over bins of
// (share of samples) * |mean probability - share positive|.
double expectedCalibrationError(const std::vector<double>& probabilities,
                                const std::vector<int>& labels, int bins = 15);

struct ReliabilityBin {
  double meanProbability = 0;
  double positiveShare = 0;
  int count = 0;
};
std::vector<ReliabilityBin> reliabilityBins(const std::vector<double>& probabilities,
                                            const std::vector<int>& labels, int bins = 15);

// The temperature T > 0 minimising the mean binary cross-entropy of sigmoid(logit / T) (golden
// section search on log T in [0.05, 20]).
double fitTemperature(const std::vector<double>& logits, const std::vector<int>& labels);

}  // namespace walness::metrics
