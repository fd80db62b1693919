#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "walness/nn/FeatureClassifier.h"

namespace walness::nn {

// Two or more trained networks screening as one: each member's probabilities are calibrated with
// its own bundle's temperature and averaged, and the average is returned as a logit, so a bundle
// of it gets one temperature, one threshold per disease and one gate like any other. Members are
// submodules `members.0`, `members.1`, ... (their parameter names keep theirs behind that
// prefix); the buffers `member_temperatures` (one per member) and `logit_shift` (one per class)
// travel in the weights file. Built by name: createArchitecture("ensemble(a,b)").
class EnsembleNetworkImpl : public FeatureClassifier {
 public:
  // Every member needs `numClasses` outputs; temperatures start at 1.
  explicit EnsembleNetworkImpl(std::vector<std::shared_ptr<FeatureClassifier>> members);

  // The members' CAM-layer activations, concatenated along the channels. They must have the
  // same spatial size (the MobileNets are all stride 32).
  torch::Tensor features(const torch::Tensor& input) override;
  // logit(mean_i sigmoid(head_i(features_i) / T_i)) + logit_shift.
  torch::Tensor head(const torch::Tensor& features) override;

  void prepareForInference() override;
  // An ensemble is assembled from trained members, never trained as a whole: it has no blocks
  // to freeze, and freezing unfreezes the members (what the bundle finalizer asks for).
  int64_t featureBlockCount() const override { return 0; }
  void freezeFeatureBlocks(int64_t count) override;
  void keepNormStatistics(bool keep) override;
  void shiftLogits(const torch::Tensor& offsets) override;

  // The members' CAM layers joined by '+', e.g. "members.0.features.18+members.1.features.23".
  std::string camLayer() const override;
  int64_t featureChannels() const override;
  int64_t numClasses() const override { return numClasses_; }

  // The first member's maps: the eye locator runs on them.
  std::vector<torch::Tensor> locatorFeatures(const torch::Tensor& input) override;
  std::pair<int64_t, int64_t> locatorChannels() const override;

  const std::vector<std::shared_ptr<FeatureClassifier>>& members() const { return members_; }
  // Each member's calibrated temperature, in member order (a bundle's card.temperature).
  void setMemberTemperatures(const std::vector<double>& temperatures);

 private:
  std::vector<std::shared_ptr<FeatureClassifier>> members_;
  int64_t numClasses_;
  torch::Tensor memberTemperatures_;
  torch::Tensor logitShift_;
};
TORCH_MODULE(EnsembleNetwork);

}  // namespace walness::nn
