#include "walness/training/InitialNetwork.h"

#include <torch/torch.h>

#include <map>

#include "walness/nn/Architectures.h"
#include "walness/nn/Safetensors.h"
#include "walness/nn/StateDict.h"
#include "walness/training/WarmStart.h"

namespace walness::training {

namespace {

// The backbone from the ImageNet weights file, the new head as initialised.
Status loadPretrainedBackbone(nn::FeatureClassifier& network, const TrainingConfig& config) {
  auto pretrained = nn::readSafetensors(config.pretrainedWeights);
  if (!pretrained) return Error{pretrained.message()};
  std::map<std::string, at::Tensor> tensors = nn::stateDict(network);
  for (auto& [name, tensor] : tensors) {
    if (name.rfind("classifier.", 0) == 0) continue;
    const auto found = pretrained->tensors.find(name);
    const bool counter = name.size() > 20 && name.rfind("num_batches_tracked") == name.size() - 19;
    if (found == pretrained->tensors.end() && counter) continue;
    if (found == pretrained->tensors.end())
      return Error{config.pretrainedWeights + ": no tensor '" + name + "' for " +
                   config.architecture};
    tensor = found->second;
  }
  if (auto loaded = nn::loadStateDict(network, tensors, config.pretrainedWeights); !loaded)
    return Error{loaded.message()};
  return Ok{};
}

}  // namespace

Result<std::shared_ptr<nn::FeatureClassifier>> createInitialNetwork(const TrainingConfig& config,
                                                                    const LabeledDataset& train,
                                                                    std::string& initialisation) {
  auto created = nn::createArchitecture(config.architecture, int64_t(train.diseases.size()));
  if (!created) return Error{created.message()};
  std::shared_ptr<nn::FeatureClassifier> network = *created;
  if (network->featureBlockCount() == 0)
    return Error{config.architecture +
                 " is not trained as a whole: train its members, then join them with "
                 "walness-cli ensemble"};
  if (!config.initBundle.empty()) {
    auto started = warmStartFromBundle(*network, config.architecture, train.diseases, train.species,
                                       config.initBundle);
    if (!started) return Error{started.message()};
    initialisation = started->describe();
  } else if (!config.pretrainedWeights.empty()) {
    if (auto loaded = loadPretrainedBackbone(*network, config); !loaded)
      return Error{loaded.message()};
  }
  return network;
}

}  // namespace walness::training
