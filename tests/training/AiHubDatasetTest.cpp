#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include "walness/training/data/AiHubDataset.h"

using namespace walness;
using training::LabeledImage;

namespace {

const std::string kFixture = WALNESS_SOURCE_DIR "/tests/fixtures/aihub-layout";

const LabeledImage* byName(const training::LabeledDataset& dataset, const std::string& name) {
  for (const auto& image : dataset.images)
    if (image.path.size() >= name.size() &&
        image.path.compare(image.path.size() - name.size(), name.size(), name) == 0)
      return &image;
  return nullptr;
}

}  // namespace

TEST(AiHubDatasetTest, MapsAllFifteenKoreanDiseaseNames) {
  const std::pair<const char*, const char*> dog[] = {
      {"결막염", "conjunctivitis"},
      {"궤양성각막질환", "ulcerative_keratitis"},
      {"백내장", "cataract"},
      {"비궤양성각막질환", "nonulcerative_keratitis"},
      {"색소침착성각막염", "pigmentary_keratitis"},
      {"안검내반증", "entropion"},
      {"안검염", "blepharitis"},
      {"안검종양", "eyelid_tumor"},
      {"유루증", "epiphora"},
      {"핵경화", "nuclear_sclerosis"}};
  for (const auto& [korean, id] : dog)
    EXPECT_EQ(training::aiHubDiseaseId(Species::Dog, korean), id);
  const std::pair<const char*, const char*> cat[] = {{"각막궤양", "corneal_ulcer"},
                                                     {"각막부골편", "corneal_sequestrum"},
                                                     {"결막염", "conjunctivitis"},
                                                     {"비궤양성각막염", "nonulcerative_keratitis"},
                                                     {"안검염", "blepharitis"}};
  for (const auto& [korean, id] : cat)
    EXPECT_EQ(training::aiHubDiseaseId(Species::Cat, korean), id);
  EXPECT_FALSE(training::aiHubDiseaseId(Species::Cat, "백내장"));  // a dog-only folder
}

TEST(AiHubDatasetTest, ReadsTheConstructedLayoutMergingPhotosFiledTwice) {
  auto dog = training::readAiHubDataset(kFixture, Species::Dog);
  ASSERT_TRUE(dog) << dog.message();
  EXPECT_EQ(dog->diseases,
            (std::vector<std::string>{"conjunctivitis", "ulcerative_keratitis", "cataract",
                                      "eyelid_tumor", "nuclear_sclerosis"}));
  ASSERT_EQ(dog->images.size(), 5u);
  const LabeledImage* a = byName(*dog, "/유/D0_a.jpg");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->split, "train");
  EXPECT_EQ(a->labels[0], 1.0f);  // conjunctivitis 유
  EXPECT_EQ(a->labels[2], 1.0f);  // cataract, merged from the other folder
  EXPECT_EQ(a->grades[2], "비성숙");
  EXPECT_FALSE(LabeledImage::known(a->labels[1]));  // never assessed for ulcers: unknown
  ASSERT_TRUE(a->region.has_value());
  EXPECT_EQ(*a->region, cv::Rect(8, 8, 48, 48));
  const LabeledImage* b = byName(*dog, "D0_b.jpg");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->labels[0], 0.0f);  // 무
  const LabeledImage* c = byName(*dog, "D0_c.jpg");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->grades[1], "상");
  EXPECT_EQ(dog->subset("val").images.size(), 2u);

  auto cat = training::readAiHubDataset(kFixture, Species::Cat);
  ASSERT_TRUE(cat) << cat.message();
  EXPECT_EQ(cat->diseases,
            (std::vector<std::string>{"corneal_sequestrum", "nonulcerative_keratitis"}));
  EXPECT_EQ(cat->images.size(), 2u);
  EXPECT_EQ(cat->positives(), (std::vector<int64_t>{1, 1}));
}

TEST(AiHubDatasetTest, UnknownDiseaseNamesAndMissingPhotosAreErrors) {
  QTemporaryDir dir;
  const QString folder = dir.filePath(QStringLiteral("Training/개/안구/일반/없는병/유"));
  ASSERT_TRUE(QDir().mkpath(folder));
  QFile json(folder + QStringLiteral("/x.json"));
  ASSERT_TRUE(json.open(QIODevice::WriteOnly));
  json.write(R"({"label": {"label_disease_nm": "없는병", "label_disease_lv_1": "유"}})");
  json.close();
  auto unknown = training::readAiHubDataset(dir.path().toStdString(), Species::Dog);
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.message().find("unknown dog disease name '없는병'"), std::string::npos);

  QFile::remove(json.fileName());
  const QString cataract = dir.filePath(QStringLiteral("Training/개/안구/일반/백내장/성숙"));
  ASSERT_TRUE(QDir().mkpath(cataract));
  QFile label(cataract + QStringLiteral("/y.json"));
  ASSERT_TRUE(label.open(QIODevice::WriteOnly));
  label.write(R"({"label": {"label_disease_nm": "백내장", "label_filename": "y.jpg"}})");
  label.close();
  auto missing = training::readAiHubDataset(dir.path().toStdString(), Species::Dog);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.message().find("is missing"), std::string::npos);

  auto empty = training::readAiHubDataset(dir.path().toStdString(), Species::Cat);
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.message().find("no cat eye labels"), std::string::npos);
}
