#include <gtest/gtest.h>
#include <torch/torch.h>

#include "walness/training/gate/GateHeadTraining.h"

using namespace walness;
using namespace walness::gate;

namespace {

// Three clusters of pooled features (8 channels: 16 values), one per class; `ambiguousCats` of the
// cat views are moved halfway to the not-eye cluster.
GateFeatureTable threeClusters(int64_t perClass, double ambiguousCats) {
  torch::manual_seed(7);
  std::vector<torch::Tensor> features;
  std::vector<int64_t> labels;
  for (int64_t c = 0; c < kGateClassCount; ++c) {
    torch::Tensor centre = torch::zeros({16});
    centre[c * 4] = 3;
    for (int64_t i = 0; i < perClass; ++i) {
      torch::Tensor row = centre + 0.8 * torch::randn({16});
      if (c == kCatEye && i < int64_t(ambiguousCats * perClass)) {
        row = 0.5 * row + 0.5 * (torch::zeros({16}).index_fill_(0, torch::tensor({8}), 3.0));
      }
      features.push_back(row);
      labels.push_back(c);
    }
  }
  const int64_t n = int64_t(labels.size());
  return {torch::stack(features), torch::tensor(labels), torch::zeros({n}, torch::kLong),
          torch::ones({n}, torch::kLong), torch::arange(n)};
}

EyeGateCard cardFor8Channels() {
  EyeGateCard card;
  card.featureChannels = 8;
  return card;
}

GateTrainingOptions quickOptions() {
  GateTrainingOptions options;
  options.epochs = 15;
  options.batchSize = 32;
  options.hidden = 16;
  options.learningRate = 1e-2;
  return options;
}

}  // namespace

TEST(GateHeadTrainingTest, AHeavierCatClassTurnsAmbiguousCatViewsIntoCatEyes) {
  const GateFeatureTable table = threeClusters(200, 0.3);
  const GateTrainingOptions options = quickOptions();
  const auto catShare = [&](double weight) {
    EyeGateHead head = trainGateHead(table, options, 8, weight);
    torch::NoGradGuard noGrad;
    const torch::Tensor predicted = head->forward(table.features).argmax(1);
    return predicted.index({table.labels.eq(kCatEye)})
        .eq(kCatEye)
        .to(torch::kFloat)
        .mean()
        .item<double>();
  };
  const double plain = catShare(1), heavier = catShare(4);
  EXPECT_GT(heavier, plain);
  EXPECT_GT(plain, 0.6);
}

TEST(GateHeadTrainingTest, CrossValidationReportsEveryWeightOnHeldOutViews) {
  const GateFeatureTable table = threeClusters(160, 0.0);
  const auto trials = crossValidateCatEyeWeight(table, quickOptions(), cardFor8Channels(),
                                                Species::Dog, {1.0, 2.0}, 5);
  ASSERT_EQ(trials.size(), 2u);
  EXPECT_DOUBLE_EQ(trials[0].catEyeWeight, 1.0);
  EXPECT_DOUBLE_EQ(trials[1].catEyeWeight, 2.0);
  for (const CatEyeWeightTrial& trial : trials) {
    // Well apart clusters: nearly every held-out view gets the right decision for a dog model.
    EXPECT_GT(trial.ownEyesScreened, 0.9);
    EXPECT_GT(trial.otherEyesOtherSpecies, 0.9);
    EXPECT_GT(trial.notEyesNotAnEye, 0.9);
    EXPECT_NEAR(trial.balanced(),
                (trial.ownEyesScreened + trial.otherEyesOtherSpecies + trial.notEyesNotAnEye) / 3,
                1e-12);
  }
  // For a cat model the cat eyes are its own and the dog eyes the other species.
  const auto forCats =
      crossValidateCatEyeWeight(table, quickOptions(), cardFor8Channels(), Species::Cat, {1.0}, 5);
  ASSERT_EQ(forCats.size(), 1u);
  EXPECT_GT(forCats[0].ownEyesScreened, 0.9);
  EXPECT_GT(forCats[0].otherEyesOtherSpecies, 0.9);
}
