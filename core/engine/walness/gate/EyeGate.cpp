#include "walness/gate/EyeGate.h"

#include <torch/torch.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include "walness/bundle/ModelBundle.h"
#include "walness/io/AtomicFile.h"
#include "walness/io/RegularFile.h"
#include "walness/nn/Safetensors.h"
#include "walness/nn/StateDict.h"

namespace walness::gate {

GateScores EyeGate::score(const torch::Tensor& features) const {
  torch::NoGradGuard noGrad;
  const torch::Tensor pooled = EyeGateHeadImpl::pool(features.detach().to(torch::kCPU));
  const torch::Tensor probabilities = torch::softmax(head->forward(pooled), 1)[0];
  return {probabilities[kDogEye].item<double>(), probabilities[kCatEye].item<double>(),
          probabilities[kNotEye].item<double>()};
}

GateVerdict EyeGate::judge(const GateScores& scores, Species modelSpecies) const {
  if (scores.notEye >= card.notEyeThreshold) return {GateRefusal::NotAnEye, std::nullopt};
  const Species other = modelSpecies == Species::Dog ? Species::Cat : Species::Dog;
  const double eyes = scores.dogEye + scores.catEye;
  if (eyes > 0 && scores.eyeOf(other) / eyes >= card.otherSpeciesThreshold)
    return {GateRefusal::OtherSpecies, other};
  return {};
}

Result<std::optional<EyeGate>> loadEyeGate(const std::string& bundleDirectory,
                                           const std::string& backboneWeightsSha256) {
  const QDir directory(QString::fromStdString(bundleDirectory));
  const QString cardPath = directory.filePath(QString::fromLatin1(kEyeGateCardFile));
  if (!QFileInfo::exists(cardPath)) return std::optional<EyeGate>{};
  auto cardBytes = io::readRegularFile(cardPath, 16 * 1024 * 1024);
  if (!cardBytes) return cardBytes.error();
  auto card = parseEyeGateCard(*cardBytes, cardPath.toStdString());
  if (!card) return card.error();
  if (card->backboneWeightsSha256 != backboneWeightsSha256)
    return Error{cardPath.toStdString() +
                 ": the eye gate was trained for other model weights; retrain it with "
                 "'walness-cli train-gate --model " +
                 bundleDirectory + "'"};
  const std::string weightsPath =
      directory.filePath(QString::fromStdString(card->weightsFile)).toStdString();
  auto sha = bundle::fileSha256(weightsPath);
  if (!sha) return sha.error();
  if (sha.value() != card->weightsSha256)
    return Error{weightsPath + ": sha256 does not match the eye gate card (damaged or replaced)"};
  auto weights = nn::readSafetensors(weightsPath);
  if (!weights) return weights.error();
  EyeGateHead head(card->featureChannels, card->hidden);
  EyeGate gate{std::move(card.value()), head};
  auto loaded = nn::loadStateDict(*gate.head, weights->tensors, weightsPath);
  if (!loaded) return loaded.error();
  gate.head->eval();
  for (auto& parameter : gate.head->parameters()) parameter.set_requires_grad(false);
  if (gate.card.locator) {
    const locator::EyeLocatorSettings& settings = *gate.card.locator;
    const std::string locatorPath =
        directory.filePath(QString::fromStdString(settings.weightsFile)).toStdString();
    auto locatorSha = bundle::fileSha256(locatorPath);
    if (!locatorSha) return locatorSha.error();
    if (locatorSha.value() != settings.weightsSha256)
      return Error{locatorPath + ": sha256 does not match the eye gate card (damaged or replaced)"};
    auto locatorWeights = nn::readSafetensors(locatorPath);
    if (!locatorWeights) return locatorWeights.error();
    gate.locator =
        locator::EyeLocatorHead(settings.fineChannels, settings.deepChannels, settings.hidden);
    auto locatorLoaded = nn::loadStateDict(*gate.locator, locatorWeights->tensors, locatorPath);
    if (!locatorLoaded) return locatorLoaded.error();
    gate.locator->eval();
    for (auto& parameter : gate.locator->parameters()) parameter.set_requires_grad(false);
  }
  return std::optional<EyeGate>(std::move(gate));
}

Result<EyeGateCard> writeEyeGate(const std::string& bundleDirectory, EyeGateCard card,
                                 const EyeGateHead& head,
                                 const locator::EyeLocatorHead* locatorHead) {
  const QDir directory(QString::fromStdString(bundleDirectory));
  const std::string weightsPath =
      directory.filePath(QString::fromStdString(card.weightsFile)).toStdString();
  nn::TensorFile file;
  file.tensors = nn::stateDict(*head);
  file.metadata["walness.eye_gate_version"] = card.version;
  auto written = nn::writeSafetensors(weightsPath, file);
  if (!written) return written.error();
  auto sha = bundle::fileSha256(weightsPath);
  if (!sha) return sha.error();
  card.weightsSha256 = sha.value();
  if (locatorHead && card.locator) {
    const std::string locatorPath =
        directory.filePath(QString::fromStdString(card.locator->weightsFile)).toStdString();
    nn::TensorFile locatorFile;
    locatorFile.tensors = nn::stateDict(**locatorHead);
    locatorFile.metadata["walness.eye_gate_version"] = card.version;
    auto locatorWritten = nn::writeSafetensors(locatorPath, locatorFile);
    if (!locatorWritten) return locatorWritten.error();
    auto locatorSha = bundle::fileSha256(locatorPath);
    if (!locatorSha) return locatorSha.error();
    card.locator->weightsSha256 = locatorSha.value();
  }
  auto saved = io::writeFileAtomically(directory.filePath(QString::fromLatin1(kEyeGateCardFile)),
                                       serializeEyeGateCard(card));
  if (!saved) return saved.error();
  return card;
}

}  // namespace walness::gate
