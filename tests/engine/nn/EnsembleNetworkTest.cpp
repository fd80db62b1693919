#include <gtest/gtest.h>

#include <torch/torch.h>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <QTemporaryDir>

#include <memory>
#include <string>

#include "TestBundles.h"
#include "walness/cam/CamMethod.h"
#include "walness/inference/Classifier.h"
#include "walness/nn/Architectures.h"
#include "walness/nn/EnsembleNetwork.h"
#include "walness/nn/StateDict.h"

using walness::nn::EnsembleNetworkImpl;

namespace {

const std::string kMixed = "ensemble(mobilenet_v2,mobilenet_edgetpu)";

// A randomly initialised ensemble in eval mode, its members' heads shifted apart so their
// probabilities differ, with temperatures 1.5 and 0.8.
std::shared_ptr<EnsembleNetworkImpl> smallEnsemble(const std::string& name = kMixed) {
  torch::manual_seed(7);
  auto created = walness::nn::createArchitecture(name, 3);
  EXPECT_TRUE(created.ok()) << created.message();
  auto ensemble = std::dynamic_pointer_cast<EnsembleNetworkImpl>(*created);
  EXPECT_TRUE(ensemble);
  ensemble->members()[0]->shiftLogits(torch::tensor({2.0f, -1.0f, 0.5f}));
  ensemble->members()[1]->shiftLogits(torch::tensor({-3.0f, 1.0f, 4.0f}));
  ensemble->setMemberTemperatures({1.5, 0.8});
  ensemble->eval();
  return ensemble;
}

const double kTemperatures[] = {1.5, 0.8};

}  // namespace

TEST(EnsembleNetworkTest, AveragesTheMembersCalibratedProbabilities) {
  torch::NoGradGuard noGrad;
  auto ensemble = smallEnsemble();
  const torch::Tensor input = torch::randn({2, 3, 64, 64});
  const torch::Tensor features = ensemble->features(input);
  EXPECT_EQ(features.sizes(), (std::vector<int64_t>{2, 2560, 2, 2}));

  torch::Tensor mean = torch::zeros({2, 3});
  for (size_t i = 0; i < 2; ++i)
    mean += torch::sigmoid(ensemble->members()[i]->forward(input) / kTemperatures[i]) / 2;
  const torch::Tensor expected = torch::log(mean) - torch::log1p(-mean);
  const torch::Tensor logits = ensemble->head(features);
  EXPECT_TRUE(torch::allclose(logits, expected, 1e-5, 1e-5)) << logits << expected;
  EXPECT_TRUE(torch::allclose(ensemble->forward(input), logits));
  // The members disagree: the average is none of them.
  EXPECT_GT((torch::sigmoid(ensemble->members()[0]->forward(input) / 1.5) - mean)
                .abs()
                .max()
                .item<float>(),
            0.05f);

  // A prior correction shifts the averaged logit itself.
  ensemble->shiftLogits(torch::tensor({0.5f, 0.0f, -1.0f}));
  EXPECT_TRUE(torch::allclose(ensemble->head(features) - logits,
                              torch::tensor({0.5f, 0.0f, -1.0f}).expand({2, 3}), 1e-5, 1e-5));
}

TEST(EnsembleNetworkTest, NamesItsWeightsAfterItsMembersAndSurvivesASaveAndLoad) {
  torch::NoGradGuard noGrad;
  auto ensemble = smallEnsemble();
  const auto state = walness::nn::stateDict(*ensemble);
  EXPECT_TRUE(state.count("members.0.features.18.0.weight"));
  EXPECT_TRUE(state.count("members.0.classifier.1.bias"));
  EXPECT_TRUE(state.count("members.1.features.23.0.weight"));
  EXPECT_TRUE(state.count("members.1.classifier.1.bias"));
  EXPECT_EQ(state.at("member_temperatures").sizes(), (std::vector<int64_t>{2}));
  EXPECT_EQ(state.at("logit_shift").sizes(), (std::vector<int64_t>{3}));
  for (const auto& [name, tensor] : state)
    EXPECT_TRUE(name.rfind("members.0.", 0) == 0 || name.rfind("members.1.", 0) == 0 ||
                name == "member_temperatures" || name == "logit_shift")
        << name;
  EXPECT_EQ(ensemble->camLayer(), "members.0.features.18+members.1.features.23");
  EXPECT_EQ(ensemble->featureChannels(), 2560);
  EXPECT_EQ(ensemble->featureBlockCount(), 0);
  EXPECT_EQ(ensemble->locatorChannels(), (std::pair<int64_t, int64_t>{96, 320}));
  EXPECT_EQ(ensemble->locatorFeatures(torch::randn({1, 3, 64, 64})).size(), 2u);

  // A fresh one given these tensors (as a bundle loads them) computes the same.
  auto fresh = walness::nn::createArchitecture(kMixed, 3);
  ASSERT_TRUE(fresh.ok());
  ASSERT_TRUE(walness::nn::loadStateDict(**fresh, state, "ensemble").ok());
  (*fresh)->eval();
  const torch::Tensor input = torch::randn({1, 3, 64, 64});
  EXPECT_TRUE(torch::allclose((*fresh)->forward(input), ensemble->forward(input), 1e-5, 1e-5));
}

// Grad-CAM differentiates the averaged logit with respect to the concatenated activations: on
// each member's channels that is the member's own gradient times a positive factor,
// (1/n) p_i (1 - p_i) / T_i / (p (1 - p)), so the map combines the members' CAMs.
TEST(EnsembleNetworkTest, GradientsReachEveryMembersChannelsAsTheirOwnScaled) {
  auto ensemble = smallEnsemble();
  for (auto& parameter : ensemble->parameters()) parameter.set_requires_grad(false);
  const torch::Tensor input = torch::randn({1, 3, 96, 96});
  torch::Tensor activations;
  {
    torch::NoGradGuard noGrad;
    activations = ensemble->features(input);
  }
  activations = activations.detach().requires_grad_(true);
  const int64_t disease = 2;
  const torch::Tensor logits = ensemble->head(activations);
  const torch::Tensor gradients =
      torch::autograd::grad({logits[0][disease]}, {activations})[0].detach();
  const double mean = torch::sigmoid(logits[0][disease]).item<double>();

  int64_t offset = 0;
  for (size_t i = 0; i < 2; ++i) {
    auto& member = ensemble->members()[i];
    const int64_t channels = member->featureChannels();
    const torch::Tensor own =
        activations.detach().narrow(1, offset, channels).clone().requires_grad_(true);
    const torch::Tensor ownLogit = member->head(own)[0][disease];
    const torch::Tensor ownGradients = torch::autograd::grad({ownLogit}, {own})[0];
    const double p = torch::sigmoid(ownLogit / kTemperatures[i]).item<double>();
    const double factor = 0.5 * p * (1 - p) / kTemperatures[i] / (mean * (1 - mean));
    const torch::Tensor slice = gradients.narrow(1, offset, channels);
    EXPECT_GT(slice.abs().sum().item<double>(), 0) << "member " << i;
    EXPECT_TRUE(torch::allclose(slice, ownGradients * factor, 1e-4, 1e-9)) << "member " << i;
    offset += channels;
  }

  torch::NoGradGuard noGrad;
  const torch::Tensor map = walness::cam::GradCam().compute(activations[0].detach(), gradients[0]);
  EXPECT_EQ(map.sizes(), (std::vector<int64_t>{3, 3}));
  EXPECT_TRUE(torch::isfinite(map).all().item<bool>());
  EXPECT_GT((map.max() - map.min()).item<float>(), 0);
}

TEST(EnsembleNetworkTest, ABundleOfItScreensAndExplains) {
  QTemporaryDir dir;
  walness::bundle::ModelCard card = walness::test::testCard();
  card.architecture = "ensemble(mobilenet_v2,mobilenet_v2)";
  card.input.size = 64;
  auto ensemble = smallEnsemble(card.architecture);
  auto written = walness::bundle::writeModelBundle(dir.path().toStdString(), card, *ensemble);
  ASSERT_TRUE(written.ok()) << written.message();
  EXPECT_EQ(written->camLayer, "members.0.features.18+members.1.features.18");
  auto classifier = walness::inference::Classifier::load(dir.path().toStdString());
  ASSERT_TRUE(classifier.ok()) << classifier.message();

  cv::Mat photo(120, 160, CV_8UC3);
  cv::RNG(5).fill(photo, cv::RNG::UNIFORM, cv::Scalar::all(60), cv::Scalar::all(200));
  cv::circle(photo, {80, 60}, 40, cv::Scalar(40, 90, 150), cv::FILLED);
  auto plain = (*classifier)->diagnose(photo, std::nullopt);
  auto explained = (*classifier)->explain(photo, std::nullopt, walness::cam::GradCam(), {"*"});
  ASSERT_TRUE(plain.ok() && explained.ok());
  ASSERT_EQ(plain->findings.size(), 3u);
  for (size_t i = 0; i < plain->findings.size(); ++i)
    EXPECT_NEAR(plain->findings[i].probability, explained->diagnosis.findings[i].probability, 1e-5);
  ASSERT_EQ(explained->heatmaps.size(), 3u);
  for (const auto& [disease, heatmap] : explained->heatmaps) {
    EXPECT_EQ(heatmap.size(), photo.size()) << disease;
    EXPECT_TRUE(cv::checkRange(heatmap)) << disease;
  }
}

TEST(EnsembleNetworkTest, BadEnsembleNamesAreRefusedWithTheReason) {
  const auto refusal = [](const std::string& name) {
    auto created = walness::nn::createArchitecture(name, 3);
    EXPECT_FALSE(created.ok()) << name;
    return created.ok() ? std::string() : created.message();
  };
  EXPECT_NE(refusal("ensemble()").find("lists no members"), std::string::npos);
  EXPECT_NE(refusal("ensemble(mobilenet_v2)").find("at least two members"), std::string::npos);
  EXPECT_NE(refusal("ensemble(mobilenet_v2,alexnet)").find("unknown member 'alexnet'"),
            std::string::npos);
  EXPECT_NE(refusal("ensemble(ensemble(mobilenet_v2,mobilenet_v2),mobilenet_edgetpu)")
                .find("cannot hold another ensemble"),
            std::string::npos);
  EXPECT_NE(refusal("ensemble(mobilenet_v2,mobilenet_v2").find("does not end with ')'"),
            std::string::npos);
  // Every refusal says how to write one.
  EXPECT_NE(refusal("ensemble(mobilenet_v2)").find("mobilenet_edgetpu"), std::string::npos);

  EXPECT_EQ(walness::nn::ensembleArchitecture({"mobilenet_v2", "mobilenet_edgetpu"}), kMixed);
  EXPECT_TRUE(walness::nn::isEnsembleArchitecture(kMixed));
  EXPECT_FALSE(walness::nn::isEnsembleArchitecture("mobilenet_v2"));
  EXPECT_NE(walness::nn::ensembleMembers("mobilenet_v2").message().find("is not an ensemble"),
            std::string::npos);
  auto three =
      walness::nn::createArchitecture("ensemble(mobilenet_v2, mobilenet_v2,mobilenet_v2)", 2);
  ASSERT_TRUE(three.ok()) << three.message();
  EXPECT_EQ((*three)->featureChannels(), 3 * 1280);
}
