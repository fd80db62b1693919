#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include "CliRunner.h"
#include "SharedData.h"
#include "walness/history/HistoryStore.h"
#include "walness/io/Csv.h"

namespace {

using walness::test::CliRun;
using walness::test::runCli;

const QString kShippedModel = QStringLiteral(WALNESS_SOURCE_DIR "/models/dog-eye-mobilenetv2");

std::vector<walness::io::CsvRecord> readCsv(const QString& path) {
  QFile file(path);
  EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << path.toStdString();
  const QByteArray text = file.readAll();
  auto records =
      walness::io::splitCsvRecords(std::string_view(text.constData(), size_t(text.size())));
  EXPECT_TRUE(records) << records.message();
  return records ? *records : std::vector<walness::io::CsvRecord>{};
}

class BatchCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    photos_ = work_.filePath(QStringLiteral("photos"));
    QDir().mkpath(photos_);
    const QStringList real = walness::test::validationPhotos(40);
    ASSERT_EQ(real.size(), 40) << "dog-eye validation photos not found in ../shared";
    for (const QString& photo : real)
      ASSERT_TRUE(QFile::copy(photo, photos_ + QLatin1Char('/') + QFileInfo(photo).fileName()));
    QFile broken(photos_ + QStringLiteral("/broken-upload.jpg"));
    ASSERT_TRUE(broken.open(QIODevice::WriteOnly));
    broken.write(QByteArray("\xFF\xD8\xFF\xE0") + QByteArray(300, '\0'));
  }
  QTemporaryDir work_;
  QString photos_;
};

// The check: 40 real photos and one broken file give 41 rows, and the batch goes on.
TEST_F(BatchCliTest, FortyRealPhotosAndABrokenFileGiveFortyOneRows) {
  const QString csv = work_.filePath(QStringLiteral("results.csv"));
  const CliRun run =
      runCli({QStringLiteral("batch"), photos_, QStringLiteral("--species"), QStringLiteral("dog"),
              QStringLiteral("--model"), kShippedModel, QStringLiteral("--csv"), csv});
  ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
  EXPECT_TRUE(run.out.startsWith(QStringLiteral("41 photos: "))) << run.out.toStdString();
  EXPECT_TRUE(run.out.contains(QStringLiteral(", 1 failed, 0 skipped"))) << run.out.toStdString();
  EXPECT_TRUE(run.err.contains(QStringLiteral("41/41"))) << run.err.toStdString();  // progress

  const auto rows = readCsv(csv);
  ASSERT_EQ(rows.size(), 42u);  // header + 41
  EXPECT_EQ(rows[0].cells.front(), "file");
  EXPECT_EQ(rows[0].cells.size(), 10u);  // file, status, abstained, 5 diseases, top, message
  int errors = 0, positives = 0;
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& cells = rows[i].cells;
    ASSERT_EQ(cells.size(), 10u);
    if (cells[1] == "error") {
      ++errors;
      EXPECT_EQ(cells[0], "broken-upload.jpg");
      EXPECT_FALSE(cells[9].empty());
      continue;
    }
    if (!cells[8].empty()) ++positives;
  }
  EXPECT_EQ(errors, 1);
  // Every validation photo shows at least one disease; the shipped model finds most of them.
  EXPECT_GT(positives, 25);

  // Resumed: nothing to do.
  const CliRun again =
      runCli({QStringLiteral("batch"), photos_, QStringLiteral("--species"), QStringLiteral("dog"),
              QStringLiteral("--model"), kShippedModel, QStringLiteral("--csv"), csv});
  ASSERT_EQ(again.exitCode, 0) << again.err.toStdString();
  EXPECT_TRUE(again.out.contains(QStringLiteral("41 skipped"))) << again.out.toStdString();
  EXPECT_EQ(readCsv(csv).size(), 42u);
}

TEST_F(BatchCliTest, SavesToAPetAndWritesAReportPerPhoto) {
  const QString history = work_.filePath(QStringLiteral("history"));
  const QString reports = work_.filePath(QStringLiteral("reports"));
  const CliRun run = runCli(
      {QStringLiteral("batch"), photos_, QStringLiteral("--species"), QStringLiteral("dog"),
       QStringLiteral("--model"), kShippedModel, QStringLiteral("--pet"), QStringLiteral("Coco"),
       QStringLiteral("--history"), history, QStringLiteral("--report-dir"), reports});
  ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
  EXPECT_TRUE(QFile::exists(photos_ + QStringLiteral("/walness-batch.csv")));
  EXPECT_EQ(QDir(reports).entryList({QStringLiteral("*.html")}, QDir::Files).size(), 40);
  auto store =
      walness::history::HistoryStore::open(walness::history::StoreLocation::local(history));
  ASSERT_TRUE(store) << store.message();
  auto pet = (*store)->findPet("Coco", walness::Species::Dog);
  ASSERT_TRUE(pet && *pet);
  EXPECT_EQ((*store)->diagnoses((*pet)->id)->size(), 40u);
}

TEST_F(BatchCliTest, BadFoldersAndCsvsAreRefusedWithAMessage) {
  const CliRun missing = runCli({QStringLiteral("batch"), work_.filePath(QStringLiteral("none")),
                                 QStringLiteral("--species"), QStringLiteral("dog"),
                                 QStringLiteral("--model"), kShippedModel});
  EXPECT_EQ(missing.exitCode, 3);
  EXPECT_TRUE(missing.err.contains(QStringLiteral("is not a folder"))) << missing.err.toStdString();

  const QString other = work_.filePath(QStringLiteral("other.csv"));
  QFile file(other);
  ASSERT_TRUE(file.open(QIODevice::WriteOnly));
  file.write("a,b\n1,2\n");
  file.close();
  const CliRun mismatched =
      runCli({QStringLiteral("batch"), photos_, QStringLiteral("--species"), QStringLiteral("dog"),
              QStringLiteral("--model"), kShippedModel, QStringLiteral("--csv"), other});
  EXPECT_EQ(mismatched.exitCode, 3);
  EXPECT_TRUE(mismatched.err.contains(QStringLiteral("other columns")))
      << mismatched.err.toStdString();
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  EXPECT_EQ(file.readAll(), QByteArray("a,b\n1,2\n"));

  const CliRun noSpecies = runCli({QStringLiteral("batch"), photos_});
  EXPECT_EQ(noSpecies.exitCode, 2);
}

}  // namespace
