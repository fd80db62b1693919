#include <gtest/gtest.h>

#include <torch/torch.h>

#include <QFile>
#include <QTemporaryDir>

#include <set>

#include "SharedData.h"
#include "walness/training/Bootstrap.h"
#include "walness/training/data/HeldOutTest.h"
#include "walness/training/data/LabeledDataset.h"

using namespace walness;

namespace {

// `rows` val rows (and 10 train rows) named photo<i>.jpg, one disease, alternately 1 and 0.
QByteArray labelsCsv(int valRows) {
  QByteArray csv = "image,split,conjunctivitis\n";
  for (int i = 0; i < 10; ++i) csv += "train/photo" + QByteArray::number(i) + ".jpg,train,1\n";
  for (int i = 0; i < valRows; ++i)
    csv += "val/photo" + QByteArray::number(i) + ".jpg,val," + QByteArray::number(i % 2) + "\n";
  return csv;
}

Result<training::LabeledDataset> readCsv(const QTemporaryDir& dir, const QByteArray& text) {
  const QString path = dir.filePath(QStringLiteral("labels.csv"));
  QFile file(path);
  EXPECT_TRUE(file.open(QIODevice::WriteOnly));
  file.write(text);
  file.close();
  return training::readLabelsCsv(path.toStdString());
}

size_t rowsOf(const training::LabeledDataset& dataset, const std::string& split) {
  return dataset.subset(split).images.size();
}

// One disease, `n` photos, labels alternating 0 and 1.
training::LabeledDataset alternating(int n) {
  training::LabeledDataset dataset;
  dataset.diseases = {"conjunctivitis"};
  for (int i = 0; i < n; ++i) {
    training::LabeledImage image;
    image.path = "photo" + std::to_string(i) + ".jpg";
    image.labels.assign(1, float(i % 2));
    image.grades.assign(1, std::string());
    dataset.images.push_back(image);
  }
  return dataset;
}

}  // namespace

TEST(HeldOutTestTest, HalfOfALargeValSplitIsTestByTheFileNameAlone) {
  QTemporaryDir dir;
  auto dataset = readCsv(dir, labelsCsv(400));
  ASSERT_TRUE(dataset) << dataset.message();
  const size_t test = rowsOf(*dataset, "test"), val = rowsOf(*dataset, "val");
  EXPECT_EQ(test + val, 400u);
  EXPECT_GT(test, 160u);  // about half: 200 +- 2 standard deviations of a fair coin
  EXPECT_LT(test, 240u);
  EXPECT_EQ(rowsOf(*dataset, "train"), 10u) << "train rows never move";
  // The file name decides, not the folder: the same photos are test wherever they are read from.
  for (const training::LabeledImage& image : dataset->images) {
    const std::string name = image.path.substr(image.path.rfind('/') + 1);
    if (image.split == "train") continue;
    EXPECT_EQ(image.split == "test", training::isHeldOutTestPhoto("/elsewhere/" + name)) << name;
  }
}

TEST(HeldOutTestTest, ASmallValSplitOrOneWithItsOwnTestSplitIsLeftAlone) {
  QTemporaryDir dir;
  auto small = readCsv(dir, labelsCsv(int(training::kMinimumValForTest) - 1));
  ASSERT_TRUE(small) << small.message();
  EXPECT_EQ(rowsOf(*small, "test"), 0u);
  EXPECT_EQ(rowsOf(*small, "val"), training::kMinimumValForTest - 1);

  auto ownTest = readCsv(dir, labelsCsv(200) + "test/kept.jpg,test,1\n");
  ASSERT_TRUE(ownTest) << ownTest.message();
  EXPECT_EQ(rowsOf(*ownTest, "test"), 1u);
  EXPECT_EQ(rowsOf(*ownTest, "val"), 200u);
}

TEST(HeldOutTestTest, TheDogEyeValSplitIsHalvedTheSameWayInEveryRun) {
  const std::string csv = test::sharedPath(QStringLiteral("data/dog-eye/labels.csv"));
  auto first = training::readLabelsCsv(csv);
  ASSERT_TRUE(first) << first.message();
  auto second = training::readLabelsCsv(csv);
  ASSERT_TRUE(second) << second.message();
  const size_t test = rowsOf(*first, "test"), val = rowsOf(*first, "val");
  EXPECT_EQ(test + val, 1637u);  // the README's val rows
  EXPECT_NEAR(double(test), 818.5, 60);
  std::set<std::string> testPhotos;
  for (const auto& image : first->images)
    if (image.split == "test") testPhotos.insert(image.path);
  for (const auto& image : second->images)
    EXPECT_EQ(image.split == "test", testPhotos.count(image.path) == 1) << image.path;
}

TEST(BootstrapTest, AnIntervalHoldsTheEstimateAndNarrowsWithMorePhotos) {
  torch::manual_seed(3);
  const auto widthFor = [](int n) {
    const training::LabeledDataset dataset = alternating(n);
    // Scores that separate the classes only partly: label plus noise.
    torch::Tensor scores = torch::zeros({n, 1});
    for (int i = 0; i < n; ++i) scores[i][0] = float(i % 2) + torch::randn({}).item<float>();
    const training::AucIntervals intervals = training::bootstrapAucs(dataset, scores);
    EXPECT_TRUE(intervals.macro.has_value());
    if (!intervals.macro) return 1.0;
    EXPECT_LE(intervals.macro->low, intervals.macro->estimate);
    EXPECT_GE(intervals.macro->high, intervals.macro->estimate);
    EXPECT_GT(intervals.macro->estimate, 0.6);
    EXPECT_EQ(intervals.perLabel.at("conjunctivitis").estimate, intervals.macro->estimate);
    return intervals.macro->high - intervals.macro->low;
  };
  const double small = widthFor(100), large = widthFor(1600);
  EXPECT_GT(small, 0.05);
  EXPECT_LT(large, small / 2.5);  // about 1 / sqrt(16) as wide
}

TEST(BootstrapTest, APairedDifferenceSeparatesABetterModelButNotAnEqualOne) {
  const int n = 800;
  const training::LabeledDataset dataset = alternating(n);
  torch::manual_seed(5);
  torch::Tensor weak = torch::zeros({n, 1}), strong = torch::zeros({n, 1});
  for (int i = 0; i < n; ++i) {
    const float noise = torch::randn({}).item<float>();
    weak[i][0] = float(i % 2) + 1.5f * noise;
    strong[i][0] = float(i % 2) + 0.5f * noise;
  }
  const auto same = training::pairedMacroAucDifference(dataset, weak, weak.clone());
  ASSERT_TRUE(same.has_value());
  EXPECT_EQ(same->estimate, 0);
  EXPECT_EQ(same->low, 0);
  EXPECT_EQ(same->high, 0);
  const auto better = training::pairedMacroAucDifference(dataset, strong, weak);
  ASSERT_TRUE(better.has_value());
  EXPECT_GT(better->low, 0) << "strong beats weak by more than the interval";
  const auto worse = training::pairedMacroAucDifference(dataset, weak, strong);
  ASSERT_TRUE(worse.has_value());
  EXPECT_LT(worse->high, 0);
  EXPECT_NEAR(worse->estimate, -better->estimate, 1e-12);
  // The same photos and seed, the same interval.
  const auto again = training::pairedMacroAucDifference(dataset, strong, weak);
  EXPECT_EQ(again->low, better->low);
  EXPECT_EQ(again->high, better->high);
}
