#include <gtest/gtest.h>

#include <torch/torch.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include "TestBundles.h"
#include "walness/bundle/ModelBundle.h"

using walness::bundle::loadModelBundle;
using walness::test::testCard;
using walness::test::writeTestBundle;

namespace {

QJsonObject readJson(const QString& path) {
  QFile file(path);
  file.open(QIODevice::ReadOnly);
  return QJsonDocument::fromJson(file.readAll()).object();
}

void writeJson(const QString& path, const QJsonObject& object) {
  QFile file(path);
  ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
  file.write(QJsonDocument(object).toJson());
}

// Loads the bundle after `edit` changed its card; returns the error message ("" if it loaded).
template <class Edit>
std::string loadAfterEditingCard(Edit edit) {
  QTemporaryDir dir;
  const std::string path = writeTestBundle(dir.path());
  const QString cardPath = dir.filePath(QStringLiteral("model.json"));
  QJsonObject card = readJson(cardPath);
  edit(card);
  writeJson(cardPath, card);
  auto loaded = loadModelBundle(path);
  return loaded.ok() ? std::string() : loaded.message();
}

}  // namespace

TEST(ModelBundleTest, WrittenBundleLoadsWithTheSameCardAndWeights) {
  QTemporaryDir dir;
  const auto card = testCard();
  const std::string path = writeTestBundle(dir.path(), card);
  auto loaded = loadModelBundle(path);
  ASSERT_TRUE(loaded.ok()) << loaded.message();
  EXPECT_EQ(loaded->card.id, card.id);
  EXPECT_EQ(loaded->card.labels.size(), 3u);
  EXPECT_EQ(loaded->card.labels[1].id, "cataract");
  EXPECT_DOUBLE_EQ(loaded->card.labels[1].threshold, 0.4);
  EXPECT_DOUBLE_EQ(loaded->card.temperature, 1.5);
  EXPECT_EQ(loaded->card.input.mean[0], 128.0f);
  EXPECT_EQ(loaded->card.weightsSha256.size(), 64u);

  torch::manual_seed(1);
  walness::nn::MobileNetV2 original(3);
  original->eval();
  torch::NoGradGuard noGrad;
  const torch::Tensor input = torch::randn({1, 3, 64, 64});
  EXPECT_TRUE(torch::allclose(loaded->network->forward(input), original->forward(input)));
}

TEST(ModelBundleTest, EveryBrokenPartIsNamed) {
  EXPECT_NE(loadAfterEditingCard([](QJsonObject& c) {
              c[QStringLiteral("architecture")] = QStringLiteral("alexnet");
            }).find("unknown architecture 'alexnet'"),
            std::string::npos);
  EXPECT_NE(loadAfterEditingCard([](QJsonObject& c) {
              auto labels = c[QStringLiteral("labels")].toArray();
              labels.removeLast();
              c[QStringLiteral("labels")] = labels;
            }).find("classifier.1.weight"),
            std::string::npos)
      << "two labels in the card, three outputs in the weights";
  EXPECT_NE(loadAfterEditingCard([](QJsonObject& c) {
              auto labels = c[QStringLiteral("labels")].toArray();
              auto first = labels[0].toObject();
              first[QStringLiteral("id")] = QStringLiteral("healthy");
              labels[0] = first;
              c[QStringLiteral("labels")] = labels;
            }).find("\"healthy\" is not a known disease id"),
            std::string::npos);
  EXPECT_NE(loadAfterEditingCard([](QJsonObject& c) {
              c[QStringLiteral("temperature")] = 0;
            }).find("temperature"),
            std::string::npos);
  EXPECT_NE(loadAfterEditingCard([](QJsonObject& c) {
              c[QStringLiteral("species")] = QStringLiteral("horse");
            }).find("species"),
            std::string::npos);
  EXPECT_NE(loadAfterEditingCard([](QJsonObject& c) {
              auto weights = c[QStringLiteral("weights")].toObject();
              weights[QStringLiteral("file")] = QStringLiteral("../../etc/passwd.safetensors");
              c[QStringLiteral("weights")] = weights;
            }).find("inside the bundle folder"),
            std::string::npos);
  // Any 11-character name once passed (rfind's npos + 12 wrapped around to 11).
  for (const char* name : {"weights.bin", "abcdefghijk", ".safetensors", "x.safetensors.txt"})
    EXPECT_NE(loadAfterEditingCard([&](QJsonObject& c) {
                auto weights = c[QStringLiteral("weights")].toObject();
                weights[QStringLiteral("file")] = QString::fromLatin1(name);
                c[QStringLiteral("weights")] = weights;
              }).find("must be a .safetensors file name"),
              std::string::npos)
        << name;
  // Found by fuzz_model_card: numbers far outside int's or float's range are refused, not cast.
  EXPECT_NE(loadAfterEditingCard([](QJsonObject& c) {
              auto input = c[QStringLiteral("input")].toObject();
              input[QStringLiteral("size")] = 2280456198424.0;
              c[QStringLiteral("input")] = input;
            }).find("input.size must be between 32 and 1024"),
            std::string::npos);
  EXPECT_NE(loadAfterEditingCard([](QJsonObject& c) {
              auto input = c[QStringLiteral("input")].toObject();
              input[QStringLiteral("mean")] = QJsonArray{1e300, 0.0, 0.0};
              c[QStringLiteral("input")] = input;
            }).find("input.mean"),
            std::string::npos);
  EXPECT_NE(loadAfterEditingCard([](QJsonObject& c) {
              c[QStringLiteral("format_version")] = 1e40;
            }).find("format_version"),
            std::string::npos);
}

TEST(ModelBundleTest, DamagedOrMissingFilesAreRefused) {
  QTemporaryDir dir;
  const std::string path = writeTestBundle(dir.path());
  const QString weights = dir.filePath(QStringLiteral("weights.safetensors"));
  {
    QFile file(weights);
    ASSERT_TRUE(file.open(QIODevice::ReadWrite));
    file.seek(file.size() - 10);
    file.write("xxxx");
  }
  auto damaged = loadModelBundle(path);
  ASSERT_FALSE(damaged.ok());
  EXPECT_NE(damaged.message().find("does not match"), std::string::npos) << damaged.message();

  QFile::remove(weights);
  auto missing = loadModelBundle(path);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.message().find("weights file is missing"), std::string::npos);

  QFile card(dir.filePath(QStringLiteral("model.json")));
  ASSERT_TRUE(card.open(QIODevice::WriteOnly | QIODevice::Truncate));
  card.write("{ not json");
  card.close();
  auto badJson = loadModelBundle(path);
  ASSERT_FALSE(badJson.ok());
  EXPECT_NE(badJson.message().find("not valid JSON"), std::string::npos);

  QTemporaryDir empty;
  auto none = loadModelBundle(empty.path().toStdString());
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.message().find("no model.json"), std::string::npos);
}

TEST(ModelBundleTest, ListsBundlesInSearchFolders) {
  QTemporaryDir dir;
  QDir(dir.path()).mkpath(QStringLiteral("a/not-a-bundle"));
  writeTestBundle(dir.filePath(QStringLiteral("a/dog-test")));
  const auto listed =
      walness::bundle::listBundles({dir.filePath(QStringLiteral("a")).toStdString()});
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].card.id, "test-untrained");
}
