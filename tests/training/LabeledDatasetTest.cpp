#include <gtest/gtest.h>

#include <QFile>
#include <QTemporaryDir>

#include "SharedData.h"
#include "walness/training/data/LabeledDataset.h"

using namespace walness;
using training::LabeledImage;

namespace {

std::string writeCsv(const QTemporaryDir& dir, const QByteArray& text) {
  const QString path = dir.filePath(QStringLiteral("labels.csv"));
  QFile file(path);
  EXPECT_TRUE(file.open(QIODevice::WriteOnly));
  file.write(text);
  return path.toStdString();
}

}  // namespace

TEST(LabeledDatasetTest, ReadsKnownAndUnknownCellsAndIgnoresOtherColumns) {
  QTemporaryDir dir;
  const auto path =
      writeCsv(dir,
               "\xEF\xBB\xBFimage,split,framing,conjunctivitis,cataract,source_repo\r\n"
               "images/a.jpg,train,crop,1,0,\"owner/repo, with comma\"\r\n"
               "images/b.jpg,val,fullframe,0,,x\r\n");
  auto dataset = training::readLabelsCsv(path);
  ASSERT_TRUE(dataset) << dataset.message();
  EXPECT_EQ(dataset->diseases, (std::vector<std::string>{"conjunctivitis", "cataract"}));
  ASSERT_EQ(dataset->images.size(), 2u);
  EXPECT_EQ(dataset->images[0].path, dir.filePath(QStringLiteral("images/a.jpg")).toStdString());
  EXPECT_EQ(dataset->images[0].labels, (std::vector<float>{1, 0}));
  EXPECT_EQ(dataset->images[1].split, "val");
  EXPECT_EQ(dataset->images[1].framing, "fullframe");
  EXPECT_EQ(dataset->images[1].labels[0], 0.0f);
  EXPECT_FALSE(LabeledImage::known(dataset->images[1].labels[1]));
  EXPECT_EQ(dataset->positives(), (std::vector<int64_t>{1, 0}));
  EXPECT_EQ(dataset->knownCounts(), (std::vector<int64_t>{2, 1}));
  EXPECT_EQ(dataset->subset("val").images.size(), 1u);
}

TEST(LabeledDatasetTest, MalformedFilesNameTheLineAndProblem) {
  const std::pair<QByteArray, std::string> cases[] = {
      {"", "empty"},
      {"image,conjunctivitis\n", "no rows"},
      {"file,conjunctivitis\na.jpg,1\n", "no 'image' column"},
      {"image,split\na.jpg,train\n", "no disease column"},
      {"image,conjunctivitis\na.jpg,2\n", "line 2: column 'conjunctivitis' holds '2'"},
      {"image,conjunctivitis\na.jpg,1,extra\n", "line 2: 3 cells, the header has 2"},
      {"image,conjunctivitis\n\"a.jpg,1\n", "line 2: unterminated quote"},
  };
  for (const auto& [text, expected] : cases) {
    QTemporaryDir dir;
    auto dataset = training::readLabelsCsv(writeCsv(dir, text));
    ASSERT_FALSE(dataset) << expected;
    EXPECT_NE(dataset.message().find(expected), std::string::npos) << dataset.message();
  }
  auto missing = training::readLabelsCsv("/nonexistent/labels.csv");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.message().find("cannot read"), std::string::npos);
}

TEST(LabeledDatasetTest, ReadsTheSharedDogEyeLabels) {
  auto dataset =
      training::readLabelsCsv(test::sharedPath(QStringLiteral("data/dog-eye/labels.csv")));
  ASSERT_TRUE(dataset) << dataset.message();
  const auto train = dataset->subset("train");
  const auto val = dataset->subset("val");
  const auto test = dataset->subset("test");  // half of the README's val split (HeldOutTest.h)
  EXPECT_EQ(train.images.size(), 12003u);
  EXPECT_EQ(val.images.size() + test.images.size(), 1637u);
  EXPECT_EQ(val.images.size(), 842u);
  // The counts the data's README gives.
  EXPECT_EQ(train.positives(), (std::vector<int64_t>{4450, 2269, 2410, 2494, 3851}));
  std::vector<int64_t> valAndTest = val.positives();
  for (size_t d = 0; d < valAndTest.size(); ++d) valAndTest[d] += test.positives()[d];
  EXPECT_EQ(valAndTest, (std::vector<int64_t>{601, 320, 338, 369, 441}));
  // Full-frame rows know conjunctivitis only.
  int fullFrame = 0;
  for (const auto& image : train.images)
    if (image.framing == "fullframe") {
      ++fullFrame;
      EXPECT_TRUE(LabeledImage::known(image.labels[0]));
      EXPECT_FALSE(LabeledImage::known(image.labels[1]));
    }
  EXPECT_EQ(fullFrame, 306);
}
