#include <gtest/gtest.h>

#include <torch/torch.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "SharedData.h"
#include "walness/bundle/ModelBundle.h"
#include "walness/cam/CamMethod.h"
#include "walness/imaging/Preprocess.h"
#include "walness/inference/Classifier.h"
#include "walness/nn/PreparedConv.h"

using walness::nn::ConvKernel;
using walness::nn::PreparedConv;

namespace {

const char* const kShippedBundle = WALNESS_SOURCE_DIR "/models/dog-eye-mobilenetv2";

// Turns the prepacked kernel off for one scope, and on again after it.
struct PlainKernelsOnly {
  PlainKernelsOnly() { PreparedConv::allowPrepacked(false); }
  ~PlainKernelsOnly() { PreparedConv::allowPrepacked(true); }
};

// A convolution with a BatchNorm that is not the identity, as in a trained network.
struct ConvWithNorm {
  torch::nn::Conv2d conv;
  torch::nn::BatchNorm2d norm;

  ConvWithNorm(int64_t in, int64_t out, int64_t kernel, int64_t stride, int64_t groups)
      : conv(torch::nn::Conv2dOptions(in, out, kernel)
                 .stride(stride)
                 .padding((kernel - 1) / 2)
                 .groups(groups)
                 .bias(false)),
        norm(out) {
    torch::NoGradGuard noGrad;
    norm->running_mean.uniform_(-0.2, 0.2);
    norm->running_var.uniform_(0.5, 2.0);
    norm->weight.uniform_(0.5, 1.5);
    norm->bias.uniform_(-0.5, 0.5);
    conv->eval();
    norm->eval();
  }

  torch::Tensor plain(const torch::Tensor& input) {
    torch::NoGradGuard noGrad;
    return norm->forward(conv->forward(input));
  }
};

std::vector<cv::Mat> valPhotos(int count) {
  std::vector<cv::Mat> photos;
  for (const QString& path : walness::test::validationPhotos(count)) {
    cv::Mat bgr = cv::imread(path.toStdString(), cv::IMREAD_COLOR);
    EXPECT_FALSE(bgr.empty()) << path.toStdString();
    cv::Mat rgb;
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
    photos.push_back(rgb);
  }
  return photos;
}

torch::Tensor batchOf(const std::vector<cv::Mat>& photos, const walness::imaging::InputSpec& spec) {
  std::vector<torch::Tensor> inputs;
  for (const cv::Mat& photo : photos)
    inputs.push_back(walness::imaging::preprocess(photo, spec).value().input);
  return torch::cat(inputs, 0);
}

// The shipped model twice: prepared as the app runs it, and unfolded in double precision.
struct ShippedTwice {
  walness::Result<walness::bundle::ModelBundle> fast =
      walness::bundle::loadModelBundle(kShippedBundle);
  walness::Result<walness::bundle::ModelBundle> exact =
      walness::bundle::loadModelBundle(kShippedBundle);

  ShippedTwice() {
    if (!fast.ok() || !exact.ok()) return;
    fast->network->eval();
    fast->network->prepareForInference();
    exact->network->eval();
    exact->network->to(torch::kDouble);
  }
};

}  // namespace

TEST(PreparedConvTest, ThisLibTorchOffersOneDnnsPrepackedConvolution) {
  // Debian's LibTorch is built with oneDNN; if the op's signature changes in another LibTorch,
  // the app falls back to the plain kernel and this test says so.
  EXPECT_TRUE(PreparedConv::prepackedAvailable());
}

TEST(PreparedConvTest, EveryKernelMatchesConvolutionThenNormThenRelu6) {
  torch::manual_seed(3);
  for (const auto& [in, out, kernel, stride, groups] : std::vector<std::array<int64_t, 5>>{
           {3, 32, 3, 2, 1}, {96, 96, 3, 1, 96}, {24, 144, 1, 1, 1}}) {
    ConvWithNorm layer(in, out, kernel, stride, groups);
    const PreparedConv prepared(*layer.conv, layer.norm.get(), PreparedConv::Activation::Relu6,
                                "test", {2, in, 20, 20});
    const torch::Tensor input = torch::randn({2, in, 20, 20});
    const torch::Tensor expected = torch::hardtanh(layer.plain(input), 0.0, 6.0);
    torch::InferenceMode inference;
    // The first run of a shape takes the plain kernel; the second checks and chooses.
    const torch::Tensor first = prepared.run(input);
    EXPECT_FALSE(prepared.kernelFor(input.sizes()).has_value());
    const torch::Tensor fast = prepared.run(input);
    EXPECT_LT((first - expected).abs().max().item<double>(), 1e-4) << in << "->" << out;
    EXPECT_LT((fast - expected).abs().max().item<double>(), 1e-4) << in << "->" << out;
    EXPECT_LE(PreparedConv::disagreement(fast, expected), 1.0);
    ASSERT_TRUE(prepared.kernelFor(input.sizes()).has_value());
    if (PreparedConv::prepackedAvailable() &&
        *prepared.kernelFor(input.sizes()) == ConvKernel::Plain)
      ADD_FAILURE() << "the prepacked kernel was refused for " << in << "->" << out
                    << " (see the message above)";
  }
}

TEST(PreparedConvTest, TheResidualSumIsFusedAndChecked) {
  torch::manual_seed(4);
  ConvWithNorm layer(144, 24, 1, 1, 1);
  const PreparedConv prepared(*layer.conv, layer.norm.get(), PreparedConv::Activation::None, "test",
                              {3, 144, 28, 28});
  const torch::Tensor input = torch::randn({3, 144, 28, 28});
  const torch::Tensor skip = torch::randn({3, 24, 28, 28});
  torch::InferenceMode inference;
  (void)prepared.run(input, skip);  // the first run of a shape takes the plain kernel
  const torch::Tensor fast = prepared.run(input, skip);
  EXPECT_LT((fast - (layer.plain(input) + skip)).abs().max().item<double>(), 1e-4);
  EXPECT_LE(PreparedConv::disagreement(fast, layer.plain(input) + skip), 1.0);
}

TEST(PreparedConvTest, TheCheckRefusesAWrongOutput) {
  torch::manual_seed(5);
  ConvWithNorm layer(32, 64, 1, 1, 1);
  const PreparedConv prepared(*layer.conv, layer.norm.get(), PreparedConv::Activation::None, "test",
                              {2, 32, 7, 7});
  const torch::Tensor input = torch::randn({2, 32, 7, 7});
  torch::InferenceMode inference;
  const torch::Tensor right = prepared.run(input);
  const torch::Tensor exact = layer.plain(input.to(torch::kDouble).to(torch::kFloat));
  EXPECT_LE(PreparedConv::disagreement(right, exact), 1.0);
  // What a wrong kernel does: one element of thousands off, channels scrambled, the last image of
  // the batch wrong, a NaN, a wrong shape.
  torch::Tensor one = right.clone();
  one[1][40][3][5] += 0.05;
  EXPECT_GT(PreparedConv::disagreement(one, exact), 1.0);
  EXPECT_GT(PreparedConv::disagreement(right.roll(1, 1), exact), 1.0);
  torch::Tensor lastImage = right.clone();
  lastImage[1].mul_(1.5);
  EXPECT_GT(PreparedConv::disagreement(lastImage, exact), 1.0);
  torch::Tensor nan = right.clone();
  nan[1][63][6][6] = std::numeric_limits<float>::quiet_NaN();
  EXPECT_GT(PreparedConv::disagreement(nan, exact), 1.0);
  EXPECT_GT(PreparedConv::disagreement(right.narrow(2, 0, 6), exact), 1.0);
}

// The shipped model on real val photos, one at a time and in batches (what evaluate, the gate's
// and the locator's training do), against the same network in double precision without folding.
TEST(PreparedConvTest, TheShippedModelMatchesDoublePrecisionOneByOneAndInBatches) {
  const ShippedTwice shipped;
  ASSERT_TRUE(shipped.fast.ok()) << shipped.fast.message();
  ASSERT_TRUE(shipped.exact.ok()) << shipped.exact.message();
  const auto& fast = shipped.fast;
  const auto& exact = shipped.exact;
  const torch::Tensor inputs = batchOf(valPhotos(6), fast->card.input);
  torch::InferenceMode inference;
  const torch::Tensor exactFeatures = exact->network->features(inputs.to(torch::kDouble));
  const torch::Tensor exactProbabilities = torch::sigmoid(exact->network->head(exactFeatures));
  const auto exactMaps = exact->network->locatorFeatures(inputs.to(torch::kDouble));
  for (const int64_t batch : {1, 2, 6}) {
    for (int64_t first = 0; first < inputs.size(0); first += batch) {
      const torch::Tensor input = inputs.narrow(0, first, batch);
      (void)fast->network->features(input);  // a shape's first run takes the plain kernels
      const torch::Tensor features = fast->network->features(input);
      EXPECT_LT((features - exactFeatures.narrow(0, first, batch)).abs().max().item<double>(), 1e-3)
          << "batch " << batch;
      EXPECT_LT((torch::sigmoid(fast->network->head(features)) -
                 exactProbabilities.narrow(0, first, batch))
                    .abs()
                    .max()
                    .item<double>(),
                1e-4)
          << "batch " << batch;
      const auto maps = fast->network->locatorFeatures(input);
      ASSERT_EQ(maps.size(), exactMaps.size());
      for (size_t m = 0; m < maps.size(); ++m)
        EXPECT_LT((maps[m] - exactMaps[m].narrow(0, first, batch)).abs().max().item<double>(), 1e-3)
            << "locator map " << m << ", batch " << batch;
    }
  }
}

// Grad-CAM differentiates the head with respect to the backbone's activations: on the prepacked
// path every CAM method's heatmap, every finding and the gate equal the plain path's. Findings and
// the gate within 1e-4; heatmaps within 2e-4 of their peak, as each float path is within 1e-4 of
// double precision (the test below) and they round in opposite directions.
TEST(PreparedConvTest, CamsFindingsAndGateEqualThePlainPathOnValPhotos) {
  auto loaded = walness::inference::Classifier::load(kShippedBundle);
  ASSERT_TRUE(loaded.ok()) << loaded.message();
  const auto& classifier = **loaded;
  const std::vector<cv::Mat> photos = valPhotos(3);
  (void)classifier.diagnose(photos.front());  // a shape's first run takes the plain kernels
  for (const cv::Mat& photo : photos) {
    for (const std::string& id : walness::cam::camMethodIds()) {
      const auto method = walness::cam::createCamMethod(id);
      ASSERT_NE(method, nullptr);
      auto fast = classifier.explain(photo, std::nullopt, *method, {"*"});
      ASSERT_TRUE(fast.ok()) << fast.message();
      const auto plain = [&] {
        PlainKernelsOnly plainOnly;
        return classifier.explain(photo, std::nullopt, *method, {"*"});
      }();
      ASSERT_TRUE(plain.ok()) << plain.message();
      ASSERT_FALSE(fast->diagnosis.abstention.has_value()) << fast->diagnosis.abstention->message;
      ASSERT_EQ(fast->diagnosis.findings.size(), plain->diagnosis.findings.size());
      for (const auto& finding : fast->diagnosis.findings) {
        const auto other =
            std::find_if(plain->diagnosis.findings.begin(), plain->diagnosis.findings.end(),
                         [&](const auto& f) { return f.disease == finding.disease; });
        ASSERT_NE(other, plain->diagnosis.findings.end());
        EXPECT_NEAR(finding.probability, other->probability, 1e-4) << finding.disease;
      }
      ASSERT_TRUE(fast->diagnosis.eyeGate && plain->diagnosis.eyeGate);
      EXPECT_NEAR(fast->diagnosis.eyeGate->dogEye, plain->diagnosis.eyeGate->dogEye, 1e-4);
      EXPECT_NEAR(fast->diagnosis.eyeGate->catEye, plain->diagnosis.eyeGate->catEye, 1e-4);
      EXPECT_NEAR(fast->diagnosis.eyeGate->notEye, plain->diagnosis.eyeGate->notEye, 1e-4);
      ASSERT_EQ(fast->heatmaps.size(), 5u) << id;
      for (const auto& [disease, heatmap] : fast->heatmaps) {
        ASSERT_TRUE(plain->heatmaps.count(disease));
        EXPECT_LT(cv::norm(heatmap, plain->heatmaps.at(disease), cv::NORM_INF), 2e-4)
            << id << " " << disease;
      }
    }
  }
}

// The CAM itself, for every method and disease: the prepacked path's map is within 1e-4 (of the
// map's peak) of the map computed in double precision without folding. The plain path is as far
// from it (up to 9.9e-5 measured) in the other direction, so the two float paths differ by up to
// twice that.
TEST(PreparedConvTest, EveryCamMethodIsWithin1e4OfDoublePrecision) {
  const ShippedTwice shipped;
  ASSERT_TRUE(shipped.fast.ok()) << shipped.fast.message();
  ASSERT_TRUE(shipped.exact.ok()) << shipped.exact.message();
  const auto& fast = shipped.fast;
  const auto& exact = shipped.exact;
  const auto camOf = [](walness::nn::FeatureClassifier& network, const torch::Tensor& input,
                        int64_t label, const walness::cam::CamMethod& method) {
    torch::Tensor activations;
    {
      torch::NoGradGuard noGrad;
      activations = network.features(input);
    }
    activations = activations.detach().requires_grad_(true);
    torch::AutoGradMode enableGrad(true);
    const torch::Tensor logits = network.head(activations);
    const torch::Tensor gradients = torch::autograd::grad({logits[0][label]}, {activations})[0];
    torch::NoGradGuard noGrad;
    const torch::Tensor map =
        method.compute(activations[0].detach(), gradients[0]).to(torch::kDouble);
    return map / map.max().clamp_min(1e-12);
  };
  const torch::Tensor inputs = batchOf(valPhotos(3), fast->card.input);
  {
    torch::InferenceMode inference;  // a shape's first run takes the plain kernels
    (void)fast->network->features(inputs.narrow(0, 0, 1));
  }
  for (const std::string& id : walness::cam::camMethodIds()) {
    const auto method = walness::cam::createCamMethod(id);
    for (int64_t photo = 0; photo < inputs.size(0); ++photo)
      for (int64_t label = 0; label < int64_t(fast->card.labels.size()); ++label) {
        const torch::Tensor input = inputs.narrow(0, photo, 1);
        const torch::Tensor expected =
            camOf(*exact->network, input.to(torch::kDouble), label, *method);
        const torch::Tensor got = camOf(*fast->network, input, label, *method);
        EXPECT_LT((got - expected).abs().max().item<double>(), 1e-4)
            << id << ", photo " << photo << ", " << fast->card.labels[size_t(label)].id;
      }
  }
}
