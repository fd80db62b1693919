#include <gtest/gtest.h>

#include <torch/torch.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <chrono>
#include <cstdio>
#include <set>

#include "SharedData.h"
#include "TestBundles.h"
#include "walness/cam/CamMethod.h"
#include "walness/imaging/TensorImage.h"
#include "walness/inference/Classifier.h"
#include "walness/nn/Architectures.h"
#include "walness/nn/MobileNetEdgeTpu.h"
#include "walness/nn/Safetensors.h"
#include "walness/nn/StateDict.h"

using walness::nn::MobileNetEdgeTpu;

namespace {

const QString kWeightsName = QStringLiteral("mobilenet_edgetpu_imagenet.safetensors");
const QString kParityName = QStringLiteral("mobilenet_edgetpu_imagenet.parity.json");

// Where scripts/convert-edgetpu wrote the weights and the Python model's parity logits: the
// machine's cache, else a conversion made now into a temporary folder. Empty, with `why`, when
// neither can be had (no TFLite file in ../shared, no Python with torch).
QString convertedDirectory(std::string& why) {
  const QString cache = QStringLiteral("/var/cache/walness/pretrained");
  if (QFileInfo::exists(cache + "/" + kWeightsName) && QFileInfo::exists(cache + "/" + kParityName))
    return cache;
  static QTemporaryDir temporary;
  if (QFileInfo::exists(temporary.filePath(kWeightsName))) return temporary.path();
  const QString tflite = walness::test::sharedDir() +
                         "/pretrained/mobilenet-edgetpu/mobilenet_edgetpu_224_1.0_uint8.tflite";
  if (!QFileInfo::exists(tflite)) {
    why = "no converted weights in " + cache.toStdString() + " and no " + tflite.toStdString();
    return {};
  }
  if (QProcess::execute(QStringLiteral("python3"), {"-c", "import numpy, torch"}) != 0) {
    why = "no converted weights in " + cache.toStdString() +
          ", and no python3 with numpy and torch to run scripts/convert-edgetpu";
    return {};
  }
  QProcess converter;
  converter.setProcessChannelMode(QProcess::ForwardedChannels);
  converter.start(QStringLiteral("python3"),
                  {QStringLiteral(WALNESS_SOURCE_DIR "/scripts/convert-edgetpu"), "--shared",
                   walness::test::sharedDir(), "--out", temporary.path()});
  const bool converted = converter.waitForFinished(300000) && converter.exitCode() == 0;
  EXPECT_TRUE(converted) << "scripts/convert-edgetpu failed";
  if (!converted) why = "the conversion failed";
  return converted ? temporary.path() : QString();
}

MobileNetEdgeTpu loadImageNetModel(const QString& directory) {
  MobileNetEdgeTpu model(1001);
  const std::string path = (directory + "/" + kWeightsName).toStdString();
  auto weights = walness::nn::readSafetensors(path);
  EXPECT_TRUE(weights.ok()) << weights.message();
  if (weights.ok()) {
    EXPECT_EQ(weights->metadata["architecture"], "mobilenet_edgetpu");
    auto loaded = walness::nn::loadStateDict(*model, weights->tensors, path);
    EXPECT_TRUE(loaded.ok()) << loaded.message();
  }
  model->eval();
  return model;
}

// The parity input of the TFLite model: RGB, NCHW, (pixel - 128) / 127.
torch::Tensor parityInput(const std::string& file) {
  cv::Mat bgr = cv::imread(walness::test::sharedPath(QStringLiteral("pretrained/parity/")) + file,
                           cv::IMREAD_COLOR);
  EXPECT_FALSE(bgr.empty()) << file;
  cv::Mat rgb;
  cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
  return (walness::imaging::matToTensor(rgb) - 128.0) / 127.0;
}

QJsonObject readJson(const QString& path) {
  QFile file(path);
  EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << path.toStdString();
  return QJsonDocument::fromJson(file.readAll()).object();
}

std::vector<std::string> imageNetLabels() {
  std::vector<std::string> labels;
  QFile file(QString::fromStdString(walness::test::sharedPath("pretrained/imagenet_labels.txt")));
  if (file.open(QIODevice::ReadOnly))
    while (!file.atEnd()) labels.push_back(file.readLine().trimmed().toStdString());
  return labels;
}

// The README's expectations, as outputs (0 is TensorFlow's background class).
const std::map<std::string, std::vector<int64_t>> kExpectedInTop5 = {
    {"chelsea_224.png", {283, 282, 286}},  // tiger cat, tabby, Egyptian cat
    {"coffee_224.png", {968}},             // espresso
};

}  // namespace

TEST(MobileNetEdgeTpuTest, MatchesThePythonReferenceOnTheParityImages) {
  std::string why;
  const QString directory = convertedDirectory(why);
  if (directory.isEmpty()) GTEST_SKIP() << why;
  torch::NoGradGuard noGrad;
  MobileNetEdgeTpu model = loadImageNetModel(directory);
  const QJsonObject reference = readJson(directory + "/" + kParityName);
  const auto labels = imageNetLabels();
  ASSERT_EQ(labels.size(), 1001u);
  ASSERT_EQ(reference.size(), 2);
  for (const QString& key : reference.keys()) {
    const QJsonObject expected = reference.value(key).toObject();
    const std::string image = expected.value(QStringLiteral("image")).toString().toStdString();
    const torch::Tensor features = model->features(parityInput(image));
    EXPECT_EQ(features.sizes(), (std::vector<int64_t>{1, 1280, 7, 7}));
    const torch::Tensor logits = model->head(features).squeeze(0);

    std::vector<float> values;
    for (const QJsonValue& value : expected.value(QStringLiteral("logits")).toArray())
      values.push_back(float(value.toDouble()));
    ASSERT_EQ(values.size(), 1001u);
    const float maxDifference = (logits - torch::tensor(values)).abs().max().item<float>();
    EXPECT_LT(maxDifference, 1e-3f) << image;
    std::printf("%s: max |C++ - Python logit| %.2e\n", image.c_str(), double(maxDifference));

    const auto [probabilities, indices] = torch::softmax(logits, 0).topk(5);
    std::set<int64_t> top5;
    for (int i = 0; i < 5; ++i) {
      top5.insert(indices[i].item<int64_t>());
      std::printf("  %4lld %.4f  %s\n", static_cast<long long>(indices[i].item<int64_t>()),
                  probabilities[i].item<double>(),
                  labels[size_t(indices[i].item<int64_t>())].c_str());
    }
    for (const int64_t wanted : kExpectedInTop5.at(image))
      EXPECT_TRUE(top5.count(wanted)) << image << ": " << labels[size_t(wanted)] << " not in top 5";
  }
}

TEST(MobileNetEdgeTpuTest, FoldedInferenceMatchesThePlainForward) {
  std::string why;
  const QString directory = convertedDirectory(why);
  if (directory.isEmpty()) GTEST_SKIP() << why;
  torch::NoGradGuard noGrad;
  MobileNetEdgeTpu model = loadImageNetModel(directory);
  const torch::Tensor input = parityInput("chelsea_224.png");
  const torch::Tensor plain = model->forward(input);
  model->prepareForInference();
  // The first pass per shape runs the plain kernel, the second checks the fast one: time the third.
  for (int i = 0; i < 2; ++i) model->forward(input);
  const auto start = std::chrono::steady_clock::now();
  const torch::Tensor folded = model->forward(input);
  const double milliseconds =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  std::printf("one 224 px forward, folded and prepacked, %d threads: %.1f ms\n",
              torch::get_num_threads(), milliseconds);
  EXPECT_LT((folded - plain).abs().max().item<float>(), 1e-3f);
  EXPECT_TRUE(std::get<1>(folded.topk(5)).equal(std::get<1>(plain.topk(5))));
}

TEST(MobileNetEdgeTpuTest, ShapesNamesAndTheLocatorsMaps) {
  torch::NoGradGuard noGrad;
  MobileNetEdgeTpu model(5);
  model->eval();
  const auto state = walness::nn::stateDict(*model);
  EXPECT_TRUE(state.count("features.0.0.weight"));
  EXPECT_TRUE(state.count("features.1.conv.0.weight"));  // expand ratio 1: projection only
  EXPECT_TRUE(state.count("features.2.conv.0.0.weight"));
  EXPECT_TRUE(state.count("features.2.conv.2.running_var"));
  EXPECT_TRUE(state.count("features.10.conv.1.0.weight"));  // the first depthwise block
  EXPECT_EQ(state.at("features.18.conv.1.0.weight").sizes(), (std::vector<int64_t>{768, 1, 5, 5}));
  EXPECT_TRUE(state.count("features.23.1.bias"));
  EXPECT_TRUE(state.count("classifier.1.weight"));
  EXPECT_EQ(model->camLayer(), "features.23");
  EXPECT_EQ(model->featureBlockCount(), 24);

  // SAME padding: ceil(size / 32) at any size, odd ones included.
  const torch::Tensor input = torch::randn({2, 3, 225, 161});
  EXPECT_EQ(model->features(input).sizes(), (std::vector<int64_t>{2, 1280, 8, 6}));
  EXPECT_EQ(model->forward(input).sizes(), (std::vector<int64_t>{2, 5}));
  const auto maps = model->locatorFeatures(input);
  ASSERT_EQ(maps.size(), 2u);
  EXPECT_EQ(maps[0].sizes(), (std::vector<int64_t>{2, model->locatorChannels().first, 15, 11}));
  EXPECT_EQ(maps[1].sizes(), (std::vector<int64_t>{2, model->locatorChannels().second, 8, 6}));
}

TEST(MobileNetEdgeTpuTest, IsCreatedByNameAndTrainsWithFrozenBlocks) {
  auto created = walness::nn::createArchitecture("mobilenet_edgetpu", 3);
  ASSERT_TRUE(created.ok()) << created.message();
  auto network = *created;
  EXPECT_EQ(network->numClasses(), 3);
  EXPECT_EQ(network->featureChannels(), 1280);

  network->freezeFeatureBlocks(10);
  network->keepNormStatistics(true);
  network->train();
  const torch::Tensor output = network->forward(torch::randn({2, 3, 64, 64}));
  output.sum().backward();
  const auto state = network->named_parameters();
  EXPECT_FALSE(state["features.9.conv.1.weight"].grad().defined());
  EXPECT_TRUE(state["features.10.conv.2.weight"].grad().defined());
  EXPECT_TRUE(state["classifier.1.weight"].grad().defined());
}

TEST(MobileNetEdgeTpuTest, ABundleOfItScreensAndExplains) {
  QTemporaryDir dir;
  walness::bundle::ModelCard card = walness::test::testCard();
  card.architecture = "mobilenet_edgetpu";
  card.camLayer = "features.23";
  torch::manual_seed(3);
  MobileNetEdgeTpu network(int64_t(card.labels.size()));
  auto written = walness::bundle::writeModelBundle(dir.path().toStdString(), card, *network);
  ASSERT_TRUE(written.ok()) << written.message();
  auto classifier = walness::inference::Classifier::load(dir.path().toStdString());
  ASSERT_TRUE(classifier.ok()) << classifier.message();

  cv::Mat photo(320, 480, CV_8UC3);
  cv::RNG(5).fill(photo, cv::RNG::UNIFORM, cv::Scalar::all(60), cv::Scalar::all(200));
  cv::circle(photo, {240, 160}, 80, cv::Scalar(40, 90, 150), cv::FILLED);
  const cv::Rect region(120, 40, 240, 240);
  auto plain = (*classifier)->diagnose(photo, region);
  auto explained = (*classifier)->explain(photo, region, walness::cam::GradCam());
  ASSERT_TRUE(plain.ok() && explained.ok());
  ASSERT_EQ(plain->findings.size(), 3u);
  for (size_t i = 0; i < plain->findings.size(); ++i)
    EXPECT_NEAR(plain->findings[i].probability, explained->diagnosis.findings[i].probability, 1e-5);
  ASSERT_EQ(explained->heatmaps.size(), 1u);
  EXPECT_EQ(explained->heatmaps.begin()->second.size(), region.size()) << "over the square";
}
