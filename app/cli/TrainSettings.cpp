#include "TrainSettings.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

#include <algorithm>
#include <functional>
#include <string>

#include "CliCommon.h"
#include "walness/nn/Architectures.h"

namespace walness::cli {

namespace {

using OptionAdder = std::function<void(const char* name, const char* help, const char* value,
                                       const char* fallback)>;

void addDataOptions(const OptionAdder& option) {
  option("data", "labels.csv (image,split,<disease ids>...).", "csv", nullptr);
  option("aihub", "An AI Hub folder (<split>/개|고양이/안구/일반/...) instead.", "dir", nullptr);
  option("species", "dog or cat (for --aihub and the card).", "species", "dog");
  option("train-split", "Split to train on.", "name", "train");
  option("val-split", "Split to select and calibrate on.", "name", "val");
  option("out", "Bundle folder to write.", "dir", nullptr);
  option("checkpoint", "Checkpoint folder (default: <out>.checkpoint).", "dir", nullptr);
  option("resume", "Continue the run in the checkpoint folder.", nullptr, nullptr);
  option("finalize",
         "Do not train: write the bundle from the checkpoint's best epoch "
         "(with --resume's settings).",
         nullptr, nullptr);
  option("config", "JSON file with training settings (keys as in the card's provenance.training).",
         "file", nullptr);
  option("architecture",
         "Backbone: mobilenet_v2 (default) or mobilenet_edgetpu (its ImageNet weights come from "
         "scripts/convert-edgetpu).",
         "name", nullptr);
  option("pretrained", "ImageNet weights (safetensors).", "file", nullptr);
  option("init",
         "Warm-start from this bundle's weights instead of ImageNet's (diseases "
         "it lacks get new head rows; another species a new head).",
         "bundle-dir", nullptr);
}

void addHyperparameterOptions(const OptionAdder& option) {
  option("assumed-negative-target",
         "Label smoothing for 0s the data only assumes (dog-eye crop rows): train them towards x.",
         "x", nullptr);
  option("assumed-negative-weight", "Loss weight of those assumed 0s (0..1).", "x", nullptr);
  option("epochs", "Epochs.", "n", nullptr);
  option("input-size", "Input side in pixels.", "px", nullptr);
  option("batch-size", "Batch size.", "n", nullptr);
  option("lr", "Peak learning rate.", "x", nullptr);
  option("weight-decay", "Weight decay.", "x", nullptr);
  option("backbone-lr-scale", "Learning rate of the pretrained layers relative to the head.", "x",
         nullptr);
  option("optimizer", "adamw or nadam.", "name", nullptr);
  option("freeze-blocks", "Feature blocks frozen at first (MobileNetV2: 0..19).", "n", nullptr);
  option("unfreeze-epoch",
         "From this epoch on (1-based) freeze only --unfreeze-to blocks; -1 never.", "n", nullptr);
  option("unfreeze-to", "Blocks still frozen after unfreezing.", "n", nullptr);
  option("warmup-epochs", "Linear warm-up length in epochs.", "x", nullptr);
  option("patience", "Early stopping patience in epochs.", "n", nullptr);
  option("seed", "Random seed.", "n", nullptr);
  option("no-augment", "Train without augmentation.", nullptr, nullptr);
}

void addRunOptions(const OptionAdder& option) {
  option("threads", "LibTorch threads.", "n", "2");
  option("workers", "Image loading threads.", "n", "1");
  option("time-budget", "Minutes; no epoch starts that would end later.", "min", "0");
  option("limit-train", "Use a random N of the training images.", "n", "0");
  option("limit-val", "Use a random N of the validation images.", "n", "0");
  option("id", "Bundle id.", "id", "dog-eye-mobilenetv2");
  option("model-version", "Bundle version.", "version", "1.0.0");
  option("json", "Print the result as one JSON object on stdout.", nullptr, nullptr);
  option("world-size", "Distributed: number of ranks (default: $WORLD_SIZE, else 1).", "n",
         nullptr);
  option("rank", "Distributed: this rank, 0..N-1 (default: $RANK).", "r", nullptr);
  option("master", "Distributed: rank 0's address (default: $MASTER_ADDR:$MASTER_PORT).",
         "host:port", nullptr);
  option("dist-timeout", "Distributed: seconds before a silent rank counts as lost.", "s", "60");
  option("overlap-allreduce", "Distributed: all-reduce gradients during backward.", nullptr,
         nullptr);
}

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

// The numeric training options that are given, by the card's key; an error names the option.
Result<std::vector<std::pair<QString, double>>> readTrainingNumbers(
    const QCommandLineParser& parser) {
  const std::pair<const char*, const char*> numeric[] = {
      {"epochs", "epochs"},
      {"input-size", "input_size"},
      {"batch-size", "batch_size"},
      {"lr", "learning_rate"},
      {"weight-decay", "weight_decay"},
      {"backbone-lr-scale", "backbone_lr_scale"},
      {"freeze-blocks", "freeze_blocks"},
      {"unfreeze-epoch", "unfreeze_epoch"},
      {"unfreeze-to", "unfreeze_to"},
      {"warmup-epochs", "warmup_epochs"},
      {"patience", "patience"},
      {"assumed-negative-target", "assumed_negative_target"},
      {"assumed-negative-weight", "assumed_negative_weight"}};
  std::vector<std::pair<QString, double>> numbers;
  for (const auto& [option, key] : numeric) {
    const QString name = QLatin1String(option);
    if (!parser.isSet(name)) continue;
    bool ok = false;
    const double value = parser.value(name).toDouble(&ok);
    if (!ok) return badInputError(QStringLiteral("--%1 needs a number.").arg(name));
    numbers.emplace_back(QLatin1String(key), value);
  }
  return numbers;
}

// Threads, limits and the distributed settings (options, else torchrun's variables).
Result<training::RunSettings> readRunSettings(const QCommandLineParser& parser) {
  const auto value = [&](const char* name) { return parser.value(QLatin1String(name)); };
  const auto optionOrEnvironment = [&](const char* name, const char* variable) {
    return parser.isSet(QLatin1String(name)) ? value(name) : qEnvironmentVariable(variable);
  };
  training::RunSettings run;
  run.threads = value("threads").toInt();
  run.loaderWorkers = value("workers").toInt();
  run.timeBudgetMinutes = value("time-budget").toDouble();
  run.limitTrain = value("limit-train").toLongLong();
  run.limitVal = value("limit-val").toLongLong();
  run.finalizeOnly = parser.isSet(QStringLiteral("finalize"));
  auto distributed = distributedSettings(optionOrEnvironment("world-size", "WORLD_SIZE"),
                                         optionOrEnvironment("rank", "RANK"), value("master"),
                                         value("dist-timeout"));
  if (!distributed) return Error{distributed.message(), ErrorKind::BadInput};
  run.distributed = *distributed;
  run.overlapGradientReduction = parser.isSet(QStringLiteral("overlap-allreduce"));
  return run;
}

// The ImageNet weights an architecture starts from: MobileNetV2's ship in ../shared; the
// MobileNet-EdgeTPU file is converted from its TFLite original by scripts/convert-edgetpu.
QString defaultPretrained(const QString& architecture) {
  if (architecture == QLatin1String("mobilenet_edgetpu"))
    return QStringLiteral("/var/cache/walness/pretrained/mobilenet_edgetpu_imagenet.safetensors");
  return sharedDirectory() + QStringLiteral("/pretrained/mobilenet_v2_imagenet.safetensors");
}

// --config's object; an unreadable file or one that is no JSON object is BadInput.
Result<QJsonObject> readConfigFile(const QString& path) {
  QFile file(path);
  QJsonParseError error;
  const QJsonDocument document = file.open(QIODevice::ReadOnly)
                                     ? QJsonDocument::fromJson(file.readAll(), &error)
                                     : QJsonDocument();
  if (!document.isObject()) return badInputError(path + QStringLiteral(" is not a JSON object."));
  return document.object();
}

// A warm start from --init: its weights, and unless told otherwise the architecture and input
// size of the network the bundle is. A folder without model.json is BadInput.
Status warmStartFrom(const QString& init, QJsonObject& settings) {
  const QFileInfo bundleCard(init + QStringLiteral("/model.json"));
  if (!bundleCard.isFile())
    return badInputError(
        QStringLiteral("--init %1 is not a model bundle (no model.json).").arg(init));
  settings[QStringLiteral("init_bundle")] = bundleCard.absolutePath();
  settings[QStringLiteral("pretrained_weights")] = QString();
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
  return Ok{};
}

}  // namespace

void addTrainOptions(QCommandLineParser& parser) {
  parser.setApplicationDescription(QStringLiteral(
      "Fine-tunes an ImageNet-initialised network on labelled eye photos and writes a model bundle "
      "(weights, temperature, thresholds, out-of-distribution statistics, model card).\n"
      "Ctrl+C stops after the current batch and still writes the best epoch so far."));
  parser.addHelpOption();
  const OptionAdder option = [&](const char* name, const char* help, const char* value,
                                 const char* fallback) {
    addOption(parser, name, help, value, fallback);
  };
  addDataOptions(option);
  addHyperparameterOptions(option);
  addRunOptions(option);
}

Result<TrainSettings> readTrainSettings(const QCommandLineParser& parser) {
  const auto value = [&](const char* name) { return parser.value(QLatin1String(name)); };
  const auto given = [&](const char* name) { return parser.isSet(QLatin1String(name)); };
  const auto optional = [&](const char* name) {
    return given(name) ? std::optional<QString>(value(name)) : std::nullopt;
  };
  if (given("data") == given("aihub") || !given("out"))
    return badInputError(QStringLiteral("give --out and one of --data or --aihub."));
  const auto species = speciesFromId(value("species").toStdString());
  if (!species) return badInputError(QStringLiteral("--species must be dog or cat."));
  auto numbers = readTrainingNumbers(parser);
  if (!numbers) return numbers.error();
  auto run = readRunSettings(parser);
  if (!run) return run.error();
  const auto known = nn::knownArchitectures();
  if (given("architecture") &&
      std::find(known.begin(), known.end(), value("architecture").toStdString()) == known.end())
    return badInputError(
        QStringLiteral("--architecture must be mobilenet_v2 or mobilenet_edgetpu."));
  TrainSettings settings;
  settings.architecture = optional("architecture");
  settings.data = optional("data");
  settings.aihub = value("aihub");
  settings.species = *species;
  settings.trainSplit = value("train-split");
  settings.valSplit = value("val-split");
  settings.bundleDirectory = QFileInfo(value("out")).absoluteFilePath();
  settings.checkpointDirectory = given("checkpoint")
                                     ? QFileInfo(value("checkpoint")).absoluteFilePath()
                                     : settings.bundleDirectory + QStringLiteral(".checkpoint");
  settings.resume = given("resume") || given("finalize");
  settings.configFile = optional("config");
  if (given("pretrained")) settings.pretrained = QFileInfo(value("pretrained")).absoluteFilePath();
  settings.init = optional("init");
  settings.numbers = std::move(*numbers);
  settings.optimizer = optional("optimizer");
  settings.seed = optional("seed");
  settings.augment = !given("no-augment");
  settings.run = std::move(*run);
  settings.identity = {value("id").toStdString(), value("model-version").toStdString()};
  settings.json = given("json");
  return settings;
}

Result<QJsonObject> trainingSettingsJson(const TrainSettings& settings) {
  QJsonObject json;
  if (settings.configFile) {
    auto read = readConfigFile(*settings.configFile);
    if (!read) return read.error();
    json = std::move(*read);
  }
  if (settings.architecture) json[QStringLiteral("architecture")] = *settings.architecture;
  const QString architecture =
      json.value(QStringLiteral("architecture")).toString(QStringLiteral("mobilenet_v2"));
  json[QStringLiteral("pretrained_weights")] =
      settings.pretrained ? *settings.pretrained
                          : json.value(QStringLiteral("pretrained_weights"))
                                .toString(defaultPretrained(architecture));
  for (const auto& [key, number] : settings.numbers) json[key] = number;
  if (settings.optimizer) json[QStringLiteral("optimizer")] = *settings.optimizer;
  if (settings.init)
    if (auto warm = warmStartFrom(*settings.init, json); !warm) return warm.error();
  if (settings.seed) json[QStringLiteral("seed")] = *settings.seed;
  if (!settings.augment) json[QStringLiteral("augment")] = false;
  return json;
}

}  // namespace walness::cli
