#include "walness/training/Evaluation.h"

#include <torch/torch.h>

#include <QJsonValue>

#include <numeric>

#include "walness/metrics/Metrics.h"
#include "walness/training/data/BatchLoader.h"

namespace walness::training {

Result<Predictions> predict(nn::FeatureClassifier& network, const LabeledDataset& dataset,
                            const imaging::InputSpec& spec, int batchSize, int workers,
                            const PredictionProgress& progress, bool averageFlip) {
  network.eval();
  network.prepareForInference();
  torch::InferenceMode inference;
  std::vector<size_t> order(dataset.images.size());
  std::iota(order.begin(), order.end(), 0);
  BatchLoader loader(dataset, order, batchSize, spec, std::nullopt, 0, workers);
  std::vector<torch::Tensor> logits, pooled;
  size_t done = 0;
  while (auto batch = loader.next()) {
    if (!*batch) return Error{batch->message()};
    const torch::Tensor features = network.features((*batch)->inputs);
    torch::Tensor batchLogits = network.head(features);
    if (averageFlip)
      batchLogits = (batchLogits + network.head(network.features((*batch)->inputs.flip({3})))) / 2;
    logits.push_back(batchLogits);
    pooled.push_back(features.mean({2, 3}));
    done += (*batch)->indices.size();
    if (progress && !progress(done, order.size())) return Error{"cancelled"};
  }
  if (logits.empty()) return Error{"no images to predict"};
  return Predictions{torch::cat(logits), torch::cat(pooled)};
}

void knownCells(const LabeledDataset& dataset, const at::Tensor& scores, size_t label,
                std::vector<double>& values, std::vector<int>& truth) {
  values.clear();
  truth.clear();
  const torch::Tensor column = scores.select(1, int64_t(label)).to(torch::kDouble).contiguous();
  const double* data = column.data_ptr<double>();
  for (size_t i = 0; i < dataset.images.size(); ++i) {
    const float value = dataset.images[i].labels[label];
    if (!LabeledImage::known(value)) continue;
    values.push_back(data[i]);
    truth.push_back(value == 1.0f ? 1 : 0);
  }
}

EvaluationReport evaluateProbabilities(const LabeledDataset& dataset,
                                       const at::Tensor& probabilities,
                                       const std::vector<double>& thresholds) {
  EvaluationReport report;
  report.labels = dataset.diseases;
  std::vector<double> allValues;
  std::vector<int> allTruth;
  double aucSum = 0;
  int aucCount = 0;
  for (size_t label = 0; label < dataset.diseases.size(); ++label) {
    std::vector<double> values;
    std::vector<int> truth;
    knownCells(dataset, probabilities, label, values, truth);
    LabelMetrics metrics;
    metrics.threshold = label < thresholds.size() ? thresholds[label] : 0.5;
    metrics.auc = metrics::rocAuc(values, truth);
    metrics.prAuc = metrics::averagePrecision(values, truth);
    const metrics::ConfusionCounts counts = metrics::confusionAt(values, truth, metrics.threshold);
    metrics.sensitivity = counts.sensitivity();
    metrics.specificity = counts.specificity();
    metrics.f1 = counts.f1();
    metrics.positives = int(std::count(truth.begin(), truth.end(), 1));
    metrics.n = int(truth.size());
    if (metrics.auc) {
      aucSum += *metrics.auc;
      ++aucCount;
    }
    report.perLabel[dataset.diseases[label]] = metrics;
    allValues.insert(allValues.end(), values.begin(), values.end());
    allTruth.insert(allTruth.end(), truth.begin(), truth.end());
  }
  if (aucCount > 0) report.macroAuc = aucSum / aucCount;
  report.ece = metrics::expectedCalibrationError(allValues, allTruth);
  return report;
}

QJsonObject EvaluationReport::toJson() const {
  const auto optional = [](const std::optional<double>& value) {
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
  };
  QJsonObject labelsJson;
  for (const std::string& label : labels) {
    const LabelMetrics& m = perLabel.at(label);
    labelsJson[QString::fromStdString(label)] = QJsonObject{
        {QStringLiteral("auc"), optional(m.auc)},
        {QStringLiteral("pr_auc"), optional(m.prAuc)},
        {QStringLiteral("sensitivity"), m.sensitivity},
        {QStringLiteral("specificity"), m.specificity},
        {QStringLiteral("f1"), m.f1},
        {QStringLiteral("threshold"), m.threshold},
        {QStringLiteral("positives"), m.positives},
        {QStringLiteral("n"), m.n},
    };
  }
  return QJsonObject{{QStringLiteral("macro_auc"), optional(macroAuc)},
                     {QStringLiteral("ece"), ece},
                     {QStringLiteral("per_label"), labelsJson}};
}

}  // namespace walness::training
