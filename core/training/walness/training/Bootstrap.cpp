#include "walness/training/Bootstrap.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "walness/metrics/Metrics.h"

namespace walness::training {

namespace {

// One label's known cells: the row each came from, its truth and every model's score.
struct LabelCells {
  std::vector<size_t> rows;
  std::vector<int> truth;
  std::vector<std::vector<double>> scores;  // [model][cell]
};

std::vector<LabelCells> knownCellsOf(const LabeledDataset& dataset,
                                     const std::vector<at::Tensor>& models) {
  // Named tensors: the contiguous copies outlive the reads through their data pointers.
  std::vector<torch::Tensor> scores;
  std::vector<const double*> values;
  for (const at::Tensor& model : models) {
    scores.push_back(model.to(torch::kDouble).contiguous());
    values.push_back(scores.back().data_ptr<double>());
  }
  const size_t columns = dataset.diseases.size();
  std::vector<LabelCells> labels(dataset.diseases.size());
  for (size_t label = 0; label < labels.size(); ++label) {
    LabelCells& cells = labels[label];
    cells.scores.resize(models.size());
    for (size_t row = 0; row < dataset.images.size(); ++row) {
      const float value = dataset.images[row].labels[label];
      if (!LabeledImage::known(value)) continue;
      cells.rows.push_back(row);
      cells.truth.push_back(value == 1.0f ? 1 : 0);
      for (size_t m = 0; m < models.size(); ++m)
        cells.scores[m].push_back(values[m][row * columns + label]);
    }
  }
  return labels;
}

// Each model's AUC for one label on a resample given as how often each row was drawn.
std::vector<std::optional<double>> resampledAucs(const LabelCells& cells,
                                                 const std::vector<int>& draws) {
  std::vector<int> truth;
  std::vector<std::vector<double>> scores(cells.scores.size());
  for (size_t cell = 0; cell < cells.rows.size(); ++cell)
    for (int k = 0; k < draws[cells.rows[cell]]; ++k) {
      truth.push_back(cells.truth[cell]);
      for (size_t m = 0; m < scores.size(); ++m) scores[m].push_back(cells.scores[m][cell]);
    }
  std::vector<std::optional<double>> aucs;
  for (const std::vector<double>& modelScores : scores)
    aucs.push_back(metrics::rocAuc(modelScores, truth));
  return aucs;
}

BootstrapInterval percentiles(double estimate, std::vector<double> values, double level) {
  BootstrapInterval interval{estimate, estimate, estimate};
  if (values.empty()) return interval;
  std::sort(values.begin(), values.end());
  const double tail = (1 - level) / 2;
  const auto at = [&](double share) {
    return values[size_t(std::lround(share * double(values.size() - 1)))];
  };
  interval.low = at(tail);
  interval.high = at(1 - tail);
  return interval;
}

// Runs `observe(aucs per label per model)` on the photos as they are (first) and on each resample.
template <typename Observe>
void resample(const LabeledDataset& dataset, const std::vector<LabelCells>& labels,
              const BootstrapSettings& settings, Observe observe) {
  const size_t rows = dataset.images.size();
  std::vector<int> draws(rows, 1);
  const auto aucsOf = [&] {
    std::vector<std::vector<std::optional<double>>> aucs;
    for (const LabelCells& cells : labels) aucs.push_back(resampledAucs(cells, draws));
    return aucs;
  };
  observe(aucsOf(), true);
  std::mt19937_64 generator(settings.seed);
  for (int r = 0; r < settings.resamples && rows > 0; ++r) {
    std::fill(draws.begin(), draws.end(), 0);
    for (size_t k = 0; k < rows; ++k) ++draws[size_t(generator() % rows)];
    observe(aucsOf(), false);
  }
}

// The mean AUC of model `m` over `labels` (every one must have an AUC), nullopt otherwise.
std::optional<double> macroOver(const std::vector<std::vector<std::optional<double>>>& aucs,
                                const std::vector<size_t>& labels, size_t m) {
  if (labels.empty()) return std::nullopt;
  double sum = 0;
  for (size_t label : labels) {
    if (!aucs[label][m]) return std::nullopt;
    sum += *aucs[label][m];
  }
  return sum / double(labels.size());
}

}  // namespace

AucIntervals bootstrapAucs(const LabeledDataset& dataset, const at::Tensor& scores,
                           const BootstrapSettings& settings) {
  const std::vector<LabelCells> labels = knownCellsOf(dataset, {scores});
  std::vector<std::optional<double>> estimates(labels.size());
  std::vector<std::vector<double>> perLabel(labels.size());
  std::optional<double> macroEstimate;
  std::vector<double> macro;
  std::vector<size_t> withBothClasses;
  resample(dataset, labels, settings, [&](const auto& aucs, bool original) {
    if (original) {
      for (size_t label = 0; label < labels.size(); ++label) {
        estimates[label] = aucs[label][0];
        if (estimates[label]) withBothClasses.push_back(label);
      }
      macroEstimate = macroOver(aucs, withBothClasses, 0);
      return;
    }
    for (size_t label : withBothClasses)
      if (aucs[label][0]) perLabel[label].push_back(*aucs[label][0]);
    // A resample that lost a label's only positives has no macro AUC over the same labels.
    if (const auto value = macroOver(aucs, withBothClasses, 0)) macro.push_back(*value);
  });
  AucIntervals intervals;
  if (macroEstimate) intervals.macro = percentiles(*macroEstimate, macro, settings.level);
  for (size_t label : withBothClasses)
    intervals.perLabel[dataset.diseases[label]] =
        percentiles(*estimates[label], perLabel[label], settings.level);
  return intervals;
}

std::optional<BootstrapInterval> pairedMacroAucDifference(const LabeledDataset& dataset,
                                                          const at::Tensor& candidateScores,
                                                          const at::Tensor& baselineScores,
                                                          const BootstrapSettings& settings) {
  const std::vector<LabelCells> labels = knownCellsOf(dataset, {candidateScores, baselineScores});
  std::optional<double> estimate;
  std::vector<double> differences;
  std::vector<size_t> withBothClasses;
  resample(dataset, labels, settings, [&](const auto& aucs, bool original) {
    if (original)
      for (size_t label = 0; label < labels.size(); ++label)
        if (aucs[label][0] && aucs[label][1]) withBothClasses.push_back(label);
    const auto candidate = macroOver(aucs, withBothClasses, 0);
    const auto baseline = macroOver(aucs, withBothClasses, 1);
    if (!candidate || !baseline) return;
    if (original)
      estimate = *candidate - *baseline;
    else
      differences.push_back(*candidate - *baseline);
  });
  if (!estimate) return std::nullopt;
  return percentiles(*estimate, differences, settings.level);
}

}  // namespace walness::training
