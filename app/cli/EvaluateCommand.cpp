#include "EvaluateCommand.h"

#include <torch/torch.h>

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <limits>

#include "CliCommon.h"
#include "walness/bundle/ModelBundle.h"
#include "walness/gate/EyeGate.h"
#include "walness/training/Bootstrap.h"
#include "walness/training/BundleComparison.h"
#include "walness/training/Evaluation.h"
#include "walness/training/MetricPlots.h"
#include "walness/training/data/LabeledDataset.h"
#include "walness/training/gate/EyeSizeStudy.h"

namespace walness::cli {

namespace {

QString number(const std::optional<double>& value) {
  return value ? QString::number(*value, 'f', 4) : QStringLiteral("n/a");
}

QString interval(const training::BootstrapInterval& value) {
  return QStringLiteral("%1 to %2").arg(value.low, 0, 'f', 4).arg(value.high, 0, 'f', 4);
}

QJsonArray intervalJson(const training::BootstrapInterval& value) {
  return QJsonArray{value.low, value.high};
}

// The report's JSON with each AUC's bootstrap interval beside it ("macro_auc_interval",
// per label "auc_interval": [low, high]).
QJsonObject reportJson(const training::EvaluationReport& report,
                       const training::AucIntervals& intervals) {
  QJsonObject result = report.toJson();
  if (intervals.macro)
    result[QStringLiteral("macro_auc_interval")] = intervalJson(*intervals.macro);
  QJsonObject perLabel = result[QStringLiteral("per_label")].toObject();
  for (const auto& [label, labelInterval] : intervals.perLabel) {
    const QString key = QString::fromStdString(label);
    QJsonObject one = perLabel[key].toObject();
    one[QStringLiteral("auc_interval")] = intervalJson(labelInterval);
    perLabel[key] = one;
  }
  result[QStringLiteral("per_label")] = perLabel;
  return result;
}

// The small-eye study: the data's photos shrunk to each eye size, as a table or JSON.
int runEyeSizeStudy(bundle::ModelBundle& bundle, const std::string& bundleDirectory,
                    const training::LabeledDataset& dataset, const QString& sideList, bool asJson) {
  std::vector<int> sides;
  for (const QString& part : sideList.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
    bool ok = false;
    const int side = part.trimmed().toInt(&ok);
    if (!ok || side < 8 || side > 4096) {
      err() << "walness-cli evaluate: --eye-sides takes sizes in pixels from 8 to 4096 (\"" << part
            << "\" is not one)\n";
      return kExitUsage;
    }
    sides.push_back(side);
  }
  if (sides.empty()) {
    err() << "walness-cli evaluate: --eye-sides needs at least one size\n";
    return kExitUsage;
  }
  sides.insert(sides.begin(), 0);  // the photos as they are, for comparison
  auto gate = gate::loadEyeGate(bundleDirectory, bundle.card.weightsSha256);
  if (!gate) {
    err() << "walness-cli evaluate: " << QString::fromStdString(gate.message()) << "\n";
    return kExitModel;
  }
  const gate::EyeGate* loadedGate = gate->has_value() ? &gate->value() : nullptr;
  auto rows = gate::studyEyeSizes(*bundle.network, bundle.card, loadedGate, dataset, sides,
                                  [](size_t done, size_t all) {
                                    if (done % 200 == 0 || done == all)
                                      err() << "\r" << done << "/" << all << " photos";
                                  });
  err() << "\n";
  if (!rows) {
    err() << "walness-cli evaluate: " << QString::fromStdString(rows.message()) << "\n";
    return kExitBadInput;
  }
  if (asJson) {
    QJsonArray all;
    for (const gate::EyeSizeRow& row : rows.value()) all.append(row.toJson());
    out() << QJsonDocument(QJsonObject{{QStringLiteral("eye_sizes"), all}})
                 .toJson(QJsonDocument::Compact)
          << "\n";
    return kExitOk;
  }
  out() << "eye region (shorter side, px)  macro AUC   ECE    gate screens  not an eye  other "
           "species  quality refuses\n";
  for (const gate::EyeSizeRow& row : rows.value()) {
    const auto percent = [&](int64_t part) {
      return QStringLiteral("%1%").arg(
          100.0 * double(part) / double(std::max<int64_t>(1, row.photos)), 5, 'f', 1);
    };
    out() << QStringLiteral("%1  %2  %3  %4  %5  %6  %7\n")
                 .arg(row.side ? QString::number(row.side) : QStringLiteral("as photographed"), 29)
                 .arg(number(row.report.macroAuc), 9)
                 .arg(row.report.ece, 6, 'f', 4)
                 .arg(percent(row.screened), 12)
                 .arg(percent(row.notAnEye), 10)
                 .arg(percent(row.otherSpecies), 13)
                 .arg(percent(row.qualitySevere), 15);
  }
  return kExitOk;
}

// Per disease: A's and B's AUC with their intervals, and the positives among the photos.
void printComparisonTable(const training::BundleComparison& c) {
  out() << QStringLiteral("%1 %2 %3 %4\n")
               .arg(QStringLiteral("disease"), -24)
               .arg(QStringLiteral("A: AUC (interval)"), 28)
               .arg(QStringLiteral("B: AUC (interval)"), 28)
               .arg(QStringLiteral("pos/n"), 10);
  for (const std::string& label : c.diseases) {
    const auto cell = [&](const training::EvaluationReport& report,
                          const training::AucIntervals& intervals) {
      const auto found = intervals.perLabel.find(label);
      return number(report.perLabel.at(label).auc) +
             (found == intervals.perLabel.end() ? QString() : " (" + interval(found->second) + ")");
    };
    const auto& metrics = c.candidate.perLabel.at(label);
    out() << QStringLiteral("%1 %2 %3 %4\n")
                 .arg(QString::fromStdString(label), -24)
                 .arg(cell(c.candidate, c.candidateIntervals), 28)
                 .arg(cell(c.baseline, c.baselineIntervals), 28)
                 .arg(QStringLiteral("%1/%2").arg(metrics.positives).arg(metrics.n), 10);
  }
}

// `evaluate --compare A B`: both bundles on the same photos, each with its bootstrap intervals,
// and the paired bootstrap of A's macro AUC minus B's.
int runComparison(const QString& candidate, const QString& baseline,
                  const training::LabeledDataset& photos, const QString& description, bool asJson) {
  const training::BootstrapSettings bootstrap;
  auto compared = training::compareBundles(candidate.toStdString(), baseline.toStdString(), photos,
                                           1, bootstrap);
  if (!compared) {
    err() << "walness-cli evaluate: " << QString::fromStdString(compared.message()) << "\n";
    return exitCodeFor(compared.error());
  }
  const training::BundleComparison& c = compared.value();
  const QString verdict =
      c.candidateClearlyBetter()
          ? QStringLiteral("A beats B by more than the interval")
          : QStringLiteral("A does not beat B by more than the interval: no evidence it is better");
  if (asJson) {
    QJsonObject a = reportJson(c.candidate, c.candidateIntervals);
    a[QStringLiteral("model")] = candidate;
    QJsonObject b = reportJson(c.baseline, c.baselineIntervals);
    b[QStringLiteral("model")] = baseline;
    QJsonObject result{{QStringLiteral("n"), qint64(photos.images.size())},
                       {QStringLiteral("photos"), description},
                       {QStringLiteral("resamples"), bootstrap.resamples},
                       {QStringLiteral("a"), a},
                       {QStringLiteral("b"), b},
                       {QStringLiteral("a_clearly_better"), c.candidateClearlyBetter()}};
    if (c.difference)
      result[QStringLiteral("macro_auc_difference")] =
          QJsonObject{{QStringLiteral("estimate"), c.difference->estimate},
                      {QStringLiteral("interval"), intervalJson(*c.difference)}};
    out() << QJsonDocument(result).toJson(QJsonDocument::Compact) << "\n";
    return kExitOk;
  }
  const auto printModel = [](const QString& name, const QString& directory,
                             const training::EvaluationReport& report,
                             const training::AucIntervals& intervals) {
    out() << name << " " << directory << ": macro AUC " << number(report.macroAuc)
          << (intervals.macro ? " (" + interval(*intervals.macro) + ")" : QString()) << ", ECE "
          << QString::number(report.ece, 'f', 4) << "\n";
  };
  out() << "On " << photos.images.size() << " photos (" << description << "), "
        << bootstrap.resamples << " bootstrap resamples, 95% intervals:\n";
  printModel(QStringLiteral("A"), candidate, c.candidate, c.candidateIntervals);
  printModel(QStringLiteral("B"), baseline, c.baseline, c.baselineIntervals);
  printComparisonTable(c);
  if (c.difference)
    out() << "A - B macro AUC: " << QString::number(c.difference->estimate, 'f', 4)
          << " (paired interval " << interval(*c.difference) << "): " << verdict << "\n";
  else
    out()
        << "A - B macro AUC: cannot be computed (no disease with both classes among the photos)\n";
  return kExitOk;
}

void addEvaluateOptions(QCommandLineParser& parser) {
  parser.setApplicationDescription(QStringLiteral(
      "Measures a model bundle on labelled photos: per disease AUC, PR-AUC, sensitivity, "
      "specificity and F1 at the bundle's thresholds; macro AUC; expected calibration error. An "
      "empty (unknown) cell leaves that photo out for that disease only."));
  parser.addHelpOption();
  addOption(parser, "model", "Bundle folder.", "dir");
  addOption(parser, "data", "labels.csv.", "csv");
  addOption(parser, "split", "Only rows of this split (default: all rows).", "name");
  addOption(parser, "json", "Print JSON.");
  addOption(parser, "plots", "Write roc.png and reliability.png here.", "dir");
  addOption(parser, "threads", "LibTorch threads.", "n", "2");
  addOption(parser, "flip",
            "Average each photo's logits with its mirror image's (test-time "
            "augmentation, twice the time), to measure what that would gain.");
  addOption(parser, "eye-sides",
            "The small-eye study: shrink every photo so its shorter side is each of these "
            "sizes (e.g. 24,32,48,64,96,128), screen it as the app would and report the "
            "metrics, the eye gate's decisions and the quality checks per size.",
            "list");
  addOption(parser, "compare",
            "Compare two bundles, A and B (the two arguments), on the same photos (default "
            "split: test): each one's metrics with bootstrap 95% intervals, and the "
            "paired bootstrap of A's macro AUC minus B's. A beats B only when that "
            "interval lies above 0.");
  parser.addPositionalArgument(QStringLiteral("bundles"),
                               QStringLiteral("With --compare: bundle folders A and B."),
                               QStringLiteral("[A B]"));
}

// What `evaluate` was told: one bundle (--model) or two (--compare A B), and the photos.
struct EvaluateSettings {
  QString model;
  QStringList compared;  // A and B with --compare, else empty
  QString data;
  QString split;  // empty: every row
  std::optional<QString> plots;
  std::optional<QString> eyeSides;
  int threads = 2;
  bool flip = false;
  bool json = false;

  bool comparing() const { return !compared.isEmpty(); }
  // The bundle whose species reads the data: --model, or A.
  QString firstBundle() const { return comparing() ? compared.front() : model; }
  QString photosDescription() const { return data + QStringLiteral(", split ") + split; }
};

// The options; the only error is a usage error.
Result<EvaluateSettings> readEvaluateSettings(const QCommandLineParser& parser) {
  const auto value = [&](const char* name) { return parser.value(QLatin1String(name)); };
  const auto given = [&](const char* name) { return parser.isSet(QLatin1String(name)); };
  const auto optional = [&](const char* name) {
    return given(name) ? std::optional<QString>(value(name)) : std::nullopt;
  };
  const QStringList bundles = parser.positionalArguments();
  if (given("compare") ? bundles.size() != 2 || !given("data")
                       : !bundles.isEmpty() || !given("model") || !given("data"))
    return badInputError(
        QStringLiteral("give --model DIR and --data labels.csv, or --compare A B and "
                       "--data labels.csv."));
  EvaluateSettings settings;
  settings.model = value("model");
  if (given("compare")) settings.compared = bundles;
  settings.data = value("data");
  settings.split = given("split")     ? value("split")
                   : given("compare") ? QStringLiteral("test")
                                      : QString();
  settings.plots = optional("plots");
  settings.eyeSides = optional("eye-sides");
  settings.threads = std::max(1, value("threads").toInt());
  settings.flip = given("flip");
  settings.json = given("json");
  return settings;
}

// The rows of the split (all rows without one), labelled for `species`; errors are BadInput.
Result<training::LabeledDataset> readPhotos(const EvaluateSettings& settings, Species species) {
  auto labelled = training::readLabelsCsv(settings.data.toStdString(), species);
  if (!labelled) return Error{labelled.message(), ErrorKind::BadInput};
  return settings.split.isEmpty() ? *labelled : labelled->subset(settings.split.toStdString());
}

void printEvaluation(const bundle::ModelCard& card, size_t photos,
                     const training::EvaluationReport& report,
                     const training::AucIntervals& intervals) {
  out() << QString::fromStdString(card.id) << " " << QString::fromStdString(card.version) << " on "
        << photos << " photos: macro AUC " << number(report.macroAuc)
        << (intervals.macro ? " (95% bootstrap interval " + interval(*intervals.macro) + ")"
                            : QString())
        << ", ECE " << QString::number(report.ece, 'f', 4) << "\n";
  out() << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8\n")
               .arg(QStringLiteral("disease"), -24)
               .arg(QStringLiteral("AUC"), 7)
               .arg(QStringLiteral("AUC interval"), 18)
               .arg(QStringLiteral("PR-AUC"), 7)
               .arg(QStringLiteral("sens"), 6)
               .arg(QStringLiteral("spec"), 6)
               .arg(QStringLiteral("F1"), 6)
               .arg(QStringLiteral("pos/n"), 10);
  for (const std::string& label : report.labels) {
    const auto& m = report.perLabel.at(label);
    const auto labelInterval = intervals.perLabel.find(label);
    out() << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8\n")
                 .arg(QString::fromStdString(label), -24)
                 .arg(number(m.auc), 7)
                 .arg(labelInterval == intervals.perLabel.end() ? QStringLiteral("n/a")
                                                                : interval(labelInterval->second),
                      18)
                 .arg(number(m.prAuc), 7)
                 .arg(m.sensitivity, 6, 'f', 3)
                 .arg(m.specificity, 6, 'f', 3)
                 .arg(m.f1, 6, 'f', 3)
                 .arg(QStringLiteral("%1/%2").arg(m.positives).arg(m.n), 10);
  }
}

// Screens the photos with the bundle and prints its metrics (JSON or a table), drawing the
// plots with --plots.
int measureBundle(bundle::ModelBundle& bundle, const training::LabeledDataset& dataset,
                  const EvaluateSettings& settings) {
  auto predictions =
      training::predict(*bundle.network, dataset, bundle.card.input, 32, 1, {}, settings.flip);
  if (!predictions) {
    err() << "walness-cli evaluate: " << QString::fromStdString(predictions.message()) << "\n";
    return kExitBadInput;
  }
  const torch::Tensor probabilities = torch::sigmoid(predictions->logits / bundle.card.temperature);
  std::vector<double> thresholds;
  for (const auto& label : bundle.card.labels) thresholds.push_back(label.threshold);
  const training::EvaluationReport report =
      training::evaluateProbabilities(dataset, probabilities, thresholds);
  const training::AucIntervals intervals = training::bootstrapAucs(dataset, probabilities);
  if (settings.plots) {
    if (auto written =
            training::writeMetricPlots(settings.plots->toStdString(), dataset, probabilities);
        !written) {
      err() << "walness-cli evaluate: " << QString::fromStdString(written.message()) << "\n";
      return kExitFailure;
    }
  }
  if (settings.json) {
    QJsonObject result = reportJson(report, intervals);
    result[QStringLiteral("n")] = qint64(dataset.images.size());
    out() << QJsonDocument(result).toJson(QJsonDocument::Compact) << "\n";
  } else {
    printEvaluation(bundle.card, dataset.images.size(), report, intervals);
  }
  return kExitOk;
}

}  // namespace

Result<training::LabeledDataset> alignedTo(const training::LabeledDataset& data,
                                           const bundle::ModelCard& card) {
  training::LabeledDataset aligned;
  aligned.species = data.species;
  aligned.source = data.source;
  std::vector<int> columns;
  for (const auto& label : card.labels) {
    const auto found = std::find(data.diseases.begin(), data.diseases.end(), label.id);
    if (found == data.diseases.end())
      return Error{"the data has no column for '" + label.id + "', which the model checks"};
    columns.push_back(int(found - data.diseases.begin()));
    aligned.diseases.push_back(label.id);
  }
  for (const auto& image : data.images) {
    training::LabeledImage row = image;
    row.labels.clear();
    row.grades.clear();
    for (int column : columns) {
      row.labels.push_back(image.labels[size_t(column)]);
      row.grades.push_back(image.grades[size_t(column)]);
    }
    aligned.images.push_back(std::move(row));
  }
  return aligned;
}

int runEvaluate(const QStringList& arguments) {
  const QString command = QStringLiteral("walness-cli evaluate");
  QCommandLineParser parser;
  addEvaluateOptions(parser);
  if (const auto finished = parseOrFinish(parser, arguments)) return *finished;
  const auto settings = readEvaluateSettings(parser);
  if (!settings) return reportFailure(command, settings.error(), kExitUsage);
  torch::set_num_threads(settings->threads);
  auto bundle = bundle::loadModelBundle(settings->firstBundle().toStdString());
  if (!bundle) {
    err() << command << ": " << QString::fromStdString(bundle.message()) << "\n";
    return kExitModel;
  }
  const auto photos = readPhotos(*settings, bundle->card.species);
  if (!photos) return reportFailure(command, photos.error());
  if (settings->comparing()) {
    if (photos->images.empty()) {
      err() << command << ": no rows of the split \"" << settings->split << "\"\n";
      return kExitBadInput;
    }
    return runComparison(settings->compared[0], settings->compared[1], *photos,
                         settings->photosDescription(), settings->json);
  }
  auto dataset = alignedTo(*photos, bundle->card);
  if (!dataset || dataset->images.empty()) {
    err() << command << ": "
          << (dataset ? QStringLiteral("no rows to evaluate")
                      : QString::fromStdString(dataset.message()))
          << "\n";
    return kExitBadInput;
  }
  if (settings->eyeSides)
    return runEyeSizeStudy(*bundle, settings->model.toStdString(), *dataset, *settings->eyeSides,
                           settings->json);
  return measureBundle(*bundle, *dataset, *settings);
}

}  // namespace walness::cli
