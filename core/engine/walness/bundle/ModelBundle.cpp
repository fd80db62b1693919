#include "walness/bundle/ModelBundle.h"

#include <torch/torch.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include "walness/io/RegularFile.h"
#include "walness/nn/Architectures.h"
#include "walness/nn/Safetensors.h"
#include "walness/nn/StateDict.h"

namespace walness::bundle {

namespace {
const QString kCardFile = QStringLiteral("model.json");

Result<ModelCard> readCard(const QDir& directory) {
  const QString path = directory.filePath(kCardFile);
  if (!QFileInfo::exists(path))
    return Error{directory.path().toStdString() + ": not a model bundle (no model.json)"};
  auto bytes = io::readRegularFile(path, 64 * 1024 * 1024);
  if (!bytes) return bytes.error();
  return parseModelCard(*bytes, path.toStdString());
}
}  // namespace

Result<std::string> fileSha256(const std::string& path) {
  if (auto regular = io::checkRegularFile(QString::fromStdString(path)); !regular)
    return regular.error();
  QFile file(QString::fromStdString(path));
  if (!file.open(QIODevice::ReadOnly))
    return Error{path + ": cannot be read (" + file.errorString().toStdString() + ")"};
  QCryptographicHash hash(QCryptographicHash::Sha256);
  if (!hash.addData(&file)) return Error{path + ": could not be read completely"};
  return hash.result().toHex().toStdString();
}

Result<ModelBundle> loadModelBundle(const std::string& directoryPath) {
  const QDir directory(QString::fromStdString(directoryPath));
  if (!directory.exists()) return Error{directoryPath + ": no such model bundle folder"};
  auto card = readCard(directory);
  if (!card) return card.error();

  auto network = nn::createArchitecture(card->architecture, int64_t(card->labels.size()));
  if (!network) return Error{directoryPath + ": " + network.message()};
  if (network.value()->camLayer() != card->camLayer)
    return Error{directoryPath + ": the card names CAM layer \"" + card->camLayer + "\" but " +
                 card->architecture + " provides \"" + network.value()->camLayer() + "\""};
  if (card->ood && int64_t(card->ood->featureMean.size()) != network.value()->featureChannels())
    return Error{directoryPath + ": the out-of-distribution statistics have " +
                 std::to_string(card->ood->featureMean.size()) + " channels but " +
                 card->architecture + " has " + std::to_string(network.value()->featureChannels())};

  const std::string weightsPath =
      directory.filePath(QString::fromStdString(card->weightsFile)).toStdString();
  if (!QFile::exists(QString::fromStdString(weightsPath)))
    return Error{weightsPath + ": the bundle's weights file is missing"};
  auto sha = fileSha256(weightsPath);
  if (!sha) return sha.error();
  if (sha.value() != card->weightsSha256)
    return Error{weightsPath + ": sha256 " + sha.value() + " does not match the card's " +
                 card->weightsSha256 + " (the file is damaged or was replaced)"};
  auto weights = nn::readSafetensors(weightsPath);
  if (!weights) return weights.error();
  auto loaded = nn::loadStateDict(*network.value(), weights->tensors, weightsPath);
  if (!loaded) return loaded.error();
  network.value()->eval();
  return ModelBundle{directoryPath, std::move(card.value()), std::move(network.value())};
}

Result<ModelCard> writeModelBundle(const std::string& directoryPath, ModelCard card,
                                   const nn::FeatureClassifier& network) {
  QDir directory(QString::fromStdString(directoryPath));
  if (!directory.mkpath(QStringLiteral(".")))
    return Error{directoryPath + ": cannot create the bundle folder"};
  const std::string weightsPath =
      directory.filePath(QString::fromStdString(card.weightsFile)).toStdString();
  nn::TensorFile file;
  file.tensors = nn::stateDict(network);
  file.metadata["walness.model_id"] = card.id;
  file.metadata["walness.model_version"] = card.version;
  auto written = nn::writeSafetensors(weightsPath, file);
  if (!written) return written.error();
  auto sha = fileSha256(weightsPath);
  if (!sha) return sha.error();
  card.weightsSha256 = sha.value();
  card.camLayer = network.camLayer();

  QSaveFile output(directory.filePath(kCardFile));
  if (!output.open(QIODevice::WriteOnly) || output.write(serializeModelCard(card)) < 0 ||
      !output.commit())
    return Error{directoryPath + ": cannot write model.json (" +
                 output.errorString().toStdString() + ")"};
  return card;
}

std::vector<BundleListing> listBundles(const std::vector<std::string>& searchDirectories) {
  std::vector<BundleListing> found;
  for (const std::string& search : searchDirectories) {
    const QDir root(QString::fromStdString(search));
    for (const QString& name : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
      const QDir candidate(root.filePath(name));
      if (!candidate.exists(kCardFile)) continue;
      if (auto card = readCard(candidate))
        found.push_back({candidate.path().toStdString(), std::move(card.value())});
    }
  }
  return found;
}

}  // namespace walness::bundle
