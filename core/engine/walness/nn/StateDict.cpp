#include "walness/nn/StateDict.h"

#include <torch/torch.h>

#include <set>
#include <sstream>

namespace walness::nn {

namespace {

bool isOptionalBuffer(const std::string& name) {
  static const std::string kSuffix = "num_batches_tracked";
  return name.size() >= kSuffix.size() &&
         name.compare(name.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0;
}

std::string shapeText(at::IntArrayRef sizes) {
  std::ostringstream text;
  text << '[';
  for (size_t i = 0; i < sizes.size(); ++i) text << (i ? ", " : "") << sizes[i];
  text << ']';
  return text.str();
}

std::string listSome(const std::vector<std::string>& names) {
  std::string text;
  for (size_t i = 0; i < names.size() && i < 5; ++i) text += (i ? ", " : "") + names[i];
  if (names.size() > 5) text += " and " + std::to_string(names.size() - 5) + " more";
  return text;
}

}  // namespace

Status loadStateDict(torch::nn::Module& module, const std::map<std::string, at::Tensor>& tensors,
                     const std::string& source) {
  std::vector<std::pair<std::string, at::Tensor>> targets;
  for (const auto& item : module.named_parameters(/*recurse=*/true))
    targets.emplace_back(item.key(), item.value());
  for (const auto& item : module.named_buffers(/*recurse=*/true))
    targets.emplace_back(item.key(), item.value());

  std::vector<std::string> missing;
  std::set<std::string> used;
  for (const auto& [name, target] : targets) {
    auto found = tensors.find(name);
    if (found == tensors.end()) {
      if (!isOptionalBuffer(name)) missing.push_back(name);
      continue;
    }
    if (found->second.sizes() != target.sizes())
      return Error{source + ": tensor '" + name + "' has shape " +
                   shapeText(found->second.sizes()) + " but the model needs " +
                   shapeText(target.sizes())};
    used.insert(name);
  }
  if (!missing.empty())
    return Error{source + ": the weights lack " + std::to_string(missing.size()) +
                 " tensors the model needs: " + listSome(missing)};
  std::vector<std::string> unexpected;
  for (const auto& [name, tensor] : tensors)
    if (!used.count(name) && !isOptionalBuffer(name)) unexpected.push_back(name);
  if (!unexpected.empty())
    return Error{source + ": the weights hold " + std::to_string(unexpected.size()) +
                 " tensors this model does not have: " + listSome(unexpected)};

  torch::NoGradGuard noGrad;
  for (auto& [name, target] : targets) {
    auto found = tensors.find(name);
    if (found != tensors.end()) target.copy_(found->second.to(target.device(), target.dtype()));
  }
  return Ok{};
}

std::map<std::string, at::Tensor> stateDict(const torch::nn::Module& module) {
  std::map<std::string, at::Tensor> state;
  for (const auto& item : module.named_parameters(/*recurse=*/true))
    state.emplace(item.key(), item.value().detach().to(torch::kCPU).clone());
  for (const auto& item : module.named_buffers(/*recurse=*/true))
    state.emplace(item.key(), item.value().detach().to(torch::kCPU).clone());
  return state;
}

}  // namespace walness::nn
