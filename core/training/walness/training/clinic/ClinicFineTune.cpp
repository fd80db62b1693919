#include "walness/training/clinic/ClinicFineTune.h"

#include <torch/torch.h>

#include <QDir>
#include <QFile>
#include <QSaveFile>

#include <thread>

#include "walness/bundle/ModelBundle.h"
#include "walness/gate/EyeGate.h"
#include "walness/gate/EyeGateCard.h"
#include "walness/history/HistoryStore.h"
#include "walness/nn/Safetensors.h"
#include "walness/training/data/LabeledDataset.h"

namespace walness::training {

namespace {

// The base bundle's eye gate reads the backbone's features; when every backbone tensor of the new
// bundle equals the base's (checked one by one), the gate is valid for it as it is: copy it and
// point its card at the new weights. Otherwise the new bundle has no gate (and says so).
Result<bool> carryEyeGate(const std::string& baseDirectory, const std::string& newDirectory) {
  auto base = bundle::loadModelBundle(baseDirectory);
  if (!base) return Error{base.message()};
  const QDir from(QString::fromStdString(baseDirectory)), to(QString::fromStdString(newDirectory));
  QFile cardFile(from.filePath(QString::fromLatin1(gate::kEyeGateCardFile)));
  if (!cardFile.exists()) return false;
  if (!cardFile.open(QIODevice::ReadOnly)) return Error{"cannot read the eye gate card"};
  auto gateCard = gate::parseEyeGateCard(cardFile.readAll(), cardFile.fileName().toStdString());
  if (!gateCard) return Error{gateCard.message()};
  auto newCard = bundle::loadModelBundle(newDirectory);
  if (!newCard) return Error{newCard.message()};
  auto oldWeights = nn::readSafetensors(
      from.filePath(QString::fromStdString(base->card.weightsFile)).toStdString());
  auto newWeights = nn::readSafetensors(
      to.filePath(QString::fromStdString(newCard->card.weightsFile)).toStdString());
  if (!oldWeights || !newWeights) return Error{"cannot read the weights to compare backbones"};
  for (const auto& [name, tensor] : oldWeights->tensors) {
    if (name.rfind("classifier.", 0) == 0) continue;
    const auto other = newWeights->tensors.find(name);
    if (other == newWeights->tensors.end() || !torch::equal(tensor, other->second)) return false;
  }
  if (!QFile::copy(from.filePath(QString::fromStdString(gateCard->weightsFile)),
                   to.filePath(QString::fromStdString(gateCard->weightsFile))))
    return Error{"cannot copy the eye gate's weights"};
  // The eye locator reads the same backbone (earlier blocks): it stays valid too.
  if (gateCard->locator &&
      !QFile::copy(from.filePath(QString::fromStdString(gateCard->locator->weightsFile)),
                   to.filePath(QString::fromStdString(gateCard->locator->weightsFile))))
    return Error{"cannot copy the eye locator's weights"};
  gateCard->backboneWeightsSha256 = newCard->card.weightsSha256;
  QSaveFile out(to.filePath(QString::fromLatin1(gate::kEyeGateCardFile)));
  const QByteArray bytes = gate::serializeEyeGateCard(*gateCard);
  if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit())
    return Error{"cannot write the eye gate card"};
  return true;
}

}  // namespace

Result<ClinicFineTuneResult> fineTuneOnConfirmedChecks(
    const ClinicFineTuneOptions& options, const std::atomic<bool>& stop,
    const std::function<void(const TrainingProgress&)>& progress) {
  const QDir work(QString::fromStdString(options.workDirectory));
  if (!QDir().mkpath(work.path()))
    return Error{"cannot create the folder " + options.workDirectory};
  const std::string exportDirectory = work.filePath(QStringLiteral("export")).toStdString();
  const std::string bundleDirectory = work.filePath(QStringLiteral("bundle")).toStdString();
  const std::string checkpointDirectory = work.filePath(QStringLiteral("checkpoint")).toStdString();
  auto base = bundle::loadModelBundle(options.baseBundle);
  if (!base) return Error{base.message()};

  if (progress) progress({TrainingPhase::Export, 0, options.epochs, 0, 1, 0, 0, 0});
  auto store = history::HistoryStore::open(options.history);
  if (!store) return Error{store.message()};
  history::LabelExportOptions exportOptions;
  exportOptions.species = options.species;
  auto exported = history::exportConfirmedLabels(**store, exportDirectory, exportOptions);
  if (!exported) return Error{exported.message()};
  if (exported->heldBackPhotos == 0 || exported->trainPhotos == 0)
    return Error{
        "the confirmed checks come from too few pets to hold some back for the "
        "comparison (at least two pets are needed)"};
  if (stop) return Error{"cancelled"};

  auto dataset = readLabelsCsv(exportDirectory + "/labels.csv", options.species);
  if (!dataset) return Error{dataset.message()};
  LabeledDataset train = dataset->subset("train");
  LabeledDataset heldBack = dataset->subset("val");

  TrainingConfig config;
  config.architecture = base->card.architecture;
  config.inputSize = base->card.input.size;
  config.initBundle = options.baseBundle;
  config.epochs = options.epochs;
  config.freezeBlocks = options.freezeBlocks;
  config.optimizer.learningRate = 3e-4;
  config.warmupEpochs = 0.2;
  config.patience = options.epochs;
  RunSettings run;
  run.threads = options.threads;
  Trainer trainer(config, run, std::move(train), heldBack);
  trainer.setProgressHandler(progress);
  // The trainer watches its own flag; forward ours to it while it runs.
  std::atomic<bool> finished{false};
  std::thread watcher([&] {
    while (!finished) {
      if (stop) trainer.requestStop();
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  auto outcome =
      trainer.run(checkpointDirectory, false, bundleDirectory, {base->card.id, options.newVersion});
  finished = true;
  watcher.join();
  if (stop) return Error{"cancelled"};
  if (!outcome) return Error{outcome.message()};

  if (progress) progress({TrainingPhase::Compare, options.epochs, options.epochs, 0, 1, 0, 0, 0});
  auto comparison = compareBundles(bundleDirectory, options.baseBundle, heldBack);
  if (!comparison) return Error{comparison.message()};
  if (auto annotated = annotateWarmStartCard(bundleDirectory, exportDirectory + "/labels.csv",
                                             &*comparison, options.baseBundle);
      !annotated)
    return annotated.error();
  auto carried = carryEyeGate(options.baseBundle, bundleDirectory);
  if (!carried) return Error{carried.message()};
  ClinicFineTuneResult result;
  result.eyeGateCarried = *carried;
  result.bundleDirectory = bundleDirectory;
  result.exported = *exported;
  result.comparison = std::move(*comparison);
  result.outcome = std::move(*outcome);
  return result;
}

}  // namespace walness::training
