#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <set>

#include "PostgresServer.h"
#include "SharedData.h"
#include "TestBundles.h"
#include "walness/batch/BatchCsv.h"
#include "walness/batch/BatchRunner.h"
#include "walness/history/HistoryStore.h"
#include "walness/inference/ScreeningSession.h"
#include "walness/io/Csv.h"

using namespace walness;

// A clinic's shared history goes away in the middle of a batch (the server restarts, stops for a
// while, or the folder cannot be written): no photo's check may be lost or stored twice. Each
// ends saved once by the run, or marked not_saved and then saved once by the rerun.
namespace {

constexpr int kPhotos = 24;

class BatchRestartTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    bundles_ = new QTemporaryDir;
    test::writePretrainedTestBundle(bundles_->filePath(QStringLiteral("dog")));
    session_ =
        inference::ScreeningSession::open(bundles_->filePath(QStringLiteral("dog")).toStdString())
            .value()
            .release();
  }
  static void TearDownTestSuite() {
    delete session_;
    delete bundles_;
  }

  void SetUp() override {
    photos_ = QDir(work_.filePath(QStringLiteral("photos")));
    QDir().mkpath(photos_.path());
    const QStringList sources = test::validationPhotos(6);
    ASSERT_EQ(sources.size(), 6);
    for (int i = 0; i < kPhotos; ++i)
      ASSERT_TRUE(QFile::copy(
          sources[i % 6],
          photos_.filePath(QStringLiteral("eye-%1.jpg").arg(i, 2, 10, QLatin1Char('0')))));
  }

  // Runs the batch into the same CSV; `during(done)` is called after each photo.
  batch::BatchSummary run(history::HistoryStore& store, int64_t petId,
                          const std::function<void(int)>& during = {}) {
    batch::BatchOptions options;
    options.folder = photos_.path();
    options.csvPath = work_.filePath(QStringLiteral("out.csv"));
    options.store = &store;
    options.petId = petId;
    auto summary = batch::BatchRunner(*session_, options).run([&](const batch::BatchProgress& p) {
      if (during) during(p.done);
    });
    EXPECT_TRUE(summary) << summary.message();
    return summary ? *summary : batch::BatchSummary{};
  }

  // Every photo exactly once in the history and once in the CSV, with status ok.
  void expectEachPhotoSavedOnce(const history::StoreLocation& location, int64_t petId) {
    auto reader = history::HistoryStore::open(location);
    ASSERT_TRUE(reader) << reader.message();
    auto saved = (*reader)->diagnoses(petId);
    ASSERT_TRUE(saved) << saved.message();
    std::multiset<std::string> notes;
    for (const auto& record : *saved) notes.insert(record.notes);
    EXPECT_EQ(saved->size(), size_t(kPhotos)) << "lost or duplicated checks";
    for (int i = 0; i < kPhotos; ++i)
      EXPECT_EQ(
          notes.count(
              QStringLiteral("Batch: eye-%1.jpg").arg(i, 2, 10, QLatin1Char('0')).toStdString()),
          1u)
          << i;
    QFile file(work_.filePath(QStringLiteral("out.csv")));
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    auto rows = io::splitCsvRecords(std::string_view(text.constData(), size_t(text.size())));
    ASSERT_TRUE(rows);
    ASSERT_EQ(rows->size(), size_t(kPhotos + 1));
    for (size_t i = 1; i < rows->size(); ++i) EXPECT_EQ((*rows)[i].cells[1], "ok") << i;
  }

  static QTemporaryDir* bundles_;
  static inference::ScreeningSession* session_;
  QTemporaryDir work_;
  QDir photos_;
};
QTemporaryDir* BatchRestartTest::bundles_ = nullptr;
inference::ScreeningSession* BatchRestartTest::session_ = nullptr;

int64_t addPet(history::HistoryStore& store) {
  history::Pet pet;
  pet.name = "Coco";
  return store.addPet(pet).value_or(0);
}

TEST_F(BatchRestartTest, PostgresRestartedMidBatchLosesAndDuplicatesNothing) {
  auto& server = test::PostgresServer::shared();
  ASSERT_TRUE(server.running()) << server.error().toStdString();
  const history::StoreLocation location = server.createDatabase();
  auto store = history::HistoryStore::open(location);
  ASSERT_TRUE(store) << store.message();
  const int64_t petId = addPet(**store);
  bool restarted = false;
  const auto summary = run(**store, petId, [&](int done) {
    if (done == kPhotos / 3) restarted = server.restart();
  });
  ASSERT_TRUE(restarted) << server.error().toStdString();
  EXPECT_EQ(summary.notSaved, 0) << "the store reconnects and retries within its window";
  expectEachPhotoSavedOnce(location, petId);
}

TEST_F(BatchRestartTest, PostgresDownPastTheRetryWindowMarksNotSavedAndTheRerunSavesThem) {
  auto& server = test::PostgresServer::shared();
  ASSERT_TRUE(server.running()) << server.error().toStdString();
  const history::StoreLocation location = server.createDatabase();
  auto store = history::HistoryStore::open(location);
  ASSERT_TRUE(store) << store.message();
  (*store)->setRetryWindow(std::chrono::milliseconds(300));
  const int64_t petId = addPet(**store);
  bool stopped = false, started = false;
  const auto first = run(**store, petId, [&](int done) {
    if (done == kPhotos / 3) stopped = server.stop();
    if (done == 2 * kPhotos / 3) started = server.start();
  });
  ASSERT_TRUE(stopped && started) << server.error().toStdString();
  EXPECT_GE(first.notSaved, 1);
  EXPECT_LE(first.notSaved, kPhotos / 3 + 1);
  const auto second = run(**store, petId);
  EXPECT_EQ(second.notSaved, 0);
  EXPECT_EQ(second.skipped, kPhotos - first.notSaved);
  EXPECT_EQ(second.screened + second.abstained, first.notSaved);
  expectEachPhotoSavedOnce(location, petId);
}

TEST_F(BatchRestartTest, SqliteFolderUnwritableMidBatchMarksNotSavedAndTheRerunSavesThem) {
  const history::StoreLocation location =
      history::StoreLocation::local(work_.filePath(QStringLiteral("history")));
  auto store = history::HistoryStore::open(location);
  ASSERT_TRUE(store) << store.message();
  (*store)->setRetryWindow(std::chrono::milliseconds(300));
  const int64_t petId = addPet(**store);
  // The photo folder beside the database stops taking files (as a read-only or failed disk
  // would; a plain file in its place refuses even root), then comes back.
  const QString photoFolder = location.directory + QStringLiteral("/photos");
  const QString away = location.directory + QStringLiteral("/photos.away");
  bool broken = false, mended = false;
  const auto first = run(**store, petId, [&](int done) {
    if (done == kPhotos / 3) {
      QFile blocker(photoFolder);
      broken = QDir().rename(photoFolder, away) && blocker.open(QIODevice::WriteOnly);
    }
    if (done == 2 * kPhotos / 3)
      mended = QFile::remove(photoFolder) && QDir().rename(away, photoFolder);
  });
  ASSERT_TRUE(broken && mended);
  EXPECT_GE(first.notSaved, 1);
  const auto second = run(**store, petId);
  EXPECT_EQ(second.notSaved, 0);
  EXPECT_EQ(second.screened + second.abstained, first.notSaved);
  expectEachPhotoSavedOnce(location, petId);
  auto integrity = (*store)->integrityCheck();
  ASSERT_TRUE(integrity);
  EXPECT_EQ(*integrity, QStringLiteral("ok"));
}

}  // namespace
