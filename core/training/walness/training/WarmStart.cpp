#include "walness/training/WarmStart.h"

#include <torch/torch.h>

#include <QJsonObject>
#include <QJsonValue>

#include <algorithm>

#include "walness/bundle/ModelBundle.h"
#include "walness/nn/StateDict.h"

namespace walness::training {

std::string WarmStart::describe() const {
  std::string text = "weights of bundle " + bundleId + " " + bundleVersion;
  if (newHead) return text + " (backbone only: another species, new head)";
  text += " (" + std::to_string(keptRows.size()) + " head rows kept";
  if (!newRows.empty()) {
    text += ", new rows for";
    for (const std::string& id : newRows) text += " " + id;
  }
  return text + ")";
}

Result<WarmStart> warmStartFromBundle(nn::FeatureClassifier& network,
                                      const std::string& architecture,
                                      const std::vector<std::string>& diseases, Species species,
                                      const std::string& bundleDirectory) {
  auto bundle = bundle::loadModelBundle(bundleDirectory);
  if (!bundle) return Error{"--init " + bundleDirectory + ": " + bundle.message()};
  const bundle::ModelCard& card = bundle->card;
  if (card.architecture != architecture)
    return Error{"--init " + bundleDirectory + ": the bundle is a " + card.architecture +
                 ", the run trains a " + architecture};
  WarmStart start;
  start.bundleId = card.id;
  start.bundleVersion = card.version;
  start.newHead = card.species != species;

  const std::map<std::string, at::Tensor> source = nn::stateDict(*bundle->network);
  std::map<std::string, at::Tensor> target = nn::stateDict(network);
  torch::NoGradGuard noGrad;
  for (auto& [name, tensor] : target) {
    const bool head = name.rfind("classifier.", 0) == 0;
    const auto found = source.find(name);
    if (found == source.end())
      return Error{"--init " + bundleDirectory + ": the bundle has no tensor '" + name + "'"};
    if (!head) {
      tensor = found->second.clone();
      continue;
    }
    if (start.newHead) continue;
    // Head rows follow the label order; copy the rows of the diseases both label.
    tensor = tensor.clone();
    for (size_t d = 0; d < diseases.size(); ++d) {
      const auto it = std::find_if(card.labels.begin(), card.labels.end(),
                                   [&](const bundle::LabelSpec& l) { return l.id == diseases[d]; });
      if (it == card.labels.end()) continue;
      tensor[int64_t(d)].copy_(found->second[int64_t(it - card.labels.begin())]);
      // The bundle's biases carry the prior correction its finaliser applied (the training loss
      // weighs positives up); put it back so training resumes where it left off.
      const QJsonValue correction = card.metrics.value(QStringLiteral("logit_prior_correction"))
                                        .toObject()
                                        .value(QString::fromStdString(diseases[d]));
      if (name.size() > 5 && name.compare(name.size() - 5, 5, ".bias") == 0 &&
          correction.isDouble())
        tensor[int64_t(d)] -= correction.toDouble();
    }
  }
  if (!start.newHead)
    for (const std::string& id : diseases) {
      const bool kept = std::any_of(card.labels.begin(), card.labels.end(),
                                    [&](const bundle::LabelSpec& l) { return l.id == id; });
      (kept ? start.keptRows : start.newRows).push_back(id);
    }
  if (auto loaded = nn::loadStateDict(network, target, bundleDirectory); !loaded)
    return Error{loaded.message()};
  return start;
}

}  // namespace walness::training
