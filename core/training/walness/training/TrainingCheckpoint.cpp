#include "walness/training/TrainingCheckpoint.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>

#include "walness/io/AtomicFile.h"
#include "walness/nn/FeatureClassifier.h"
#include "walness/nn/Safetensors.h"
#include "walness/nn/StateDict.h"
#include "walness/training/AdaptiveOptimizer.h"

namespace walness::training {

namespace {

std::string epochFile(const std::string& directory, int epoch, const char* suffix) {
  char name[64];
  std::snprintf(name, sizeof name, "epoch-%04d%s", epoch, suffix);
  return directory + "/" + name;
}

}  // namespace

QJsonObject EpochRecord::toJson() const {
  QJsonObject json{{QStringLiteral("epoch"), epoch},
                   {QStringLiteral("frozen_blocks"), frozenBlocks},
                   {QStringLiteral("train_loss"), trainLoss},
                   {QStringLiteral("val_loss"), validationLoss},
                   {QStringLiteral("learning_rate"), learningRate},
                   {QStringLiteral("seconds"), seconds}};
  if (validationMacroAuc) json[QStringLiteral("val_macro_auc")] = *validationMacroAuc;
  return json;
}

EpochRecord EpochRecord::fromJson(const QJsonObject& json) {
  EpochRecord record;
  record.epoch = json.value(QStringLiteral("epoch")).toInt();
  record.frozenBlocks = json.value(QStringLiteral("frozen_blocks")).toInt();
  record.trainLoss = json.value(QStringLiteral("train_loss")).toDouble();
  record.validationLoss = json.value(QStringLiteral("val_loss")).toDouble();
  record.learningRate = json.value(QStringLiteral("learning_rate")).toDouble();
  record.seconds = json.value(QStringLiteral("seconds")).toDouble();
  if (json.contains(QStringLiteral("val_macro_auc")))
    record.validationMacroAuc = json.value(QStringLiteral("val_macro_auc")).toDouble();
  return record;
}

TrainingCheckpoint::TrainingCheckpoint(std::string directory, QJsonObject config)
    : directory_(std::move(directory)), config_(std::move(config)) {
}

Result<CheckpointState> TrainingCheckpoint::open(bool resume, nn::FeatureClassifier& network,
                                                 AdaptiveOptimizer& optimizer) {
  QDir().mkpath(QString::fromStdString(directory_));
  const std::string statePath = directory_ + "/state.json";
  CheckpointState state;
  if (!QFile::exists(QString::fromStdString(statePath))) return state;
  if (!resume)
    return Error{directory_ +
                 " already holds a training run: pass --resume to "
                 "continue it or choose another checkpoint folder"};
  QFile file(QString::fromStdString(statePath));
  if (!file.open(QIODevice::ReadOnly)) return Error{statePath + ": cannot read"};
  const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
  if (json.value(QStringLiteral("config")).toObject() != config_)
    return Error{statePath +
                 ": the run was started with other settings; resume with the "
                 "same settings (saved in this file) or start a new run"};
  state.completedEpochs = json.value(QStringLiteral("completed_epochs")).toInt();
  state.bestEpoch = json.value(QStringLiteral("best_epoch")).toInt();
  if (json.contains(QStringLiteral("best_macro_auc")))
    state.bestMacroAuc = json.value(QStringLiteral("best_macro_auc")).toDouble();
  for (const QJsonValue& epoch : json.value(QStringLiteral("history")).toArray())
    state.history.push_back(EpochRecord::fromJson(epoch.toObject()));
  auto weights = nn::readSafetensors(epochFile(directory_, state.completedEpochs, ".safetensors"));
  if (!weights) return Error{weights.message()};
  if (auto loaded = nn::loadStateDict(network, weights->tensors, "checkpoint"); !loaded)
    return Error{loaded.message()};
  if (auto loaded =
          optimizer.load(epochFile(directory_, state.completedEpochs, ".optimizer.safetensors"));
      !loaded)
    return Error{loaded.message()};
  return state;
}

Status TrainingCheckpoint::saveBest(const nn::FeatureClassifier& network) {
  return nn::writeSafetensors(bestPath(), {nn::stateDict(network), {}});
}

Status TrainingCheckpoint::save(const CheckpointState& state, const nn::FeatureClassifier& network,
                                const AdaptiveOptimizer& optimizer) {
  const int epoch = state.completedEpochs;
  if (auto saved = nn::writeSafetensors(epochFile(directory_, epoch, ".safetensors"),
                                        {nn::stateDict(network), {}});
      !saved)
    return saved;
  if (auto saved = optimizer.save(epochFile(directory_, epoch, ".optimizer.safetensors")); !saved)
    return saved;
  QJsonArray history;
  for (const EpochRecord& past : state.history) history.append(past.toJson());
  QJsonObject json{{QStringLiteral("config"), config_},
                   {QStringLiteral("completed_epochs"), epoch},
                   {QStringLiteral("best_epoch"), state.bestEpoch},
                   {QStringLiteral("history"), history}};
  if (state.bestMacroAuc) json[QStringLiteral("best_macro_auc")] = *state.bestMacroAuc;
  if (auto saved = io::writeFileAtomically(QString::fromStdString(directory_ + "/state.json"),
                                           QJsonDocument(json).toJson());
      !saved)
    return Error{saved.message()};
  if (epoch > 1) {
    QFile::remove(QString::fromStdString(epochFile(directory_, epoch - 1, ".safetensors")));
    QFile::remove(
        QString::fromStdString(epochFile(directory_, epoch - 1, ".optimizer.safetensors")));
  }
  return Ok{};
}

}  // namespace walness::training
