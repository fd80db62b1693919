#include <gtest/gtest.h>

#include <torch/torch.h>

#include <opencv2/core.hpp>

#include "walness/cam/CamMethod.h"
#include "walness/cam/Heatmap.h"

using namespace walness::cam;

namespace {

// A tiny network with known weights: score = sum_c w_c * mean_hw(A_c), so every gradient is
// dScore/dA_chw = w_c / (H * W), and each method has a closed form.
struct TinyHead {
  torch::Tensor activations;   // [C, H, W]
  torch::Tensor classWeights;  // [C]
  torch::Tensor gradients() const {
    torch::Tensor a = activations.clone().requires_grad_(true);
    torch::Tensor score = (classWeights * a.mean({1, 2})).sum();
    return torch::autograd::grad({score}, {a})[0];
  }
};

TinyHead tinyHead() {
  torch::manual_seed(3);
  return {torch::rand({4, 3, 5}) * 2, torch::tensor({1.5f, -2.0f, 0.5f, 3.0f})};
}

torch::Tensor closedForm(const std::string& id, const TinyHead& head) {
  const torch::Tensor& a = head.activations;
  const double area = double(a.size(1) * a.size(2));
  const torch::Tensor g = (head.classWeights / area).view({-1, 1, 1});
  if (id == "gradcam" || id == "hirescam")  // constant gradients: both weight by w_c / HW
    return torch::relu((g * a).sum(0));
  if (id == "layercam") return torch::relu((torch::relu(g) * a).sum(0));
  // Grad-CAM++: alpha = 1 / (2 + S_c g_c), weight = HW * alpha * relu(g_c).
  const torch::Tensor s = a.sum({1, 2}).view({-1, 1, 1});
  const torch::Tensor weight = area * torch::relu(g) / (2 + s * g);
  return torch::relu((weight * a).sum(0));
}

// Images 32 x 32 of noise; positives have a bright 8 x 8 square somewhere.
std::pair<torch::Tensor, torch::Tensor> squares(int count, torch::Tensor* squareMasks) {
  torch::Tensor images = torch::rand({count, 3, 32, 32}) * 0.3;
  torch::Tensor labels = torch::zeros({count, 1});
  *squareMasks = torch::zeros({count, 32, 32});
  for (int i = 0; i < count; ++i) {
    if (i % 2 == 0) continue;
    const int y = torch::randint(0, 24, {1}).item<int>();
    const int x = torch::randint(0, 24, {1}).item<int>();
    images.index_put_({i, torch::indexing::Slice(), torch::indexing::Slice(y, y + 8),
                       torch::indexing::Slice(x, x + 8)},
                      1.0);
    (*squareMasks)
        .index_put_({i, torch::indexing::Slice(y, y + 8), torch::indexing::Slice(x, x + 8)}, 1.0);
    labels[i][0] = 1.0;
  }
  return {images, labels};
}

struct SquareSpotter : torch::nn::Module {
  SquareSpotter() {
    conv1 =
        register_module("conv1", torch::nn::Conv2d(torch::nn::Conv2dOptions(3, 8, 3).padding(1)));
    conv2 = register_module(
        "conv2", torch::nn::Conv2d(torch::nn::Conv2dOptions(8, 16, 3).padding(1).stride(2)));
    linear = register_module("linear", torch::nn::Linear(16, 1));
  }
  torch::Tensor features(const torch::Tensor& x) {  // [N, 16, 16, 16]
    return torch::relu(conv2(torch::relu(conv1(x))));
  }
  torch::Tensor head(const torch::Tensor& f) {
    return linear(std::get<0>(torch::adaptive_max_pool2d(f, {1, 1})).flatten(1));
  }
  torch::nn::Conv2d conv1{nullptr}, conv2{nullptr};
  torch::nn::Linear linear{nullptr};
};

}  // namespace

template <class Method>
class CamMethodTest : public ::testing::Test {};
using Methods = ::testing::Types<GradCam, GradCamPlusPlus, HiResCam, LayerCam>;
TYPED_TEST_SUITE(CamMethodTest, Methods);

TYPED_TEST(CamMethodTest, EqualsTheClosedFormOnATinyNetwork) {
  const TypeParam method;
  const TinyHead head = tinyHead();
  const torch::Tensor cam = method.compute(head.activations, head.gradients());
  EXPECT_EQ(cam.sizes(), (std::vector<int64_t>{3, 5}));
  EXPECT_TRUE(torch::allclose(cam, closedForm(method.id(), head), 1e-5, 1e-6)) << method.id();
}

TYPED_TEST(CamMethodTest, ConstantInputGivesNoNanOrInf) {
  const TypeParam method;
  const torch::Tensor flat = torch::ones({6, 4, 4});
  const torch::Tensor zeroGradients = torch::zeros({6, 4, 4});
  const torch::Tensor cam = method.compute(flat, zeroGradients);
  EXPECT_TRUE(torch::isfinite(cam).all().item<bool>());
  const torch::Tensor packed = cam.contiguous();  // named: cv::Mat borrows its memory
  cv::Mat heat(4, 4, CV_32F, packed.data_ptr<float>());
  const cv::Mat normalized = normalizeHeatmap(heat);
  EXPECT_EQ(cv::countNonZero(normalized != normalized), 0) << "NaN after normalising";
  EXPECT_EQ(cv::norm(normalized), 0.0);
  const torch::Tensor fromZeros = method.compute(torch::zeros({6, 4, 4}), torch::ones({6, 4, 4}));
  EXPECT_TRUE(torch::isfinite(fromZeros).all().item<bool>());
}

TYPED_TEST(CamMethodTest, PeaksInsideTheSquareATrainedModelLooksFor) {
  torch::manual_seed(11);
  SquareSpotter model;
  torch::optim::Adam optimizer(model.parameters(), torch::optim::AdamOptions(0.01));
  torch::Tensor masks;
  for (int step = 0; step < 150; ++step) {
    auto [images, labels] = squares(32, &masks);
    optimizer.zero_grad();
    auto loss = torch::binary_cross_entropy_with_logits(model.head(model.features(images)), labels);
    loss.backward();
    optimizer.step();
  }
  auto [images, labels] = squares(16, &masks);
  const TypeParam method;
  int inside = 0, positives = 0;
  for (int i = 1; i < 16; i += 2) {
    ++positives;
    torch::Tensor activations;
    {
      torch::NoGradGuard noGrad;
      activations = model.features(images.slice(0, i, i + 1));
    }
    activations.requires_grad_(true);
    const torch::Tensor score = model.head(activations)[0][0];
    const torch::Tensor gradients = torch::autograd::grad({score}, {activations})[0];
    const torch::Tensor cam = method.compute(activations[0].detach(), gradients[0]);
    const torch::Tensor up = torch::nn::functional::interpolate(
        cam.view({1, 1, 16, 16}), torch::nn::functional::InterpolateFuncOptions()
                                      .size(std::vector<int64_t>{32, 32})
                                      .mode(torch::kBilinear)
                                      .align_corners(false));
    const int64_t peak = up.flatten().argmax().item<int64_t>();
    if (masks[i].flatten()[peak].item<float>() > 0) ++inside;
  }
  EXPECT_GE(inside, positives - 1)
      << method.id() << ": peak inside the square in " << inside << " of " << positives;
}

TEST(HeatmapTest, OverlayKeepsThePhotoOutsideTheRegion) {
  cv::Mat photo(40, 60, CV_8UC3, cv::Scalar(10, 200, 30));
  const cv::Rect region(15, 5, 30, 30);
  cv::Mat heat = cv::Mat::zeros(region.size(), CV_32F);  // over the region, as a diagnosis has it
  heat(cv::Rect(5, 5, 10, 10)).setTo(1.0f);              // the photo's (20, 10) to (30, 20)
  const cv::Mat overlay = overlayHeatmap(photo, heat, 0.5, region);
  ASSERT_EQ(overlay.size(), photo.size());
  ASSERT_EQ(overlay.type(), CV_8UC3);
  EXPECT_EQ(overlay.at<cv::Vec3b>(0, 0), cv::Vec3b(10, 200, 30));
  EXPECT_NE(overlay.at<cv::Vec3b>(15, 25), cv::Vec3b(10, 200, 30));
  EXPECT_NE(overlay.at<cv::Vec3b>(30, 40), cv::Vec3b(10, 200, 30)) << "zero heat inside: blue";
  EXPECT_EQ(overlayHeatmap(photo, heat, 0.0, region).at<cv::Vec3b>(15, 25), cv::Vec3b(10, 200, 30));
  // Hot exactly where the map is hot, in the photo's coordinates: red there, blue beside it.
  const cv::Mat full = overlayHeatmap(photo, heat, 1.0, region);
  EXPECT_GT(full.at<cv::Vec3b>(15, 25)[0], 100) << "the hot square, red";
  EXPECT_GT(full.at<cv::Vec3b>(25, 35)[2], 100) << "zero heat beside it, blue";
  // A region reaching past the photo: only its part inside is drawn.
  const cv::Mat edge = overlayHeatmap(photo, heat, 1.0, cv::Rect(45, 25, 30, 30));
  EXPECT_EQ(edge.at<cv::Vec3b>(0, 0), cv::Vec3b(10, 200, 30));
  EXPECT_NE(edge.at<cv::Vec3b>(39, 59), cv::Vec3b(10, 200, 30));
}

TEST(CamMethodFactoryTest, KnowsEveryMethodById) {
  for (const std::string& id : camMethodIds()) {
    auto method = createCamMethod(id);
    ASSERT_NE(method, nullptr) << id;
    EXPECT_EQ(method->id(), id);
  }
  EXPECT_EQ(createCamMethod("scorecam"), nullptr);
}
