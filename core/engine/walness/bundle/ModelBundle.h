#pragma once

#include <memory>
#include <string>
#include <vector>

#include "walness/Result.h"
#include "walness/bundle/ModelCard.h"
#include "walness/bundle/ModelLocator.h"
#include "walness/nn/FeatureClassifier.h"

namespace walness::bundle {

// A model on disk: a folder with model.json (the card) and the weights it names. No code and no
// pickles: the architecture is built by name and only tensors are read.
struct ModelBundle {
  std::string directory;
  ModelCard card;
  std::shared_ptr<nn::FeatureClassifier> network;  // weights loaded, in eval mode
};

// Loads and validates everything: the card's fields, the architecture name, the weights' sha256,
// and that the weights fit the architecture and the label count.
Result<ModelBundle> loadModelBundle(const std::string& directory);

// Writes `network`'s weights and the card (with the weights' sha256 filled in) into `directory`,
// each file atomically, the card last, so a half-written bundle never looks complete.
Result<ModelCard> writeModelBundle(const std::string& directory, ModelCard card,
                                   const nn::FeatureClassifier& network);

// The sha256 of a file, in lower-case hex.
Result<std::string> fileSha256(const std::string& path);

}  // namespace walness::bundle
