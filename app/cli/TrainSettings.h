#pragma once

#include <QCommandLineParser>
#include <QJsonObject>
#include <QString>

#include <optional>
#include <utility>
#include <vector>

#include "walness/Result.h"
#include "walness/Species.h"
#include "walness/training/Trainer.h"
#include "walness/training/TrainingConfig.h"

namespace walness::cli {

// What `walness-cli train` was told, checked: the photos, where the bundle and the checkpoints
// go, how the run goes, and the training settings that override the defaults and --config.
struct TrainSettings {
  std::optional<QString> data;  // labels.csv; nullopt: aihub
  QString aihub;
  Species species = Species::Dog;
  QString trainSplit;
  QString valSplit;
  QString bundleDirectory;      // absolute
  QString checkpointDirectory;  // absolute
  bool resume = false;          // --resume or --finalize
  std::optional<QString> configFile;
  std::optional<QString> architecture;              // as given; else the config's or the card's
  std::optional<QString> pretrained;                // absolute
  std::optional<QString> init;                      // as given
  std::vector<std::pair<QString, double>> numbers;  // keys as in the card's provenance.training
  std::optional<QString> optimizer;
  std::optional<QString> seed;
  bool augment = true;
  training::RunSettings run;
  training::BundleIdentity identity;
  bool json = false;
};

// The description and options of `walness-cli train`, with --help.
void addTrainOptions(QCommandLineParser& parser);

// The options of a parsed command line; every error is a usage error.
Result<TrainSettings> readTrainSettings(const QCommandLineParser& parser);

// The training settings as TrainingConfig::fromJson reads them: the defaults, then --config, then
// the options; a warm start keeps the architecture and input of the --init bundle unless told
// otherwise. A --config that is no JSON object or an --init that is no bundle is BadInput.
Result<QJsonObject> trainingSettingsJson(const TrainSettings& settings);

}  // namespace walness::cli
