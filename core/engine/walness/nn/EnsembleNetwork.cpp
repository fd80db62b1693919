#include "walness/nn/EnsembleNetwork.h"

#include <torch/torch.h>

#include <cmath>

namespace walness::nn {

EnsembleNetworkImpl::EnsembleNetworkImpl(std::vector<std::shared_ptr<FeatureClassifier>> members)
    : members_(std::move(members)), numClasses_(members_.empty() ? 0 : members_[0]->numClasses()) {
  TORCH_CHECK(members_.size() >= 2, "an ensemble needs at least two members, not ",
              members_.size());
  // A module list names its children "0", "1", ...: the members' parameters become
  // members.0.features..., members.1.features... (a submodule's own name may hold no dot).
  torch::nn::ModuleList list;
  for (size_t i = 0; i < members_.size(); ++i) {
    TORCH_CHECK(members_[i]->numClasses() == numClasses_, "ensemble member ", i, " has ",
                members_[i]->numClasses(), " outputs, member 0 has ", numClasses_);
    list->push_back(members_[i]);
  }
  register_module("members", list);
  memberTemperatures_ =
      register_buffer("member_temperatures", torch::ones({int64_t(members_.size())}));
  logitShift_ = register_buffer("logit_shift", torch::zeros({numClasses_}));
}

torch::Tensor EnsembleNetworkImpl::features(const torch::Tensor& input) {
  std::vector<torch::Tensor> maps;
  for (size_t i = 0; i < members_.size(); ++i) {
    maps.push_back(members_[i]->features(input));
    TORCH_CHECK(maps[i].size(2) == maps[0].size(2) && maps[i].size(3) == maps[0].size(3),
                "ensemble member ", i, "'s CAM layer is ", maps[i].size(2), "x", maps[i].size(3),
                " for this input, member 0's is ", maps[0].size(2), "x", maps[0].size(3),
                ": the members need the same output stride (and padding) to be averaged");
  }
  return torch::cat(maps, 1);
}

// Grad-CAM over the concatenated activations weights every member's channels by the gradient of
// the ensemble's logit, which flows back through the averaged probability: on member i's
// channels it is the member's own gradient times (1/n) p_i (1 - p_i) / T_i / (p (1 - p)), so the
// map is the sum of the members' own CAMs (before the ReLU), each scaled by how much its
// probability moves the average on this photo.
torch::Tensor EnsembleNetworkImpl::head(const torch::Tensor& features) {
  std::vector<torch::Tensor> logProbabilities, logComplements;
  int64_t offset = 0;
  for (size_t i = 0; i < members_.size(); ++i) {
    const int64_t channels = members_[i]->featureChannels();
    const torch::Tensor calibrated =
        members_[i]->head(features.narrow(1, offset, channels)) / memberTemperatures_[int64_t(i)];
    offset += channels;
    logProbabilities.push_back(torch::log_sigmoid(calibrated));
    logComplements.push_back(torch::log_sigmoid(-calibrated));
  }
  // logit(mean p) = log(sum p_i) - log(sum (1 - p_i)), the 1/n cancelling; in log space it needs
  // no clamping near 0 or 1 and keeps gradients for confident members.
  const torch::Tensor logit = torch::logsumexp(torch::stack(logProbabilities), 0) -
                              torch::logsumexp(torch::stack(logComplements), 0);
  return logit + logitShift_;
}

void EnsembleNetworkImpl::prepareForInference() {
  for (auto& member : members_) member->prepareForInference();
}

void EnsembleNetworkImpl::freezeFeatureBlocks(int64_t /*count*/) {
  for (auto& member : members_) member->freezeFeatureBlocks(0);
}

void EnsembleNetworkImpl::keepNormStatistics(bool keep) {
  for (auto& member : members_) member->keepNormStatistics(keep);
}

void EnsembleNetworkImpl::shiftLogits(const torch::Tensor& offsets) {
  torch::NoGradGuard noGrad;
  logitShift_.add_(offsets.to(logitShift_.device(), torch::kFloat));
}

std::string EnsembleNetworkImpl::camLayer() const {
  std::string layers;
  for (size_t i = 0; i < members_.size(); ++i)
    layers += (i ? "+members." : "members.") + std::to_string(i) + "." + members_[i]->camLayer();
  return layers;
}

int64_t EnsembleNetworkImpl::featureChannels() const {
  int64_t channels = 0;
  for (const auto& member : members_) channels += member->featureChannels();
  return channels;
}

std::vector<torch::Tensor> EnsembleNetworkImpl::locatorFeatures(const torch::Tensor& input) {
  return members_[0]->locatorFeatures(input);
}

std::pair<int64_t, int64_t> EnsembleNetworkImpl::locatorChannels() const {
  return members_[0]->locatorChannels();
}

void EnsembleNetworkImpl::setMemberTemperatures(const std::vector<double>& temperatures) {
  TORCH_CHECK(temperatures.size() == members_.size(), "an ensemble of ", members_.size(),
              " members needs as many temperatures, not ", temperatures.size());
  torch::NoGradGuard noGrad;
  for (size_t i = 0; i < temperatures.size(); ++i) {
    TORCH_CHECK(std::isfinite(temperatures[i]) && temperatures[i] > 0,
                "a member's temperature must be a positive number, not ", temperatures[i]);
    memberTemperatures_[int64_t(i)].fill_(temperatures[i]);
  }
}

}  // namespace walness::nn
