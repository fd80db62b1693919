#pragma once

#include <torch/torch.h>

#include <QDir>

#include <string>
#include <vector>

#include "SharedData.h"
#include "walness/bundle/ModelBundle.h"
#include "walness/nn/MobileNetV2.h"
#include "walness/nn/Safetensors.h"
#include "walness/nn/StateDict.h"

namespace walness::test {

// A bundle with untrained (seeded, random) MobileNetV2 weights: for testing the machinery only,
// never shipped as a model.
inline bundle::ModelCard testCard(std::vector<std::string> labels = {"conjunctivitis", "cataract",
                                                                     "blepharitis"}) {
  bundle::ModelCard card;
  card.id = "test-untrained";
  card.version = "0.0.1";
  card.species = Species::Dog;
  card.architecture = "mobilenet_v2";
  card.input.size = 224;
  card.input.resize = imaging::ResizePolicy::Letterbox;
  card.input.mean = {128, 128, 128};
  card.input.std = {128, 128, 128};
  for (size_t i = 0; i < labels.size(); ++i)
    card.labels.push_back({labels[i], 0.3 + 0.1 * double(i)});
  card.camLayer = "features.18";
  card.temperature = 1.5;
  card.metrics = QJsonObject{{QStringLiteral("note"), QStringLiteral("untrained test bundle")}};
  card.created = "2026-11-26T00:00:00Z";
  card.trainerVersion = "test";
  return card;
}

inline std::string writeTestBundle(const QString& directory, bundle::ModelCard card = testCard(),
                                   uint64_t seed = 1) {
  torch::manual_seed(seed);
  nn::MobileNetV2 network(int64_t(card.labels.size()));
  auto written = bundle::writeModelBundle(directory.toStdString(), card, *network);
  if (!written) ADD_FAILURE() << written.message();
  return directory.toStdString();
}

// The ImageNet backbone from ../shared with a random head: features that mean something, so
// feature statistics (out-of-distribution scores) behave as with a trained model.
inline nn::MobileNetV2 pretrainedTestNetwork(int64_t labels, uint64_t seed = 1) {
  torch::manual_seed(seed);
  nn::MobileNetV2 network(labels);
  auto imagenet = nn::readSafetensors(
      sharedPath(QStringLiteral("pretrained/mobilenet_v2_imagenet.safetensors")));
  if (!imagenet) {
    ADD_FAILURE() << imagenet.message();
    return network;
  }
  auto state = nn::stateDict(*network);
  for (auto& [name, tensor] : imagenet->tensors)
    if (name.rfind("features.", 0) == 0) state[name] = tensor;
  auto loaded = nn::loadStateDict(*network, state, "pretrained test network");
  if (!loaded) ADD_FAILURE() << loaded.message();
  network->eval();
  return network;
}

inline std::string writePretrainedTestBundle(const QString& directory,
                                             bundle::ModelCard card = testCard()) {
  auto network = pretrainedTestNetwork(int64_t(card.labels.size()));
  auto written = bundle::writeModelBundle(directory.toStdString(), card, *network);
  if (!written) ADD_FAILURE() << written.message();
  return directory.toStdString();
}

}  // namespace walness::test
