#include <gtest/gtest.h>

#include <torch/torch.h>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "walness/imaging/TensorImage.h"

using walness::imaging::matToTensor;
using walness::imaging::tensorToMat;

TEST(TensorImageTest, MatBecomesNchwWithTheSameValues) {
  cv::Mat image(2, 3, CV_8UC3);
  for (int y = 0; y < image.rows; ++y)
    for (int x = 0; x < image.cols; ++x)
      image.at<cv::Vec3b>(y, x) = cv::Vec3b(uchar(10 * y + x), uchar(100 + x), uchar(200 + y));

  const at::Tensor tensor = matToTensor(image);
  ASSERT_EQ(tensor.sizes(), (std::vector<int64_t>{1, 3, 2, 3}));
  EXPECT_EQ(tensor.scalar_type(), torch::kFloat32);
  for (int y = 0; y < image.rows; ++y)
    for (int x = 0; x < image.cols; ++x)
      for (int c = 0; c < 3; ++c)
        EXPECT_FLOAT_EQ(tensor[0][c][y][x].item<float>(), image.at<cv::Vec3b>(y, x)[c]);
}

TEST(TensorImageTest, TensorOutlivesTheMat) {
  at::Tensor tensor;
  {
    cv::Mat image(4, 4, CV_8UC1, cv::Scalar(42));
    tensor = matToTensor(image);
  }
  EXPECT_FLOAT_EQ(tensor.mean().item<float>(), 42.0f);
}

TEST(TensorImageTest, RejectsEmptyAndUnsupportedImages) {
  EXPECT_THROW(matToTensor(cv::Mat()), std::invalid_argument);
  EXPECT_THROW(matToTensor(cv::Mat(4, 4, CV_16UC1)), std::invalid_argument);
  EXPECT_THROW(tensorToMat(torch::zeros({2, 3, 4})), std::invalid_argument);
}

// LibTorch autograd on an OpenCV image: the gradient of sum(w * x^2) with respect to x is 2 w x,
// and with respect to w is x^2. This is the mechanism Grad-CAM is built on.
TEST(TensorImageTest, AutogradFlowsThroughAConvertedImage) {
  cv::Mat image(8, 8, CV_32FC1);
  for (int y = 0; y < 8; ++y)
    for (int x = 0; x < 8; ++x) image.at<float>(y, x) = float(x + y) / 14.0f;
  cv::GaussianBlur(image, image, cv::Size(3, 3), 0.8);

  const at::Tensor x = matToTensor(image).requires_grad_(true);
  const at::Tensor w = torch::full({1, 1, 8, 8}, 3.0, torch::requires_grad());
  const at::Tensor score = (w * x * x).sum();
  const auto grads = torch::autograd::grad({score}, {x, w});

  EXPECT_TRUE(torch::allclose(grads[0], 2 * w.detach() * x.detach()));
  EXPECT_TRUE(torch::allclose(grads[1], x.detach() * x.detach()));

  const cv::Mat back = tensorToMat(grads[0]);
  ASSERT_EQ(back.size(), image.size());
  EXPECT_NEAR(back.at<float>(5, 3), 6.0f * image.at<float>(5, 3), 1e-5);
}
