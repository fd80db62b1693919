#include <gtest/gtest.h>

#include <torch/torch.h>

#include <QTemporaryDir>

#include "TestBundles.h"
#include "walness/training/WarmStart.h"

using namespace walness;

namespace {

// The tensors of a written bundle, by name.
std::map<std::string, at::Tensor> bundleTensors(const std::string& directory) {
  auto loaded = bundle::loadModelBundle(directory);
  EXPECT_TRUE(loaded) << loaded.message();
  return loaded ? nn::stateDict(*loaded->network) : std::map<std::string, at::Tensor>{};
}

TEST(WarmStartTest, SharedDiseasesKeepTheirRowsLessThePriorCorrectionAndNewOnesStartFresh) {
  QTemporaryDir folder;
  bundle::ModelCard card = test::testCard({"conjunctivitis", "cataract", "blepharitis"});
  card.metrics[QStringLiteral("logit_prior_correction")] =
      QJsonObject{{QStringLiteral("cataract"), -1.25}};
  const std::string directory = test::writeTestBundle(folder.filePath(QStringLiteral("b")), card);
  const auto source = bundleTensors(directory);

  torch::manual_seed(99);
  nn::MobileNetV2 network(2);  // labels: cataract (the bundle's row 1), epiphora (new)
  const at::Tensor freshWeight = nn::stateDict(*network).at("classifier.1.weight").clone();
  auto started = training::warmStartFromBundle(*network, "mobilenet_v2", {"cataract", "epiphora"},
                                               Species::Dog, directory);
  ASSERT_TRUE(started) << started.message();
  EXPECT_EQ(started->keptRows, std::vector<std::string>{"cataract"});
  EXPECT_EQ(started->newRows, std::vector<std::string>{"epiphora"});
  EXPECT_FALSE(started->newHead);
  EXPECT_NE(started->describe().find("new rows for epiphora"), std::string::npos);

  const auto state = nn::stateDict(*network);
  for (const auto& [name, tensor] : state)
    if (name.rfind("features.", 0) == 0) EXPECT_TRUE(torch::equal(tensor, source.at(name))) << name;
  EXPECT_TRUE(
      torch::equal(state.at("classifier.1.weight")[0], source.at("classifier.1.weight")[1]));
  EXPECT_NEAR(state.at("classifier.1.bias")[0].item<double>(),
              source.at("classifier.1.bias")[1].item<double>() + 1.25, 1e-6);
  EXPECT_TRUE(torch::equal(state.at("classifier.1.weight")[1], freshWeight[1]));
}

TEST(WarmStartTest, AnotherSpeciesGetsANewHeadOnTheSameBackbone) {
  QTemporaryDir folder;
  const std::string directory = test::writeTestBundle(
      folder.filePath(QStringLiteral("b")), test::testCard({"conjunctivitis", "blepharitis"}));
  const auto source = bundleTensors(directory);
  torch::manual_seed(5);
  nn::MobileNetV2 network(2);
  const at::Tensor freshHead = nn::stateDict(*network).at("classifier.1.weight").clone();
  auto started = training::warmStartFromBundle(
      *network, "mobilenet_v2", {"conjunctivitis", "blepharitis"}, Species::Cat, directory);
  ASSERT_TRUE(started) << started.message();
  EXPECT_TRUE(started->newHead);
  const auto state = nn::stateDict(*network);
  EXPECT_TRUE(torch::equal(state.at("features.18.0.weight"), source.at("features.18.0.weight")));
  EXPECT_TRUE(torch::equal(state.at("classifier.1.weight"), freshHead));
}

TEST(WarmStartTest, ABundleOfAnotherArchitectureOrNoBundleIsRefused) {
  QTemporaryDir folder;
  const std::string directory = test::writeTestBundle(folder.filePath(QStringLiteral("b")));
  nn::MobileNetV2 network(3);
  EXPECT_NE(
      training::warmStartFromBundle(*network, "resnet18", {"cataract"}, Species::Dog, directory)
          .message()
          .find("the run trains a resnet18"),
      std::string::npos);
  EXPECT_FALSE(
      training::warmStartFromBundle(*network, "mobilenet_v2", {"cataract"}, Species::Dog,
                                    folder.filePath(QStringLiteral("none")).toStdString()));
}

}  // namespace
