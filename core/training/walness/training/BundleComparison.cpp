#include "walness/training/BundleComparison.h"

#include <torch/torch.h>

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QString>

#include <algorithm>
#include <cmath>

#include "walness/bundle/ModelBundle.h"

namespace walness::training {

namespace {

// The photos' labels for `diseases` only, in that order.
LabeledDataset restrictedTo(const LabeledDataset& data, const std::vector<std::string>& diseases) {
  LabeledDataset restricted;
  restricted.species = data.species;
  restricted.source = data.source;
  restricted.diseases = diseases;
  for (const LabeledImage& image : data.images) {
    LabeledImage row = image;
    row.labels.clear();
    row.grades.clear();
    for (const std::string& disease : diseases) {
      const size_t column = size_t(std::find(data.diseases.begin(), data.diseases.end(), disease) -
                                   data.diseases.begin());
      row.labels.push_back(image.labels[column]);
      row.grades.push_back(column < image.grades.size() ? image.grades[column] : std::string());
    }
    restricted.images.push_back(std::move(row));
  }
  return restricted;
}

struct Measured {
  EvaluationReport report;
  torch::Tensor probabilities;  // [photos, diseases], calibrated with the bundle's temperature
};

Result<Measured> measure(const bundle::ModelBundle& bundle, const LabeledDataset& photos,
                         const std::vector<std::string>& diseases, int workers) {
  auto predicted = predict(*bundle.network, photos, bundle.card.input, 32, workers);
  if (!predicted) return Error{predicted.message()};
  std::vector<int64_t> columns;
  std::vector<double> thresholds;
  for (const std::string& disease : diseases)
    for (size_t l = 0; l < bundle.card.labels.size(); ++l)
      if (bundle.card.labels[l].id == disease) {
        columns.push_back(int64_t(l));
        thresholds.push_back(bundle.card.labels[l].threshold);
      }
  const torch::Tensor logits = predicted->logits.index_select(1, torch::tensor(columns));
  Measured measured;
  measured.probabilities = torch::sigmoid(logits / bundle.card.temperature);
  measured.report = evaluateProbabilities(photos, measured.probabilities, thresholds);
  return measured;
}

std::string signedNumber(double value) {
  return (value >= 0 ? "+" : "") + QString::number(value, 'f', 4).toStdString();
}

}  // namespace

Result<BundleComparison> compareBundles(const std::string& candidateDirectory,
                                        const std::string& baselineDirectory,
                                        const LabeledDataset& photos, int workers,
                                        const BootstrapSettings& bootstrap) {
  auto candidate = bundle::loadModelBundle(candidateDirectory);
  if (!candidate) return Error{candidate.message()};
  auto baseline = bundle::loadModelBundle(baselineDirectory);
  if (!baseline) return Error{baseline.message()};
  BundleComparison comparison;
  for (const std::string& disease : photos.diseases) {
    const auto checks = [&](const bundle::ModelBundle& b) {
      return std::any_of(b.card.labels.begin(), b.card.labels.end(),
                         [&](const bundle::LabelSpec& l) { return l.id == disease; });
    };
    if (checks(*candidate) && checks(*baseline)) comparison.diseases.push_back(disease);
  }
  if (comparison.diseases.empty())
    return Error{"the two models and the photos have no disease in common"};
  const LabeledDataset restricted = restrictedTo(photos, comparison.diseases);
  auto candidateMeasured = measure(*candidate, restricted, comparison.diseases, workers);
  if (!candidateMeasured) return Error{candidateMeasured.message()};
  auto baselineMeasured = measure(*baseline, restricted, comparison.diseases, workers);
  if (!baselineMeasured) return Error{baselineMeasured.message()};
  comparison.candidate = std::move(candidateMeasured->report);
  comparison.baseline = std::move(baselineMeasured->report);
  comparison.candidateIntervals =
      bootstrapAucs(restricted, candidateMeasured->probabilities, bootstrap);
  comparison.baselineIntervals =
      bootstrapAucs(restricted, baselineMeasured->probabilities, bootstrap);
  comparison.difference = pairedMacroAucDifference(restricted, candidateMeasured->probabilities,
                                                   baselineMeasured->probabilities, bootstrap);
  const auto text = [](const std::optional<double>& auc) {
    return auc ? QString::number(*auc, 'f', 3).toStdString() : std::string("n/a");
  };
  comparison.candidateBetter = comparison.candidate.macroAuc && comparison.baseline.macroAuc &&
                               *comparison.candidate.macroAuc > *comparison.baseline.macroAuc;
  comparison.summary = "on " + std::to_string(photos.images.size()) + " held-back photos: new " +
                       candidate->card.version + " macro AUC " +
                       text(comparison.candidate.macroAuc) + ", " + baseline->card.id + " " +
                       baseline->card.version + " " + text(comparison.baseline.macroAuc) +
                       (comparison.candidateBetter ? " (the new model is better)"
                                                   : " (the new model is not better)");
  if (comparison.difference)
    comparison.summary += "; difference " + signedNumber(comparison.difference->estimate) + ", " +
                          std::to_string(int(std::lround(bootstrap.level * 100))) +
                          "% paired-bootstrap interval " +
                          signedNumber(comparison.difference->low) + " to " +
                          signedNumber(comparison.difference->high);
  return comparison;
}

Status annotateWarmStartCard(const std::string& bundleDirectory, const std::string& labelsCsv,
                             const BundleComparison* comparison, const std::string& initDirectory) {
  QFile cardFile(QString::fromStdString(bundleDirectory) + QStringLiteral("/model.json"));
  if (!cardFile.open(QIODevice::ReadOnly)) return Error{"cannot read the new bundle's card"};
  auto card = bundle::parseModelCard(cardFile.readAll(), cardFile.fileName().toStdString());
  cardFile.close();
  if (!card) return Error{card.message()};
  QFile about(QFileInfo(QString::fromStdString(labelsCsv)).absolutePath() +
              QStringLiteral("/export.json"));
  if (!labelsCsv.empty() && about.open(QIODevice::ReadOnly)) {
    const QJsonObject exported = QJsonDocument::fromJson(about.readAll()).object();
    if (exported.contains(QStringLiteral("origin")))
      card->provenance[QStringLiteral("data_origin")] = exported.value(QStringLiteral("origin"));
  }
  if (comparison)
    card->metrics[QStringLiteral("compared_with_init")] =
        QJsonObject{{QStringLiteral("baseline"), QString::fromStdString(initDirectory)},
                    {QStringLiteral("summary"), QString::fromStdString(comparison->summary)},
                    {QStringLiteral("better"), comparison->candidateBetter},
                    {QStringLiteral("new"), comparison->candidate.toJson()},
                    {QStringLiteral("old"), comparison->baseline.toJson()}};
  QSaveFile out(cardFile.fileName());
  const QByteArray bytes = bundle::serializeModelCard(*card);
  if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit())
    return Error{"cannot write the new bundle's card"};
  return Ok{};
}

}  // namespace walness::training
