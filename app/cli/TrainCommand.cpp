#include "TrainCommand.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <unistd.h>
#include <csignal>
#include <cstdio>

#include "CliCommon.h"
#include "TrainSettings.h"
#include "walness/bundle/ModelCard.h"
#include "walness/training/BundleComparison.h"
#include "walness/training/Trainer.h"
#include "walness/training/data/AiHubDataset.h"
#include "walness/training/data/LabeledDataset.h"

namespace walness::cli {

namespace {

training::Trainer* activeTrainer = nullptr;

extern "C" void stopTraining(int) {
  if (activeTrainer) activeTrainer->requestStop();
}

QString clock(double seconds) {
  const int total = int(std::max(0.0, seconds));
  return QString::asprintf("%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60);
}

// One line per update on a terminal (overwritten), else every 10% of a phase.
class ProgressPrinter {
 public:
  void operator()(const training::TrainingProgress& p) {
    const bool terminal = isatty(fileno(stderr));
    const int percent = p.total ? int(100 * p.done / p.total) : 100;
    const QString phase = QString::fromLatin1(training::trainingPhaseId(p.phase).data());
    const QString key = phase + QString::number(p.epoch);
    if (!terminal && key == lastKey_ && percent / 10 == lastDecile_ && p.done != p.total) return;
    lastKey_ = key;
    lastDecile_ = percent / 10;
    const int width = 24;
    const int filled = width * percent / 100;
    QString line = QStringLiteral("%1 %2/%3 [%4%5] %6% %7/%8")
                       .arg(phase)
                       .arg(p.epoch)
                       .arg(p.epochs)
                       .arg(QString(filled, QLatin1Char('#')))
                       .arg(QString(width - filled, QLatin1Char('.')))
                       .arg(percent, 3)
                       .arg(p.done)
                       .arg(p.total);
    if (p.phase == training::TrainingPhase::Train)
      line += QStringLiteral(" loss %1 %2 img/s ETA %3")
                  .arg(p.loss, 0, 'f', 4)
                  .arg(p.imagesPerSecond, 0, 'f', 1)
                  .arg(clock(p.etaSeconds));
    err() << (terminal ? "\r" : "") << line << (terminal && p.done != p.total ? "" : "\n");
    err().flush();
  }

 private:
  QString lastKey_;
  int lastDecile_ = -1;
};

// The training and validation splits of --data or --aihub; an error (no data, an empty split) is
// BadInput.
Result<std::pair<training::LabeledDataset, training::LabeledDataset>> readSplits(
    const TrainSettings& settings) {
  auto dataset = settings.data
                     ? training::readLabelsCsv(settings.data->toStdString(), settings.species)
                     : training::readAiHubDataset(settings.aihub.toStdString(), settings.species);
  if (!dataset) return Error{dataset.message(), ErrorKind::BadInput};
  training::LabeledDataset trainSet = dataset->subset(settings.trainSplit.toStdString());
  training::LabeledDataset valSet = dataset->subset(settings.valSplit.toStdString());
  if (trainSet.images.empty() || valSet.images.empty())
    return badInputError(QStringLiteral("the data needs rows in both splits '%1' and '%2'.")
                             .arg(settings.trainSplit, settings.valSplit));
  return std::pair(std::move(trainSet), std::move(valSet));
}

// Trains with progress on stderr; Ctrl+C or SIGTERM stops after the current batch.
Result<training::TrainingOutcome> train(const TrainSettings& settings,
                                        const training::TrainingConfig& config,
                                        training::LabeledDataset trainSet,
                                        training::LabeledDataset valSet) {
  const training::RunSettings& run = settings.run;
  // A lost peer closes its sockets: writing to them must fail (and be reported as a lost rank),
  // not kill this rank silently with SIGPIPE (Python ignores SIGPIPE; a C++ program must ask).
  if (run.distributed.enabled()) std::signal(SIGPIPE, SIG_IGN);
  if (run.distributed.enabled())
    err() << "Rank " << run.distributed.rank << " of " << run.distributed.worldSize
          << " (rank 0 at " << QString::fromStdString(run.distributed.masterAddress) << ":"
          << run.distributed.masterPort << "). ";
  err() << "Training on " << trainSet.images.size() << " photos, selecting on "
        << valSet.images.size() << "; checkpoints in " << settings.checkpointDirectory << "\n";
  training::Trainer trainer(config, run, std::move(trainSet), std::move(valSet));
  ProgressPrinter printer;
  trainer.setProgressHandler([&](const training::TrainingProgress& p) { printer(p); });
  activeTrainer = &trainer;
  std::signal(SIGINT, stopTraining);
  std::signal(SIGTERM, stopTraining);
  auto outcome = trainer.run(settings.checkpointDirectory.toStdString(), settings.resume,
                             settings.bundleDirectory.toStdString(), settings.identity);
  activeTrainer = nullptr;
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  return outcome;
}

// A rank other than 0 reports what it can vouch for: rank 0 validated and wrote the bundle.
void printOtherRank(const training::TrainingOutcome& outcome, bool json) {
  if (!json) {
    out() << "Rank " << outcome.rank << " of " << outcome.worldSize << " done ("
          << QString::fromStdString(outcome.stopReason) << "); rank 0 wrote the bundle\n";
    return;
  }
  out() << QJsonDocument(
               QJsonObject{
                   {QStringLiteral("rank"), outcome.rank},
                   {QStringLiteral("world_size"), outcome.worldSize},
                   {QStringLiteral("epochs_run"), int(outcome.history.size())},
                   {QStringLiteral("stop_reason"), QString::fromStdString(outcome.stopReason)},
                   {QStringLiteral("weights_sha256"),
                    QString::fromStdString(outcome.weightsSha256)},
                   {QStringLiteral("allreduce_seconds"), outcome.communicationSeconds},
                   {QStringLiteral("seconds"), outcome.seconds}})
               .toJson(QJsonDocument::Compact)
        << "\n";
}

// A warm start is measured against the bundle it started from on the same held-back photos; the
// card says so. Errors are failures, worded for the command's line.
Result<std::optional<training::BundleComparison>> compareWithInit(
    const TrainSettings& settings, const training::LabeledDataset& heldBack) {
  const QString initDirectory = QFileInfo(settings.init.value_or(QString())).absoluteFilePath();
  std::optional<training::BundleComparison> comparison;
  if (settings.init) {
    auto compared =
        training::compareBundles(settings.bundleDirectory.toStdString(),
                                 initDirectory.toStdString(), heldBack, settings.run.loaderWorkers);
    if (!compared) return Error{"comparing with --init: " + compared.message(), ErrorKind::Failure};
    comparison = std::move(*compared);
  }
  if (auto annotated = training::annotateWarmStartCard(
          settings.bundleDirectory.toStdString(), settings.data.value_or(QString()).toStdString(),
          comparison ? &*comparison : nullptr, initDirectory.toStdString());
      !annotated)
    return Error{annotated.message(), ErrorKind::Failure};
  return comparison;
}

QJsonObject comparisonJson(const training::BundleComparison& comparison) {
  const auto auc = [](const std::optional<double>& value) {
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
  };
  return QJsonObject{{QStringLiteral("better"), comparison.candidateBetter},
                     {QStringLiteral("summary"), QString::fromStdString(comparison.summary)},
                     {QStringLiteral("new_macro_auc"), auc(comparison.candidate.macroAuc)},
                     {QStringLiteral("old_macro_auc"), auc(comparison.baseline.macroAuc)}};
}

void printResultJson(const QString& bundleDirectory, const training::TrainingOutcome& outcome,
                     const std::optional<training::BundleComparison>& comparison) {
  const training::EvaluationReport& report = outcome.validation;
  QJsonObject result{{QStringLiteral("bundle"), bundleDirectory},
                     {QStringLiteral("best_epoch"), outcome.bestEpoch},
                     {QStringLiteral("epochs_run"), int(outcome.history.size())},
                     {QStringLiteral("stop_reason"), QString::fromStdString(outcome.stopReason)},
                     {QStringLiteral("temperature"), outcome.card.temperature},
                     {QStringLiteral("seconds"), outcome.seconds},
                     {QStringLiteral("validation"), report.toJson()}};
  result[QStringLiteral("val_macro_auc")] = report.macroAuc ? *report.macroAuc : 0.0;
  if (comparison) result[QStringLiteral("compared_with_init")] = comparisonJson(*comparison);
  if (outcome.worldSize > 1) {
    result[QStringLiteral("rank")] = 0;
    result[QStringLiteral("world_size")] = outcome.worldSize;
    result[QStringLiteral("weights_sha256")] = QString::fromStdString(outcome.weightsSha256);
    result[QStringLiteral("allreduce_seconds")] = outcome.communicationSeconds;
  }
  out() << QJsonDocument(result).toJson(QJsonDocument::Compact) << "\n";
}

void printResult(const QString& bundleDirectory, const training::TrainingOutcome& outcome,
                 const std::optional<training::BundleComparison>& comparison) {
  const training::EvaluationReport& report = outcome.validation;
  out() << "Wrote " << bundleDirectory << " (best epoch " << outcome.bestEpoch << " of "
        << outcome.history.size() << ", " << QString::fromStdString(outcome.stopReason) << ")\n";
  out() << "Validation macro AUC "
        << (report.macroAuc ? QString::number(*report.macroAuc, 'f', 4) : QStringLiteral("n/a"))
        << ", ECE " << QString::number(report.ece, 'f', 4) << ", temperature "
        << QString::number(outcome.card.temperature, 'f', 3) << "\n";
  if (comparison)
    out() << "Compared with --init " << QString::fromStdString(comparison->summary) << "\n";
  for (const std::string& label : report.labels) {
    const auto& m = report.perLabel.at(label);
    out() << QStringLiteral("  %1 AUC %2 sens %3 spec %4 (threshold %5)\n")
                 .arg(QString::fromStdString(label), -24)
                 .arg(m.auc ? QString::number(*m.auc, 'f', 4) : QStringLiteral("n/a"))
                 .arg(m.sensitivity, 0, 'f', 3)
                 .arg(m.specificity, 0, 'f', 3)
                 .arg(m.threshold, 0, 'f', 3);
  }
}

}  // namespace

int runTrain(const QStringList& arguments) {
  const QString command = QStringLiteral("walness-cli train");
  QCommandLineParser parser;
  addTrainOptions(parser);
  if (const auto finished = parseOrFinish(parser, arguments)) return *finished;
  const auto settings = readTrainSettings(parser);
  if (!settings) return reportFailure(command, settings.error(), kExitUsage);
  const auto json = trainingSettingsJson(*settings);
  if (!json) return reportFailure(command, json.error());
  const auto config = training::TrainingConfig::fromJson(*json);
  if (!config)
    return reportFailure(command, Error{config.message(), ErrorKind::BadInput}, kExitUsage);
  auto splits = readSplits(*settings);
  if (!splits) return reportFailure(command, splits.error());
  const training::LabeledDataset heldBack =
      settings->init ? splits->second : training::LabeledDataset{};
  auto outcome = train(*settings, *config, std::move(splits->first), std::move(splits->second));
  if (!outcome) {
    err() << command << ": " << QString::fromStdString(outcome.message()) << "\n";
    return kExitFailure;
  }
  if (outcome->rank != 0) {
    printOtherRank(*outcome, settings->json);
    return kExitOk;
  }
  const auto comparison = compareWithInit(*settings, heldBack);
  if (!comparison) return reportFailure(command, comparison.error());
  if (settings->json)
    printResultJson(settings->bundleDirectory, *outcome, *comparison);
  else
    printResult(settings->bundleDirectory, *outcome, *comparison);
  return kExitOk;
}

}  // namespace walness::cli
