#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include "SharedData.h"
#include "TestBundles.h"
#include "walness/batch/BatchCsv.h"
#include "walness/batch/BatchRunner.h"
#include "walness/history/HistoryStore.h"
#include "walness/inference/ScreeningSession.h"
#include "walness/io/Csv.h"

using namespace walness;

namespace {

std::vector<io::CsvRecord> readCsv(const QString& path) {
  QFile file(path);
  EXPECT_TRUE(file.open(QIODevice::ReadOnly));
  const QByteArray text = file.readAll();
  auto records = io::splitCsvRecords(std::string_view(text.constData(), size_t(text.size())));
  EXPECT_TRUE(records) << records.message();
  return records ? *records : std::vector<io::CsvRecord>{};
}

class BatchRunnerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    bundles_ = new QTemporaryDir;
    test::writePretrainedTestBundle(bundles_->filePath(QStringLiteral("dog")));
    session_ = ScreeningSessionPtr(
        inference::ScreeningSession::open(bundles_->filePath(QStringLiteral("dog")).toStdString())
            .value()
            .release());
  }
  static void TearDownTestSuite() {
    delete session_;
    delete bundles_;
  }

  void SetUp() override {
    photos_ = QDir(work_.filePath(QStringLiteral("photos")));
    QDir().mkpath(photos_.path());
    for (const QString& photo : test::validationPhotos(6))
      ASSERT_TRUE(QFile::copy(photo, photos_.filePath(QFileInfo(photo).fileName())));
    QFile broken(photos_.filePath(QStringLiteral("zz-broken.jpg")));
    ASSERT_TRUE(broken.open(QIODevice::WriteOnly));
    broken.write("\xFF\xD8\xFF not really a JPEG");
    broken.close();
    QFile notes(photos_.filePath(QStringLiteral("notes.txt")));  // not a photo: ignored
    ASSERT_TRUE(notes.open(QIODevice::WriteOnly));
  }

  batch::BatchOptions options() const {
    batch::BatchOptions options;
    options.folder = photos_.path();
    options.csvPath = work_.filePath(QStringLiteral("out.csv"));
    return options;
  }

  using ScreeningSessionPtr = inference::ScreeningSession*;
  static QTemporaryDir* bundles_;
  static ScreeningSessionPtr session_;
  QTemporaryDir work_;
  QDir photos_;
};
QTemporaryDir* BatchRunnerTest::bundles_ = nullptr;
BatchRunnerTest::ScreeningSessionPtr BatchRunnerTest::session_ = nullptr;

TEST_F(BatchRunnerTest, EveryPhotoGetsARowAndABrokenOneItsError) {
  std::vector<batch::BatchProgress> updates;
  batch::BatchRunner runner(*session_, options());
  auto summary = runner.run([&](const batch::BatchProgress& p) { updates.push_back(p); });
  ASSERT_TRUE(summary) << summary.message();
  EXPECT_EQ(summary->found, 7);
  EXPECT_EQ(summary->failed, 1);
  EXPECT_EQ(summary->screened + summary->abstained, 6);
  ASSERT_EQ(updates.size(), 7u);
  EXPECT_EQ(updates.back().done, 7);
  EXPECT_EQ(updates.back().total, 7);
  EXPECT_DOUBLE_EQ(updates.back().remainingSeconds, 0);

  const auto rows = readCsv(work_.filePath(QStringLiteral("out.csv")));
  ASSERT_EQ(rows.size(), 8u);
  EXPECT_EQ(rows[0].cells, batch::BatchCsv::header({"conjunctivitis", "cataract", "blepharitis"}));
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& cells = rows[i].cells;
    ASSERT_EQ(cells.size(), 8u);
    if (cells[0] == "zz-broken.jpg") {
      EXPECT_EQ(cells[1], "error");
      EXPECT_FALSE(cells[7].empty());
      continue;
    }
    EXPECT_EQ(cells[1], "ok") << cells[7];
    if (cells[2] == "false")
      for (int column = 3; column < 6; ++column) {
        const double probability = std::stod(cells[size_t(column)]);
        EXPECT_GE(probability, 0.0);
        EXPECT_LE(probability, 1.0);
      }
  }
}

TEST_F(BatchRunnerTest, ASecondRunSkipsWhatIsDoneAndRedoesARowCutShort) {
  ASSERT_TRUE(batch::BatchRunner(*session_, options()).run());
  // Cut the last row in half, as a crash while writing it would.
  QFile csv(work_.filePath(QStringLiteral("out.csv")));
  ASSERT_TRUE(csv.open(QIODevice::ReadWrite));
  const QByteArray text = csv.readAll();
  const qsizetype lastRow = text.lastIndexOf('\n', text.size() - 2) + 1;
  ASSERT_TRUE(csv.resize(lastRow + 5));
  csv.close();

  auto again = batch::BatchRunner(*session_, options()).run();
  ASSERT_TRUE(again) << again.message();
  EXPECT_EQ(again->skipped, 6);
  EXPECT_EQ(again->screened + again->abstained + again->failed, 1);
  EXPECT_EQ(readCsv(work_.filePath(QStringLiteral("out.csv"))).size(), 8u);

  auto third = batch::BatchRunner(*session_, options()).run();
  ASSERT_TRUE(third);
  EXPECT_EQ(third->skipped, 7);
  EXPECT_EQ(readCsv(work_.filePath(QStringLiteral("out.csv"))).size(), 8u);
}

TEST_F(BatchRunnerTest, ACsvWithOtherColumnsIsRefusedUntouched) {
  QFile other(work_.filePath(QStringLiteral("out.csv")));
  ASSERT_TRUE(other.open(QIODevice::WriteOnly));
  other.write("name,score\na.jpg,1\n");
  other.close();
  auto run = batch::BatchRunner(*session_, options()).run();
  ASSERT_FALSE(run);
  EXPECT_NE(run.message().find("other columns"), std::string::npos) << run.message();
  ASSERT_TRUE(other.open(QIODevice::ReadOnly));
  EXPECT_EQ(other.readAll(), QByteArray("name,score\na.jpg,1\n"));
}

TEST_F(BatchRunnerTest, CancellingStopsAfterTheCurrentPhotoAndKeepsItsRows) {
  int finished = 0;
  auto run =
      batch::BatchRunner(*session_, options())
          .run([&](const batch::BatchProgress&) { ++finished; }, [&] { return finished >= 2; });
  ASSERT_TRUE(run);
  EXPECT_TRUE(run->cancelled);
  EXPECT_EQ(readCsv(work_.filePath(QStringLiteral("out.csv"))).size(), 3u);
}

TEST_F(BatchRunnerTest, SavesToAPetAndWritesReports) {
  auto store = history::HistoryStore::open(
      history::StoreLocation::local(work_.filePath(QStringLiteral("history"))));
  ASSERT_TRUE(store) << store.message();
  history::Pet pet;
  pet.name = "Coco";
  const int64_t petId = (*store)->addPet(pet).value();
  batch::BatchOptions with = options();
  with.store = store->get();
  with.petId = petId;
  with.reportFolder = work_.filePath(QStringLiteral("reports"));
  with.reportLanguage = "ko";
  auto run = batch::BatchRunner(*session_, with).run();
  ASSERT_TRUE(run) << run.message();
  const auto saved = (*store)->diagnoses(petId);
  ASSERT_TRUE(saved);
  EXPECT_EQ(int(saved->size()), run->screened + run->abstained);
  for (const auto& record : *saved) {
    EXPECT_TRUE((*store)->photo(record.photoHash));
    if (!record.diagnosis.abstention) {
      EXPECT_FALSE(record.camHash.empty());
    }
  }
  const QDir reports(with.reportFolder);
  EXPECT_EQ(reports.entryList({QStringLiteral("*.html")}, QDir::Files).size(), 6);
  EXPECT_EQ(reports.entryList({QStringLiteral("*.json")}, QDir::Files).size(), 6);
  QFile html(reports.filePath(reports.entryList({QStringLiteral("*.html")}, QDir::Files).first()));
  ASSERT_TRUE(html.open(QIODevice::ReadOnly));
  const QString text = QString::fromUtf8(html.readAll());
  EXPECT_TRUE(text.contains(QStringLiteral("수의사의 진단이 아닙니다")));
  EXPECT_TRUE(text.contains(QStringLiteral("data:image/png;base64,")));
}

TEST(BatchCsvTest, QuotesFileNamesWithCommas) {
  QTemporaryDir folder;
  const QString path = folder.filePath(QStringLiteral("a.csv"));
  {
    auto csv = batch::BatchCsv::open(path, {"cataract"});
    ASSERT_TRUE(csv);
    ASSERT_TRUE((*csv)->append({"eye, left \"1\".jpg", "ok", "false", "0.5000", "", "m"}));
  }
  auto reopened = batch::BatchCsv::open(path, {"cataract"});
  ASSERT_TRUE(reopened) << reopened.message();
  EXPECT_EQ((*reopened)->done().count("eye, left \"1\".jpg"), 1u);
  EXPECT_EQ((*reopened)->done().size(), 1u);
}

TEST(BatchCsvTest, FormulaPhotoNamesAreWrittenAsTextAndResumeUnchanged) {
  QTemporaryDir folder;
  const QString path = folder.filePath(QStringLiteral("a.csv"));
  const std::vector<std::string> names{"=HYPERLINK(\"http:x\").jpg", "@SUM(1+1).jpg", "-2+3.jpg"};
  {
    auto csv = batch::BatchCsv::open(path, {"cataract"});
    ASSERT_TRUE(csv);
    for (const std::string& name : names)
      ASSERT_TRUE((*csv)->append({name, "ok", "false", "0.5000", "", "-see +vet"}));
  }
  QFile file(path);
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  const QByteArray text = file.readAll();
  // Every line starts with text a spreadsheet will not run.
  for (const QByteArray& line : text.split('\n'))
    if (!line.isEmpty()) {
      EXPECT_TRUE(line[0] != '=' && line[0] != '@' && line[0] != '-') << line.toStdString();
    }
  EXPECT_TRUE(text.contains("'=HYPERLINK")) << text.toStdString();
  EXPECT_TRUE(text.contains(",'-see +vet")) << text.toStdString();
  auto reopened = batch::BatchCsv::open(path, {"cataract"});
  ASSERT_TRUE(reopened) << reopened.message();
  for (const std::string& name : names) EXPECT_EQ((*reopened)->done().count(name), 1u) << name;
}

TEST(BatchCsvTest, NotSavedRowsAreDroppedSoTheRerunRedoesThem) {
  QTemporaryDir folder;
  const QString path = folder.filePath(QStringLiteral("a.csv"));
  {
    auto csv = batch::BatchCsv::open(path, {"cataract"});
    ASSERT_TRUE(csv);
    ASSERT_TRUE((*csv)->append({"a.jpg", "ok", "false", "0.5000", "", "m"}));
    ASSERT_TRUE((*csv)->append({"b.jpg", batch::BatchCsv::kNotSaved, "false", "0.5", "", "x"}));
    ASSERT_TRUE((*csv)->append({"c.jpg", "error", "", "", "", "unreadable"}));
  }
  {
    auto reopened = batch::BatchCsv::open(path, {"cataract"});
    ASSERT_TRUE(reopened) << reopened.message();
    EXPECT_EQ((*reopened)->done(), (std::set<std::string>{"a.jpg", "c.jpg"}));
    ASSERT_TRUE((*reopened)->append({"b.jpg", "ok", "false", "0.5000", "", "saved"}));
  }
  const auto rows = readCsv(path);
  ASSERT_EQ(rows.size(), 4u);  // header, a, c, b: one row per photo
  EXPECT_EQ(rows[3].cells[0], "b.jpg");
  EXPECT_EQ(rows[3].cells[1], "ok");
}

}  // namespace
