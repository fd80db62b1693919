#include "TrainCommand.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <unistd.h>
#include <csignal>
#include <cstdio>

#include "CliCommon.h"
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

// --world-size/--rank/--master, else torchrun's WORLD_SIZE, RANK, MASTER_ADDR, MASTER_PORT.
Result<training::DistributedSettings> distributedSettings(const QString& worldSize,
                                                          const QString& rank,
                                                          const QString& master,
                                                          const QString& timeout) {
  training::DistributedSettings settings;
  bool ok = true;
  if (!worldSize.isEmpty()) settings.worldSize = worldSize.toInt(&ok);
  if (!ok || settings.worldSize < 1) return Error{"--world-size needs a positive number"};
  if (!rank.isEmpty()) settings.rank = rank.toInt(&ok);
  if (!ok || settings.rank < 0 || settings.rank >= settings.worldSize)
    return Error{"--rank must be 0.." + std::to_string(settings.worldSize - 1)};
  settings.timeoutSeconds = timeout.toDouble(&ok);
  if (!ok || settings.timeoutSeconds <= 0) return Error{"--dist-timeout needs seconds"};
  QString host = qEnvironmentVariable("MASTER_ADDR");
  QString port = qEnvironmentVariable("MASTER_PORT");
  if (!master.isEmpty()) {
    const qsizetype colon = master.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0) return Error{"--master must be HOST:PORT"};
    host = master.left(colon);
    port = master.mid(colon + 1);
  }
  if (!host.isEmpty()) settings.masterAddress = host.toStdString();
  if (!port.isEmpty()) settings.masterPort = port.toInt(&ok);
  if (!ok || settings.masterPort < 1 || settings.masterPort > 65535)
    return Error{"the master port must be 1..65535"};
  return settings;
}

QString defaultPretrained() {
  return sharedDirectory() + QStringLiteral("/pretrained/mobilenet_v2_imagenet.safetensors");
}

}  // namespace

int runTrain(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral(
      "Fine-tunes an ImageNet-initialised network on labelled eye photos and writes a model bundle "
      "(weights, temperature, thresholds, out-of-distribution statistics, model card).\n"
      "Ctrl+C stops after the current batch and still writes the best epoch so far."));
  parser.addHelpOption();
  const auto option = [&](const char* name, const char* help, const char* value = nullptr,
                          const char* fallback = nullptr) {
    return addOption(parser, name, help, value, fallback);
  };
  const auto data = option("data", "labels.csv (image,split,<disease ids>...).", "csv");
  const auto aihub =
      option("aihub", "An AI Hub folder (<split>/개|고양이/안구/일반/...) instead.", "dir");
  const auto species =
      option("species", "dog or cat (for --aihub and the card).", "species", "dog");
  const auto trainSplit = option("train-split", "Split to train on.", "name", "train");
  const auto valSplit = option("val-split", "Split to select and calibrate on.", "name", "val");
  const auto output = option("out", "Bundle folder to write.", "dir");
  const auto checkpoint =
      option("checkpoint", "Checkpoint folder (default: <out>.checkpoint).", "dir");
  const auto resume = option("resume", "Continue the run in the checkpoint folder.");
  const auto finalize = option("finalize",
                               "Do not train: write the bundle from the checkpoint's best epoch "
                               "(with --resume's settings).");
  const auto configFile = option(
      "config", "JSON file with training settings (keys as in the card's provenance.training).",
      "file");
  const auto pretrained = option("pretrained", "ImageNet weights (safetensors).", "file");
  const auto init = option("init",
                           "Warm-start from this bundle's weights instead of ImageNet's (diseases "
                           "it lacks get new head rows; another species a new head).",
                           "bundle-dir");
  const auto assumedTarget = option(
      "assumed-negative-target",
      "Label smoothing for 0s the data only assumes (dog-eye crop rows): train them towards x.",
      "x");
  const auto assumedWeight =
      option("assumed-negative-weight", "Loss weight of those assumed 0s (0..1).", "x");
  const auto epochs = option("epochs", "Epochs.", "n");
  const auto inputSize = option("input-size", "Input side in pixels.", "px");
  const auto batchSize = option("batch-size", "Batch size.", "n");
  const auto learningRate = option("lr", "Peak learning rate.", "x");
  const auto weightDecay = option("weight-decay", "Weight decay.", "x");
  const auto backboneScale = option(
      "backbone-lr-scale", "Learning rate of the pretrained layers relative to the head.", "x");
  const auto optimizer = option("optimizer", "adamw or nadam.", "name");
  const auto freeze =
      option("freeze-blocks", "Feature blocks frozen at first (MobileNetV2: 0..19).", "n");
  const auto unfreezeEpoch =
      option("unfreeze-epoch",
             "From this epoch on (1-based) freeze only --unfreeze-to blocks; -1 never.", "n");
  const auto unfreezeTo = option("unfreeze-to", "Blocks still frozen after unfreezing.", "n");
  const auto warmup = option("warmup-epochs", "Linear warm-up length in epochs.", "x");
  const auto patience = option("patience", "Early stopping patience in epochs.", "n");
  const auto seed = option("seed", "Random seed.", "n");
  const auto noAugment = option("no-augment", "Train without augmentation.");
  const auto threads = option("threads", "LibTorch threads.", "n", "2");
  const auto workers = option("workers", "Image loading threads.", "n", "1");
  const auto budget =
      option("time-budget", "Minutes; no epoch starts that would end later.", "min", "0");
  const auto limitTrain = option("limit-train", "Use a random N of the training images.", "n", "0");
  const auto limitVal = option("limit-val", "Use a random N of the validation images.", "n", "0");
  const auto modelId = option("id", "Bundle id.", "id", "dog-eye-mobilenetv2");
  const auto modelVersion = option("model-version", "Bundle version.", "version", "1.0.0");
  const auto json = option("json", "Print the result as one JSON object on stdout.");
  const auto worldSize =
      option("world-size", "Distributed: number of ranks (default: $WORLD_SIZE, else 1).", "n");
  const auto rank = option("rank", "Distributed: this rank, 0..N-1 (default: $RANK).", "r");
  const auto master = option(
      "master", "Distributed: rank 0's address (default: $MASTER_ADDR:$MASTER_PORT).", "host:port");
  const auto distTimeout = option(
      "dist-timeout", "Distributed: seconds before a silent rank counts as lost.", "s", "60");
  const auto overlap =
      option("overlap-allreduce", "Distributed: all-reduce gradients during backward.");
  if (const auto finished = parseOrFinish(parser, arguments)) return *finished;
  if (parser.isSet(data) == parser.isSet(aihub) || !parser.isSet(output)) {
    err() << "walness-cli train: give --out and one of --data or --aihub.\n";
    return kExitUsage;
  }
  const auto speciesValue = speciesFromId(parser.value(species).toStdString());
  if (!speciesValue) {
    err() << "walness-cli train: --species must be dog or cat.\n";
    return kExitUsage;
  }

  // Settings: defaults, then the config file, then the options.
  QJsonObject settings;
  if (parser.isSet(configFile)) {
    QFile file(parser.value(configFile));
    QJsonParseError error;
    const QJsonDocument document = file.open(QIODevice::ReadOnly)
                                       ? QJsonDocument::fromJson(file.readAll(), &error)
                                       : QJsonDocument();
    if (!document.isObject()) {
      err() << "walness-cli train: " << parser.value(configFile) << " is not a JSON object.\n";
      return kExitBadInput;
    }
    settings = document.object();
  }
  settings[QStringLiteral("pretrained_weights")] =
      parser.isSet(pretrained)
          ? QFileInfo(parser.value(pretrained)).absoluteFilePath()
          : settings.value(QStringLiteral("pretrained_weights")).toString(defaultPretrained());
  const std::pair<const QCommandLineOption*, const char*> numeric[] = {
      {&epochs, "epochs"},
      {&inputSize, "input_size"},
      {&batchSize, "batch_size"},
      {&learningRate, "learning_rate"},
      {&weightDecay, "weight_decay"},
      {&backboneScale, "backbone_lr_scale"},
      {&freeze, "freeze_blocks"},
      {&unfreezeEpoch, "unfreeze_epoch"},
      {&unfreezeTo, "unfreeze_to"},
      {&warmup, "warmup_epochs"},
      {&patience, "patience"},
      {&assumedTarget, "assumed_negative_target"},
      {&assumedWeight, "assumed_negative_weight"}};
  for (const auto& [opt, key] : numeric) {
    if (!parser.isSet(*opt)) continue;
    bool ok = false;
    const double value = parser.value(*opt).toDouble(&ok);
    if (!ok) {
      err() << "walness-cli train: --" << opt->names().first() << " needs a number.\n";
      return kExitUsage;
    }
    settings[QLatin1String(key)] = value;
  }
  if (parser.isSet(optimizer)) settings[QStringLiteral("optimizer")] = parser.value(optimizer);
  if (parser.isSet(init)) {
    const QFileInfo bundleCard(parser.value(init) + QStringLiteral("/model.json"));
    if (!bundleCard.isFile()) {
      err() << "walness-cli train: --init " << parser.value(init)
            << " is not a model bundle (no model.json).\n";
      return kExitBadInput;
    }
    settings[QStringLiteral("init_bundle")] = bundleCard.absolutePath();
    settings[QStringLiteral("pretrained_weights")] = QString();
    // Unless told otherwise, keep training the network the bundle is: its architecture and input.
    QFile cardFile(bundleCard.absoluteFilePath());
    const QJsonObject card = cardFile.open(QIODevice::ReadOnly)
                                 ? QJsonDocument::fromJson(cardFile.readAll()).object()
                                 : QJsonObject();
    if (!settings.contains(QStringLiteral("architecture")) &&
        card.contains(QStringLiteral("architecture")))
      settings[QStringLiteral("architecture")] = card.value(QStringLiteral("architecture"));
    if (!settings.contains(QStringLiteral("input_size")))
      if (const int size =
              card.value(QStringLiteral("input")).toObject().value(QStringLiteral("size")).toInt();
          size > 0)
        settings[QStringLiteral("input_size")] = size;
  }
  if (parser.isSet(seed)) settings[QStringLiteral("seed")] = parser.value(seed);
  if (parser.isSet(noAugment)) settings[QStringLiteral("augment")] = false;
  auto config = training::TrainingConfig::fromJson(settings);
  if (!config) {
    err() << "walness-cli train: " << QString::fromStdString(config.message()) << "\n";
    return kExitUsage;
  }
  training::RunSettings run;
  run.threads = parser.value(threads).toInt();
  run.loaderWorkers = parser.value(workers).toInt();
  run.timeBudgetMinutes = parser.value(budget).toDouble();
  run.limitTrain = parser.value(limitTrain).toLongLong();
  run.limitVal = parser.value(limitVal).toLongLong();
  run.finalizeOnly = parser.isSet(finalize);
  if (auto distributed = distributedSettings(
          parser.isSet(worldSize) ? parser.value(worldSize) : qEnvironmentVariable("WORLD_SIZE"),
          parser.isSet(rank) ? parser.value(rank) : qEnvironmentVariable("RANK"),
          parser.value(master), parser.value(distTimeout))) {
    run.distributed = *distributed;
  } else {
    err() << "walness-cli train: " << QString::fromStdString(distributed.message()) << "\n";
    return kExitUsage;
  }
  run.overlapGradientReduction = parser.isSet(overlap);

  auto dataset = parser.isSet(data)
                     ? training::readLabelsCsv(parser.value(data).toStdString(), *speciesValue)
                     : training::readAiHubDataset(parser.value(aihub).toStdString(), *speciesValue);
  if (!dataset) {
    err() << "walness-cli train: " << QString::fromStdString(dataset.message()) << "\n";
    return kExitBadInput;
  }
  training::LabeledDataset trainSet = dataset->subset(parser.value(trainSplit).toStdString());
  training::LabeledDataset valSet = dataset->subset(parser.value(valSplit).toStdString());
  if (trainSet.images.empty() || valSet.images.empty()) {
    err() << "walness-cli train: the data needs rows in both splits '" << parser.value(trainSplit)
          << "' and '" << parser.value(valSplit) << "'.\n";
    return kExitBadInput;
  }

  const QString bundleDir = QFileInfo(parser.value(output)).absoluteFilePath();
  const QString checkpointDir = parser.isSet(checkpoint)
                                    ? QFileInfo(parser.value(checkpoint)).absoluteFilePath()
                                    : bundleDir + QStringLiteral(".checkpoint");
  // A lost peer closes its sockets: writing to them must fail (and be reported as a lost rank),
  // not kill this rank silently with SIGPIPE (Python ignores SIGPIPE; a C++ program must ask).
  if (run.distributed.enabled()) std::signal(SIGPIPE, SIG_IGN);
  if (run.distributed.enabled())
    err() << "Rank " << run.distributed.rank << " of " << run.distributed.worldSize
          << " (rank 0 at " << QString::fromStdString(run.distributed.masterAddress) << ":"
          << run.distributed.masterPort << "). ";
  err() << "Training on " << trainSet.images.size() << " photos, selecting on "
        << valSet.images.size() << "; checkpoints in " << checkpointDir << "\n";
  const training::LabeledDataset heldBack =
      parser.isSet(init) ? valSet : training::LabeledDataset{};
  training::Trainer trainer(*config, run, std::move(trainSet), std::move(valSet));
  ProgressPrinter printer;
  trainer.setProgressHandler([&](const training::TrainingProgress& p) { printer(p); });
  activeTrainer = &trainer;
  std::signal(SIGINT, stopTraining);
  std::signal(SIGTERM, stopTraining);
  training::BundleIdentity identity{parser.value(modelId).toStdString(),
                                    parser.value(modelVersion).toStdString()};
  auto outcome =
      trainer.run(checkpointDir.toStdString(), parser.isSet(resume) || parser.isSet(finalize),
                  bundleDir.toStdString(), identity);
  activeTrainer = nullptr;
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  if (!outcome) {
    err() << "walness-cli train: " << QString::fromStdString(outcome.message()) << "\n";
    return kExitFailure;
  }
  if (outcome->rank != 0) {
    // Rank 0 validated and wrote the bundle; this rank reports what it can vouch for.
    if (parser.isSet(json))
      out() << QJsonDocument(
                   QJsonObject{
                       {QStringLiteral("rank"), outcome->rank},
                       {QStringLiteral("world_size"), outcome->worldSize},
                       {QStringLiteral("epochs_run"), int(outcome->history.size())},
                       {QStringLiteral("stop_reason"), QString::fromStdString(outcome->stopReason)},
                       {QStringLiteral("weights_sha256"),
                        QString::fromStdString(outcome->weightsSha256)},
                       {QStringLiteral("allreduce_seconds"), outcome->communicationSeconds},
                       {QStringLiteral("seconds"), outcome->seconds}})
                   .toJson(QJsonDocument::Compact)
            << "\n";
    else
      out() << "Rank " << outcome->rank << " of " << outcome->worldSize << " done ("
            << QString::fromStdString(outcome->stopReason) << "); rank 0 wrote the bundle\n";
    return kExitOk;
  }
  const training::EvaluationReport& report = outcome->validation;
  // A warm start is measured against the bundle it started from on the same held-back photos.
  std::optional<training::BundleComparison> comparison;
  if (parser.isSet(init)) {
    auto compared = training::compareBundles(
        bundleDir.toStdString(), QFileInfo(parser.value(init)).absoluteFilePath().toStdString(),
        heldBack, run.loaderWorkers);
    if (!compared) {
      err() << "walness-cli train: comparing with --init: "
            << QString::fromStdString(compared.message()) << "\n";
      return kExitFailure;
    }
    comparison = std::move(*compared);
  }
  if (auto annotated = training::annotateWarmStartCard(
          bundleDir.toStdString(), parser.value(data).toStdString(),
          comparison ? &*comparison : nullptr,
          QFileInfo(parser.value(init)).absoluteFilePath().toStdString());
      !annotated) {
    err() << "walness-cli train: " << QString::fromStdString(annotated.message()) << "\n";
    return kExitFailure;
  }
  if (parser.isSet(json)) {
    QJsonObject result{{QStringLiteral("bundle"), bundleDir},
                       {QStringLiteral("best_epoch"), outcome->bestEpoch},
                       {QStringLiteral("epochs_run"), int(outcome->history.size())},
                       {QStringLiteral("stop_reason"), QString::fromStdString(outcome->stopReason)},
                       {QStringLiteral("temperature"), outcome->card.temperature},
                       {QStringLiteral("seconds"), outcome->seconds},
                       {QStringLiteral("validation"), report.toJson()}};
    result[QStringLiteral("val_macro_auc")] = report.macroAuc ? *report.macroAuc : 0.0;
    if (comparison)
      result[QStringLiteral("compared_with_init")] = QJsonObject{
          {QStringLiteral("better"), comparison->candidateBetter},
          {QStringLiteral("summary"), QString::fromStdString(comparison->summary)},
          {QStringLiteral("new_macro_auc"), comparison->candidate.macroAuc
                                                ? QJsonValue(*comparison->candidate.macroAuc)
                                                : QJsonValue(QJsonValue::Null)},
          {QStringLiteral("old_macro_auc"), comparison->baseline.macroAuc
                                                ? QJsonValue(*comparison->baseline.macroAuc)
                                                : QJsonValue(QJsonValue::Null)}};
    if (outcome->worldSize > 1) {
      result[QStringLiteral("rank")] = 0;
      result[QStringLiteral("world_size")] = outcome->worldSize;
      result[QStringLiteral("weights_sha256")] = QString::fromStdString(outcome->weightsSha256);
      result[QStringLiteral("allreduce_seconds")] = outcome->communicationSeconds;
    }
    out() << QJsonDocument(result).toJson(QJsonDocument::Compact) << "\n";
  } else {
    out() << "Wrote " << bundleDir << " (best epoch " << outcome->bestEpoch << " of "
          << outcome->history.size() << ", " << QString::fromStdString(outcome->stopReason)
          << ")\n";
    out() << "Validation macro AUC "
          << (report.macroAuc ? QString::number(*report.macroAuc, 'f', 4) : QStringLiteral("n/a"))
          << ", ECE " << QString::number(report.ece, 'f', 4) << ", temperature "
          << QString::number(outcome->card.temperature, 'f', 3) << "\n";
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
  return kExitOk;
}

}  // namespace walness::cli
