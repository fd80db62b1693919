#include <gtest/gtest.h>

#include <torch/torch.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QFile>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>

#include "SharedData.h"
#include "walness/imaging/TensorImage.h"
#include "walness/nn/Architectures.h"
#include "walness/nn/MobileNetV2.h"
#include "walness/nn/Safetensors.h"
#include "walness/nn/StateDict.h"

using walness::nn::MobileNetV2;

namespace {

const std::string& weightsPath() {
  static const std::string path =
      walness::test::sharedPath(QStringLiteral("pretrained/mobilenet_v2_imagenet.safetensors"));
  return path;
}

MobileNetV2 loadImageNetModel() {
  MobileNetV2 model(1000);
  auto weights = walness::nn::readSafetensors(weightsPath());
  EXPECT_TRUE(weights.ok()) << weights.message();
  if (weights.ok()) {
    auto loaded = walness::nn::loadStateDict(*model, weights->tensors, weightsPath());
    EXPECT_TRUE(loaded.ok()) << loaded.message();
  }
  model->eval();
  return model;
}

// The parity fixture's input: RGB, NCHW, (pixel - 128) / 128.
torch::Tensor parityInput(const std::string& file) {
  cv::Mat bgr = cv::imread(walness::test::sharedPath(QStringLiteral("pretrained/parity/")) + file,
                           cv::IMREAD_COLOR);
  EXPECT_FALSE(bgr.empty()) << file;
  cv::Mat rgb;
  cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
  return (walness::imaging::matToTensor(rgb) - 128.0) / 128.0;
}

QJsonObject parityReference() {
  QFile file(QString::fromStdString(
      walness::test::sharedPath(QStringLiteral("pretrained/parity/parity.json"))));
  EXPECT_TRUE(file.open(QIODevice::ReadOnly));
  return QJsonDocument::fromJson(file.readAll()).object();
}

}  // namespace

TEST(MobileNetV2Test, MatchesTorchvisionLogitsOnTheParityImages) {
  torch::NoGradGuard noGrad;
  MobileNetV2 model = loadImageNetModel();
  const QJsonObject reference = parityReference();
  ASSERT_EQ(reference.size(), 2);
  for (const QString& key : reference.keys()) {
    const QJsonObject expected = reference.value(key).toObject();
    const torch::Tensor features = model->features(
        parityInput(expected.value(QStringLiteral("image")).toString().toStdString()));
    EXPECT_EQ(features.sizes(), (std::vector<int64_t>{1, 1280, 7, 7}));
    const torch::Tensor logits = model->head(features).squeeze(0);

    const QJsonArray expectedLogits = expected.value(QStringLiteral("logits")).toArray();
    ASSERT_EQ(expectedLogits.size(), 1000);
    std::vector<float> values;
    for (const QJsonValue& value : expectedLogits) values.push_back(float(value.toDouble()));
    const torch::Tensor reference = torch::tensor(values);
    const float maxDifference = (logits - reference).abs().max().item<float>();
    EXPECT_LT(maxDifference, 1e-3f) << key.toStdString();
    std::printf("parity %s: max |logit difference| %.2e\n", qPrintable(key), double(maxDifference));

    const auto top5 = std::get<1>(logits.topk(5));
    const QJsonArray expectedTop5 = expected.value(QStringLiteral("top5")).toArray();
    for (int i = 0; i < 5; ++i)
      EXPECT_EQ(top5[i].item<int64_t>(),
                expectedTop5[i].toObject().value(QStringLiteral("index")).toInt())
          << key.toStdString() << " rank " << i;
  }
}

TEST(MobileNetV2Test, ForwardIsHeadOfFeatures) {
  torch::NoGradGuard noGrad;
  MobileNetV2 model(5);
  model->eval();
  const torch::Tensor input = torch::randn({2, 3, 96, 128});
  const torch::Tensor features = model->features(input);
  EXPECT_EQ(features.sizes(), (std::vector<int64_t>{2, 1280, 3, 4}));
  EXPECT_TRUE(torch::allclose(model->forward(input), model->head(features)));
  EXPECT_EQ(model->forward(input).sizes(), (std::vector<int64_t>{2, 5}));
}

TEST(MobileNetV2Test, ParameterNamesAreTorchvisions) {
  MobileNetV2 model(1000);
  const auto state = walness::nn::stateDict(*model);
  EXPECT_TRUE(state.count("features.0.0.weight"));
  EXPECT_TRUE(state.count("features.1.conv.0.0.weight"));  // expand ratio 1: no expansion layer
  EXPECT_TRUE(state.count("features.1.conv.2.running_var"));
  EXPECT_TRUE(state.count("features.2.conv.3.running_mean"));
  EXPECT_TRUE(state.count("features.18.1.bias"));
  EXPECT_TRUE(state.count("classifier.1.weight"));
  EXPECT_EQ(model->camLayer(), "features.18");
}

TEST(MobileNetV2Test, WeightsForAnotherLabelCountAreRefused) {
  MobileNetV2 model(5);
  auto weights = walness::nn::readSafetensors(weightsPath());
  ASSERT_TRUE(weights.ok()) << weights.message();
  auto loaded = walness::nn::loadStateDict(*model, weights->tensors, "imagenet");
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.message().find("classifier.1.weight"), std::string::npos) << loaded.message();
  EXPECT_NE(loaded.message().find("[1000, 1280]"), std::string::npos) << loaded.message();

  auto partial = weights->tensors;
  partial.erase("features.3.conv.1.0.weight");
  MobileNetV2 full(1000);
  auto missing = walness::nn::loadStateDict(*full, partial, "partial");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.message().find("features.3.conv.1.0.weight"), std::string::npos);

  auto extra = weights->tensors;
  extra["features.99.weight"] = torch::zeros({1});
  auto unexpected = walness::nn::loadStateDict(*full, extra, "extra");
  ASSERT_FALSE(unexpected.ok());
  EXPECT_NE(unexpected.message().find("features.99.weight"), std::string::npos);
}

TEST(MobileNetV2Test, ArchitecturesAreCreatedByName) {
  auto created = walness::nn::createArchitecture("mobilenet_v2", 5);
  ASSERT_TRUE(created.ok()) << created.message();
  EXPECT_EQ(created.value()->numClasses(), 5);
  EXPECT_EQ(created.value()->featureChannels(), 1280);

  auto unknown = walness::nn::createArchitecture("alexnet", 5);
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.message().find("mobilenet_v2"), std::string::npos);
  EXPECT_FALSE(walness::nn::createArchitecture("mobilenet_v2", 0).ok());
}

TEST(MobileNetV2Test, FoldedInferenceMatchesAndTrainingModeIgnoresIt) {
  torch::NoGradGuard noGrad;
  MobileNetV2 model = loadImageNetModel();
  const torch::Tensor input = parityInput("chelsea_224.png");
  const torch::Tensor plainFeatures = model->features(input);
  const torch::Tensor plain = model->head(plainFeatures);
  model->prepareForInference();
  const torch::Tensor folded = model->forward(input);
  EXPECT_LT((folded - plain).abs().max().item<float>(), 1e-3f);
  EXPECT_LT((model->features(input) - plainFeatures).abs().max().item<float>(), 1e-3f);
  EXPECT_EQ(std::get<1>(folded.topk(5)).equal(std::get<1>(plain.topk(5))), true);

  // In training mode the BatchNorm layers run again (batch statistics), as training needs.
  model->train();
  const torch::Tensor batch = torch::cat({input, parityInput("coffee_224.png")});
  const torch::Tensor trainingOutput = model->forward(batch);
  model->eval();
  EXPECT_FALSE(torch::allclose(trainingOutput.slice(0, 0, 1), plain, 1e-3, 1e-3));
}
