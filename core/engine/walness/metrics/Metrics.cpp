#include "walness/metrics/Metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace walness::metrics {

namespace {

// Indices ordered by descending score.
std::vector<size_t> byDescendingScore(const std::vector<double>& scores) {
  std::vector<size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return scores[a] > scores[b]; });
  return order;
}

double ratio(double numerator, double denominator) {
  return denominator > 0 ? numerator / denominator : 0.0;
}

double logSigmoid(double x) {
  return x >= 0 ? -std::log1p(std::exp(-x)) : x - std::log1p(std::exp(x));
}

}  // namespace

std::optional<double> rocAuc(const std::vector<double>& scores, const std::vector<int>& labels) {
  // Mann-Whitney U with average ranks for ties.
  const size_t n = scores.size();
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return scores[a] < scores[b]; });
  double positiveRankSum = 0;
  double positives = 0;
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j < n && scores[order[j]] == scores[order[i]]) ++j;
    const double averageRank = (double(i) + double(j - 1)) / 2.0 + 1.0;
    for (size_t k = i; k < j; ++k)
      if (labels[order[k]] == 1) {
        positiveRankSum += averageRank;
        positives += 1;
      }
    i = j;
  }
  const double negatives = double(n) - positives;
  if (positives == 0 || negatives == 0) return std::nullopt;
  return (positiveRankSum - positives * (positives + 1) / 2.0) / (positives * negatives);
}

std::optional<double> averagePrecision(const std::vector<double>& scores,
                                       const std::vector<int>& labels) {
  const double positives = double(std::count(labels.begin(), labels.end(), 1));
  if (positives == 0) return std::nullopt;
  const std::vector<size_t> order = byDescendingScore(scores);
  double truePositives = 0, seen = 0, sum = 0, previousRecall = 0;
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j < order.size() && scores[order[j]] == scores[order[i]]) {
      truePositives += labels[order[j]] == 1;
      seen += 1;
      ++j;
    }
    const double recall = truePositives / positives;
    sum += (recall - previousRecall) * (truePositives / seen);
    previousRecall = recall;
    i = j;
  }
  return sum;
}

std::vector<RocPoint> rocCurve(const std::vector<double>& scores, const std::vector<int>& labels) {
  const double positives = double(std::count(labels.begin(), labels.end(), 1));
  const double negatives = double(labels.size()) - positives;
  const std::vector<size_t> order = byDescendingScore(scores);
  std::vector<RocPoint> curve{{std::numeric_limits<double>::infinity(), 0, 0}};
  double truePositives = 0, falsePositives = 0;
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j < order.size() && scores[order[j]] == scores[order[i]]) {
      (labels[order[j]] == 1 ? truePositives : falsePositives) += 1;
      ++j;
    }
    curve.push_back(
        {scores[order[i]], ratio(falsePositives, negatives), ratio(truePositives, positives)});
    i = j;
  }
  return curve;
}

std::optional<ThresholdChoice> youdenThreshold(const std::vector<double>& scores,
                                               const std::vector<int>& labels) {
  const std::vector<RocPoint> curve = rocCurve(scores, labels);
  const double positives = double(std::count(labels.begin(), labels.end(), 1));
  if (positives == 0 || positives == double(labels.size())) return std::nullopt;
  size_t best = 1;
  for (size_t i = 1; i < curve.size(); ++i) {
    const double j = curve[i].truePositiveRate - curve[i].falsePositiveRate;
    if (j > curve[best].truePositiveRate - curve[best].falsePositiveRate) best = i;
  }
  ThresholdChoice choice;
  // Midway to the next lower score, so unseen scores between the two fall on the negative side
  // only when they are closer to the negatives.
  choice.threshold = best + 1 < curve.size()
                         ? (curve[best].threshold + curve[best + 1].threshold) / 2.0
                         : curve[best].threshold;
  const ConfusionCounts counts = confusionAt(scores, labels, choice.threshold);
  choice.sensitivity = counts.sensitivity();
  choice.specificity = counts.specificity();
  return choice;
}

double ConfusionCounts::sensitivity() const {
  return ratio(truePositives, truePositives + falseNegatives);
}
double ConfusionCounts::specificity() const {
  return ratio(trueNegatives, trueNegatives + falsePositives);
}
double ConfusionCounts::precision() const {
  return ratio(truePositives, truePositives + falsePositives);
}
double ConfusionCounts::f1() const {
  return ratio(2.0 * truePositives, 2.0 * truePositives + falsePositives + falseNegatives);
}

ConfusionCounts confusionAt(const std::vector<double>& scores, const std::vector<int>& labels,
                            double threshold) {
  ConfusionCounts counts;
  for (size_t i = 0; i < scores.size(); ++i) {
    const bool predicted = scores[i] >= threshold;
    if (labels[i] == 1)
      (predicted ? counts.truePositives : counts.falseNegatives)++;
    else
      (predicted ? counts.falsePositives : counts.trueNegatives)++;
  }
  return counts;
}

std::vector<ReliabilityBin> reliabilityBins(const std::vector<double>& probabilities,
                                            const std::vector<int>& labels, int bins) {
  std::vector<ReliabilityBin> result(size_t(std::max(1, bins)));
  for (size_t i = 0; i < probabilities.size(); ++i) {
    const double p = std::clamp(probabilities[i], 0.0, 1.0);
    const size_t bin = std::min(result.size() - 1, size_t(p * double(result.size())));
    result[bin].meanProbability += p;
    result[bin].positiveShare += labels[i] == 1;
    result[bin].count += 1;
  }
  for (ReliabilityBin& bin : result) {
    bin.meanProbability = ratio(bin.meanProbability, bin.count);
    bin.positiveShare = ratio(bin.positiveShare, bin.count);
  }
  return result;
}

double expectedCalibrationError(const std::vector<double>& probabilities,
                                const std::vector<int>& labels, int bins) {
  if (probabilities.empty()) return 0;
  double error = 0;
  for (const ReliabilityBin& bin : reliabilityBins(probabilities, labels, bins))
    error += double(bin.count) / double(probabilities.size()) *
             std::abs(bin.meanProbability - bin.positiveShare);
  return error;
}

double fitTemperature(const std::vector<double>& logits, const std::vector<int>& labels) {
  if (logits.empty()) return 1.0;
  const auto loss = [&](double logTemperature) {
    const double temperature = std::exp(logTemperature);
    double sum = 0;
    for (size_t i = 0; i < logits.size(); ++i) {
      const double z = logits[i] / temperature;
      sum -= labels[i] == 1 ? logSigmoid(z) : logSigmoid(-z);
    }
    return sum / double(logits.size());
  };
  double low = std::log(0.05), high = std::log(20.0);
  const double golden = (std::sqrt(5.0) - 1) / 2;
  double a = high - golden * (high - low), b = low + golden * (high - low);
  double lossA = loss(a), lossB = loss(b);
  for (int i = 0; i < 80; ++i) {
    if (lossA < lossB) {
      high = b;
      b = a;
      lossB = lossA;
      a = high - golden * (high - low);
      lossA = loss(a);
    } else {
      low = a;
      a = b;
      lossA = lossB;
      b = low + golden * (high - low);
      lossB = loss(b);
    }
  }
  return std::exp((low + high) / 2);
}

}  // namespace walness::metrics
