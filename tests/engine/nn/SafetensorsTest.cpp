#include <gtest/gtest.h>

#include <torch/torch.h>

#include <QFile>
#include <QTemporaryDir>

#include <cstring>

#include "SharedData.h"
#include "walness/nn/Safetensors.h"

using walness::nn::parseSafetensors;
using walness::nn::readSafetensors;
using walness::nn::TensorFile;
using walness::nn::writeSafetensors;

namespace {

// A safetensors file from a header text and a payload, so each malformation is explicit.
std::string craft(const std::string& header, const std::string& payload) {
  const uint64_t size = header.size();
  std::string bytes(8, '\0');
  std::memcpy(bytes.data(), &size, 8);
  return bytes + header + payload;
}

std::string parseError(const std::string& bytes) {
  auto result = parseSafetensors(bytes.data(), bytes.size(), "test.safetensors");
  return result.ok() ? std::string() : result.message();
}

}  // namespace

TEST(SafetensorsTest, WriteThenReadRoundTripsEveryDtypeAndMetadata) {
  QTemporaryDir dir;
  const std::string path = dir.filePath(QStringLiteral("w.safetensors")).toStdString();
  TensorFile file;
  file.tensors["a.float"] = torch::randn({3, 4});
  file.tensors["b.half"] = torch::randn({5}).to(torch::kHalf);
  file.tensors["c.bf16"] = torch::randn({2, 2}).to(torch::kBFloat16);
  file.tensors["d.long"] = torch::arange(7, torch::kLong);
  file.tensors["e.scalar"] = torch::tensor(3.5);
  file.tensors["f.empty"] = torch::zeros({0, 3});
  file.tensors["g.strided"] = torch::randn({4, 6}).t();  // not contiguous
  file.metadata["format"] = "pt";
  file.metadata["note"] = "간단한 메모";
  ASSERT_TRUE(writeSafetensors(path, file).ok());

  auto read = readSafetensors(path);
  ASSERT_TRUE(read.ok()) << read.message();
  ASSERT_EQ(read->tensors.size(), file.tensors.size());
  for (const auto& [name, tensor] : file.tensors) {
    const at::Tensor& back = read->tensors.at(name);
    EXPECT_EQ(back.scalar_type(), tensor.scalar_type()) << name;
    EXPECT_EQ(back.sizes(), tensor.sizes()) << name;
    EXPECT_TRUE(torch::equal(back, tensor.contiguous())) << name;
  }
  EXPECT_EQ(read->metadata, file.metadata);
}

TEST(SafetensorsTest, ReadsTheSharedImageNetWeights) {
  auto file = readSafetensors(
      walness::test::sharedPath(QStringLiteral("pretrained/mobilenet_v2_imagenet.safetensors")));
  ASSERT_TRUE(file.ok()) << file.message();
  EXPECT_EQ(file->tensors.size(), 262u);
  EXPECT_EQ(file->tensors.at("classifier.1.weight").sizes(), (std::vector<int64_t>{1000, 1280}));
  EXPECT_EQ(file->tensors.at("features.0.0.weight").sizes(), (std::vector<int64_t>{32, 3, 3, 3}));
}

TEST(SafetensorsTest, RefusesMalformedFilesWithAReason) {
  const std::string floats(16, '\0');  // four F32 values
  const std::string good = R"({"t":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}})";
  ASSERT_EQ(parseError(craft(good, floats)), "");

  EXPECT_NE(parseError("1234").find("shorter than"), std::string::npos);
  EXPECT_NE(parseError(craft(good, floats).substr(0, 20)).find("past the end"), std::string::npos);
  EXPECT_NE(parseError(craft("{not json", floats)).find("not a JSON object"), std::string::npos);
  EXPECT_NE(parseError(craft(R"({"t":{"dtype":"F32","shape":[4],"data_offsets":[0,32]}})", floats))
                .find("outside the file"),
            std::string::npos);
  EXPECT_NE(parseError(craft(R"({"t":{"dtype":"F32","shape":[5],"data_offsets":[0,16]}})", floats))
                .find("need"),
            std::string::npos);
  EXPECT_NE(parseError(craft(R"({"t":{"dtype":"Q4","shape":[4],"data_offsets":[0,16]}})", floats))
                .find("unsupported dtype 'Q4'"),
            std::string::npos);
  EXPECT_NE(parseError(craft(R"({"t":{"dtype":"F32","shape":[-4],"data_offsets":[0,16]}})", floats))
                .find("invalid dimension"),
            std::string::npos);
  EXPECT_NE(parseError(craft(R"({"a":{"dtype":"F32","shape":[3],"data_offsets":[0,12]},)"
                             R"("b":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}})",
                             floats))
                .find("overlap"),
            std::string::npos);
  // A header length that would need an absurd allocation is refused before reading it.
  std::string huge(8, '\xff');
  EXPECT_NE(parseError(huge + "{}").find("over 100 MB"), std::string::npos);
}

TEST(SafetensorsTest, MissingAndEmptyFilesNameThePath) {
  QTemporaryDir dir;
  const std::string missing = dir.filePath(QStringLiteral("nope.safetensors")).toStdString();
  auto result = readSafetensors(missing);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.message().find(missing), std::string::npos);

  const QString empty = dir.filePath(QStringLiteral("empty.safetensors"));
  QFile(empty).open(QIODevice::WriteOnly);
  auto emptyResult = readSafetensors(empty.toStdString());
  ASSERT_FALSE(emptyResult.ok());
  EXPECT_NE(emptyResult.message().find("empty"), std::string::npos);
}
