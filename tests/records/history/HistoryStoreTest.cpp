#include <gtest/gtest.h>

#include <QDir>
#include <QDirIterator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>

#include <atomic>
#include <mutex>
#include <thread>

#include "HistoryBackends.h"
#include "PostgresServer.h"
#include "walness/history/HistoryStore.h"
#include "walness/history/PhotoStore.h"

using namespace walness;
using namespace walness::history;

namespace {

using test::Backend;

inference::Diagnosis sampleDiagnosis(double cataract, double conjunctivitis) {
  inference::Diagnosis diagnosis;
  diagnosis.modelId = "dog-eye-mobilenetv2";
  diagnosis.modelVersion = "1.0.0";
  diagnosis.species = Species::Dog;
  diagnosis.quality.checks.push_back({"blur", 120.0, 10.0, imaging::QualitySeverity::Ok});
  diagnosis.quality.checks.push_back({"underexposed", 0.5, 0.4, imaging::QualitySeverity::Warning});
  diagnosis.findings.push_back({"cataract", cataract, 0.4, cataract >= 0.4, 0});
  diagnosis.findings.push_back({"conjunctivitis", conjunctivitis, 0.5, conjunctivitis >= 0.5, 0});
  if (diagnosis.findings[0].probability < diagnosis.findings[1].probability)
    std::swap(diagnosis.findings[0], diagnosis.findings[1]);
  return diagnosis;
}

NewDiagnosis sampleEntry(int64_t petId, const QByteArray& photo, double cataract,
                         const std::string& takenAt) {
  NewDiagnosis entry;
  entry.petId = petId;
  entry.diagnosis = sampleDiagnosis(cataract, 0.2);
  entry.photo = photo;
  entry.region = cv::Rect(10, 20, 300, 300);
  entry.camMethod = "gradcam";
  entry.camDisease = "cataract";
  entry.camPng = QByteArray("\x89PNG heatmap ") + photo.right(8);
  entry.notes = "left eye";
  entry.takenAt = takenAt;
  return entry;
}

class HistoryStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    location_ = test::freshLocation(GetParam(), folder_.filePath(QStringLiteral("history")));
    ASSERT_FALSE(HasFailure());
    auto opened = HistoryStore::open(location_);
    ASSERT_TRUE(opened) << opened.message();
    store_ = std::move(*opened);
  }

  int64_t addPet(const std::string& name) {
    Pet pet;
    pet.name = name;
    pet.species = Species::Dog;
    pet.breed = "Maltese";
    pet.birthYear = 2019;
    auto id = store_->addPet(pet);
    EXPECT_TRUE(id) << id.message();
    return id ? *id : 0;
  }

  QTemporaryDir folder_;
  StoreLocation location_;
  std::unique_ptr<HistoryStore> store_;
};

TEST_P(HistoryStoreTest, KeepsPetsAndDiagnosesWithEverythingThatWasSaved) {
  EXPECT_EQ(store_->schemaVersion(), HistoryStore::kSchemaVersion);
  const int64_t coco = addPet("Coco");
  addPet("bori");
  auto pets = store_->pets();
  ASSERT_TRUE(pets);
  ASSERT_EQ(pets->size(), 2u);
  EXPECT_EQ(pets->at(0).name, "bori");  // by name, ignoring case
  EXPECT_EQ(pets->at(1).breed, "Maltese");
  EXPECT_EQ(pets->at(1).birthYear, 2019);

  const QByteArray photo("\xFF\xD8\xFF photo bytes of Coco's eye");
  auto first = store_->addDiagnosis(sampleEntry(coco, photo, 0.81, "2026-01-05T10:00:00.000Z"));
  ASSERT_TRUE(first) << first.message();
  auto record = store_->diagnosis(*first);
  ASSERT_TRUE(record) << record.message();
  EXPECT_EQ(record->petId, coco);
  EXPECT_EQ(record->region, cv::Rect(10, 20, 300, 300));
  EXPECT_EQ(record->diagnosis.modelId, "dog-eye-mobilenetv2");
  ASSERT_EQ(record->diagnosis.findings.size(), 2u);
  EXPECT_EQ(record->diagnosis.findings[0].disease, "cataract");
  EXPECT_DOUBLE_EQ(record->diagnosis.findings[0].probability, 0.81);
  EXPECT_TRUE(record->diagnosis.findings[0].positive);
  ASSERT_EQ(record->diagnosis.quality.checks.size(), 2u);
  EXPECT_EQ(record->diagnosis.quality.checks[1].severity, imaging::QualitySeverity::Warning);
  EXPECT_EQ(record->notes, "left eye");
  EXPECT_EQ(record->camDisease, "cataract");
  EXPECT_EQ(record->photoHash, PhotoStore::contentHash(photo));
  auto bytes = store_->photo(record->photoHash);
  ASSERT_TRUE(bytes) << bytes.message();
  EXPECT_EQ(*bytes, photo);
  auto heatmap = store_->photo(record->camHash);
  ASSERT_TRUE(heatmap);
  EXPECT_TRUE(heatmap->startsWith("\x89PNG"));

  EXPECT_TRUE(store_->updateDiagnosisNotes(*first, "right eye, after drops"));
  EXPECT_EQ(store_->diagnosis(*first)->notes, "right eye, after drops");
}

TEST_P(HistoryStoreTest, ATimelineIsOldestFirstAndThePlotHasOnePointPerDiagnosis) {
  const int64_t coco = addPet("Coco");
  const QByteArray a("photo A"), b("photo B"), c("photo C");
  ASSERT_TRUE(store_->addDiagnosis(sampleEntry(coco, b, 0.55, "2026-02-01T09:00:00.000Z")));
  ASSERT_TRUE(store_->addDiagnosis(sampleEntry(coco, a, 0.81, "2026-01-01T09:00:00.000Z")));
  ASSERT_TRUE(store_->addDiagnosis(sampleEntry(coco, c, 0.20, "2026-03-01T09:00:00.000Z")));
  auto timeline = store_->diagnoses(coco);
  ASSERT_TRUE(timeline);
  ASSERT_EQ(timeline->size(), 3u);
  EXPECT_EQ(timeline->at(0).takenAt, "2026-01-01T09:00:00.000Z");
  EXPECT_EQ(timeline->at(2).takenAt, "2026-03-01T09:00:00.000Z");
  auto series = store_->probabilityHistory(coco);
  ASSERT_TRUE(series);
  ASSERT_EQ(series->at("cataract").size(), 3u);
  EXPECT_DOUBLE_EQ(series->at("cataract")[0].probability, 0.81);
  EXPECT_DOUBLE_EQ(series->at("cataract")[1].probability, 0.55);
  EXPECT_DOUBLE_EQ(series->at("cataract")[2].probability, 0.20);
  EXPECT_DOUBLE_EQ(series->at("cataract")[2].threshold, 0.4);
  EXPECT_EQ(series->at("conjunctivitis").size(), 3u);
}

TEST_P(HistoryStoreTest, ThePhotoIsStoredOnceWhenSavedTwice) {
  if (GetParam() == Backend::Postgres) {
    const int64_t coco = addPet("Coco");
    ASSERT_TRUE(store_->addDiagnosis(sampleEntry(coco, "same photo", 0.5, "")));
    ASSERT_TRUE(store_->addDiagnosis(sampleEntry(coco, "same photo", 0.6, "")));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("count"));
    db.setHostName(location_.host);
    db.setPort(location_.port);
    db.setDatabaseName(location_.database);
    db.setUserName(location_.user);
    ASSERT_TRUE(db.open());
    QSqlQuery query(db);
    ASSERT_TRUE(query.exec(QStringLiteral("SELECT count(*) FROM photos")) && query.next());
    EXPECT_EQ(query.value(0).toInt(), 2);  // the photo and its heatmap
    query.finish();
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("count"));
    return;
  }
  const int64_t coco = addPet("Coco");
  ASSERT_TRUE(store_->addDiagnosis(sampleEntry(coco, "same photo", 0.5, "")));
  ASSERT_TRUE(store_->addDiagnosis(sampleEntry(coco, "same photo", 0.6, "")));
  int files = 0;
  QDirIterator it(location_.directory + QStringLiteral("/photos"), QDir::Files,
                  QDirIterator::Subdirectories);
  while (it.hasNext()) {
    it.next();
    ++files;
  }
  EXPECT_EQ(files, 2);  // the photo and its heatmap
}

TEST_P(HistoryStoreTest, ADiagnosisForAMissingPetIsRefusedAndChangesNothing) {
  auto added = store_->addDiagnosis(sampleEntry(4242, "photo", 0.5, ""));
  ASSERT_FALSE(added);
  EXPECT_NE(added.message().find("no pet 4242"), std::string::npos) << added.message();
  const int64_t coco = addPet("Coco");
  EXPECT_TRUE(store_->diagnoses(coco)->empty());
  EXPECT_FALSE(store_->addDiagnosis(sampleEntry(coco, QByteArray(), 0.5, "")));
  auto badTime = store_->addDiagnosis(sampleEntry(coco, "photo", 0.5, "2026-010-15T09:00:00Z"));
  ASSERT_FALSE(badTime);
  EXPECT_NE(badTime.message().find("not a date and time"), std::string::npos);
  EXPECT_TRUE(store_->diagnoses(coco)->empty());
  Pet nameless;
  EXPECT_FALSE(store_->addPet(nameless));
}

TEST_P(HistoryStoreTest, DeletingCanBeUndoneUntilTheTrashIsPurged) {
  const int64_t coco = addPet("Coco");
  const int64_t bori = addPet("Bori");
  auto kept = store_->addDiagnosis(sampleEntry(coco, "kept", 0.3, "2026-01-01T00:00:00.000Z"));
  auto dropped =
      store_->addDiagnosis(sampleEntry(coco, "dropped", 0.7, "2026-01-02T00:00:00.000Z"));
  ASSERT_TRUE(kept && dropped);
  ASSERT_TRUE(store_->addDiagnosis(sampleEntry(bori, "bori's", 0.4, "")));

  ASSERT_TRUE(store_->deleteDiagnosis(*dropped));
  EXPECT_EQ(store_->diagnoses(coco)->size(), 1u);
  EXPECT_EQ(store_->probabilityHistory(coco)->at("cataract").size(), 1u);
  ASSERT_TRUE(store_->restoreDiagnosis(*dropped));
  EXPECT_EQ(store_->diagnoses(coco)->size(), 2u);

  ASSERT_TRUE(store_->deletePet(bori));
  EXPECT_EQ(store_->pets()->size(), 1u);
  ASSERT_TRUE(store_->restorePet(bori));
  EXPECT_EQ(store_->pets()->size(), 2u);

  // Purging removes only what is in the trash, and photos nothing else uses.
  ASSERT_TRUE(store_->deleteDiagnosis(*dropped));
  ASSERT_TRUE(store_->deletePet(bori));
  const std::string droppedPhoto = PhotoStore::contentHash("dropped");
  auto purged = store_->purgeDeleted(QDateTime::currentDateTimeUtc().addSecs(1));
  ASSERT_TRUE(purged) << purged.message();
  EXPECT_EQ(*purged, 3);  // one diagnosis, Bori and Bori's diagnosis
  EXPECT_FALSE(store_->restoreDiagnosis(*dropped));
  EXPECT_FALSE(store_->photo(droppedPhoto));
  EXPECT_TRUE(store_->photo(PhotoStore::contentHash("kept")));
  EXPECT_EQ(store_->diagnoses(coco)->size(), 1u);
  EXPECT_EQ(store_->pets()->size(), 1u);
  EXPECT_EQ(*store_->integrityCheck(), QStringLiteral("ok"));
}

TEST_P(HistoryStoreTest, TwoWritersAtOnceLoseNothing) {
  const int64_t coco = addPet("Coco");
  constexpr int kEach = 60;
  std::atomic<int> failures{0};
  std::string firstFailure;
  std::mutex failureMutex;
  auto writer = [&](int which) {
    auto store = HistoryStore::open(location_);
    if (!store) {
      ++failures;
      std::lock_guard lock(failureMutex);
      firstFailure = store.message();
      return;
    }
    for (int i = 0; i < kEach; ++i) {
      const QByteArray photo =
          QByteArray("writer ") + QByteArray::number(which) + " photo " + QByteArray::number(i);
      auto added = (*store)->addDiagnosis(sampleEntry(coco, photo, 0.01 * i, ""));
      if (!added) {
        ++failures;
        std::lock_guard lock(failureMutex);
        firstFailure = added.message();
      }
    }
  };
  std::thread a(writer, 1), b(writer, 2);
  a.join();
  b.join();
  EXPECT_EQ(failures.load(), 0) << firstFailure;
  EXPECT_EQ(store_->diagnoses(coco)->size(), size_t(2 * kEach));
  EXPECT_EQ(*store_->integrityCheck(), QStringLiteral("ok"));
}

TEST_P(HistoryStoreTest, TwoComputersOpeningANewStoreAtOnceMigrateItOnce) {
  StoreLocation fresh;
  if (GetParam() == Backend::Postgres)
    fresh = test::PostgresServer::shared().createDatabase();
  else
    fresh = StoreLocation::local(folder_.filePath(QStringLiteral("fresh")));
  std::atomic<int> opened{0};
  std::string failure;
  std::mutex failureMutex;
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i)
    threads.emplace_back([&] {
      auto store = HistoryStore::open(fresh);
      if (store && (*store)->schemaVersion() == HistoryStore::kSchemaVersion) {
        ++opened;
      } else {
        std::lock_guard lock(failureMutex);
        failure = store ? "wrong schema version" : store.message();
      }
    });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(opened.load(), 3) << failure;
}

INSTANTIATE_TEST_SUITE_P(Backends, HistoryStoreTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), test::backendName);

// A store written by the first release (schema 1) is migrated in place and keeps its data.
TEST(HistoryMigrationTest, SchemaOneIsMigratedWithItsData) {
  QTemporaryDir folder;
  const QString path = folder.filePath(QStringLiteral("history.sqlite"));
  {
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
    db.setDatabaseName(path);
    ASSERT_TRUE(db.open());
    QSqlQuery query(db);
    for (const char* statement :
         {"CREATE TABLE pets (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, species "
          "TEXT NOT NULL, breed TEXT NOT NULL DEFAULT '', birth_year INTEGER, notes TEXT NOT NULL "
          "DEFAULT '', created_at TEXT NOT NULL)",
          "CREATE TABLE diagnoses (id INTEGER PRIMARY KEY AUTOINCREMENT, pet_id INTEGER NOT NULL "
          "REFERENCES pets(id) ON DELETE CASCADE, photo_hash TEXT NOT NULL, region_x INTEGER NOT "
          "NULL, region_y INTEGER NOT NULL, region_width INTEGER NOT NULL, region_height INTEGER "
          "NOT NULL, model_id TEXT NOT NULL, model_version TEXT NOT NULL, species TEXT NOT NULL, "
          "abstained TEXT, result_json TEXT NOT NULL, cam_method TEXT NOT NULL DEFAULT '', "
          "cam_disease TEXT NOT NULL DEFAULT '', cam_hash TEXT NOT NULL DEFAULT '', notes TEXT NOT "
          "NULL DEFAULT '', taken_at TEXT NOT NULL)",
          "CREATE TABLE findings (diagnosis_id INTEGER NOT NULL REFERENCES diagnoses(id) ON "
          "DELETE CASCADE, disease TEXT NOT NULL, probability DOUBLE PRECISION NOT NULL, "
          "threshold DOUBLE PRECISION NOT NULL, positive INTEGER NOT NULL, PRIMARY KEY "
          "(diagnosis_id, disease))",
          "INSERT INTO pets (name, species, created_at) VALUES ('Coco', 'dog', "
          "'2025-05-01T00:00:00.000Z')",
          "PRAGMA user_version = 1"})
      ASSERT_TRUE(query.exec(QLatin1String(statement))) << statement;
    query.finish();
    db.close();
  }
  QSqlDatabase::removeDatabase(QStringLiteral("v1"));

  auto store = HistoryStore::open(StoreLocation::local(folder.path()));
  ASSERT_TRUE(store) << store.message();
  EXPECT_EQ((*store)->schemaVersion(), HistoryStore::kSchemaVersion);
  auto pets = (*store)->pets();
  ASSERT_TRUE(pets);
  ASSERT_EQ(pets->size(), 1u);
  EXPECT_EQ(pets->front().name, "Coco");
  EXPECT_TRUE((*store)->deletePet(pets->front().id));  // the column schema 2 added
}

TEST(HistoryMigrationTest, AStoreFromANewerWalnessIsRefusedUntouched) {
  QTemporaryDir folder;
  const QString path = folder.filePath(QStringLiteral("history.sqlite"));
  {
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v9"));
    db.setDatabaseName(path);
    ASSERT_TRUE(db.open());
    ASSERT_TRUE(QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version = 9")));
    db.close();
  }
  QSqlDatabase::removeDatabase(QStringLiteral("v9"));
  auto store = HistoryStore::open(StoreLocation::local(folder.path()));
  ASSERT_FALSE(store);
  EXPECT_NE(store.message().find("newer Walness"), std::string::npos) << store.message();
  auto again = HistoryStore::open(StoreLocation::local(folder.path()));
  EXPECT_FALSE(again);  // still version 9: nothing was rewritten
}

TEST(StoreLocationTest, ParsesFoldersAndPostgresUrls) {
  auto folder = StoreLocation::parse(QStringLiteral("/data/walness"));
  ASSERT_TRUE(folder);
  EXPECT_EQ(folder->kind, StoreLocation::Kind::Sqlite);
  auto server = StoreLocation::parse(QStringLiteral("postgresql://desk@10.0.0.5:5433/clinic"));
  ASSERT_TRUE(server) << server.message();
  EXPECT_EQ(server->kind, StoreLocation::Kind::Postgres);
  EXPECT_EQ(server->host, QStringLiteral("10.0.0.5"));
  EXPECT_EQ(server->port, 5433);
  EXPECT_EQ(server->database, QStringLiteral("clinic"));
  EXPECT_EQ(server->sslMode, QStringLiteral("prefer"));
  EXPECT_EQ(server->describe(), QStringLiteral("postgresql://desk@10.0.0.5:5433/clinic"));
  auto strict =
      StoreLocation::parse(QStringLiteral("postgresql://desk@10.0.0.5/clinic?sslmode=require"));
  ASSERT_TRUE(strict) << strict.message();
  EXPECT_EQ(strict->sslMode, QStringLiteral("require"));
  EXPECT_EQ(strict->describe(),
            QStringLiteral("postgresql://desk@10.0.0.5:5432/clinic?sslmode=require"));
  EXPECT_FALSE(StoreLocation::parse(QStringLiteral("postgresql://desk@h/clinic?sslmode=maybe")));
  EXPECT_FALSE(StoreLocation::parse(QStringLiteral("postgresql://desk@h/clinic?options=x")));
  EXPECT_FALSE(StoreLocation::parse(QStringLiteral("postgresql://10.0.0.5/clinic")));
  EXPECT_FALSE(StoreLocation::parse(QStringLiteral("  ")));
}

// A password on the command line is visible to every user (ps): refused, and never repeated in
// the message, not even for an address that does not parse.
TEST(StoreLocationTest, APasswordInTheAddressIsRefusedAndNeverEchoed) {
  for (const QString& text : {QStringLiteral("postgresql://desk:s3cret@10.0.0.5:5433/clinic"),
                              QStringLiteral("postgresql://desk:s3cret@"),
                              QStringLiteral("postgres://desk:s3cret@h:x/")}) {
    auto parsed = StoreLocation::parse(text);
    ASSERT_FALSE(parsed) << text.toStdString();
    EXPECT_EQ(parsed.message().find("s3cret"), std::string::npos) << parsed.message();
    EXPECT_NE(parsed.message().find("pgpass"), std::string::npos) << parsed.message();
  }
}

TEST(HistoryStoreErrorsTest, AnUnreachableServerGivesAClearMessage) {
  StoreLocation nowhere;
  nowhere.kind = StoreLocation::Kind::Postgres;
  nowhere.host = QStringLiteral("127.0.0.1");
  nowhere.port = 1;  // nothing listens there
  nowhere.database = QStringLiteral("clinic");
  nowhere.user = QStringLiteral("desk");
  auto store = HistoryStore::open(nowhere);
  ASSERT_FALSE(store);
  EXPECT_NE(store.message().find("cannot open postgresql://desk@127.0.0.1:1/clinic"),
            std::string::npos)
      << store.message();
}

}  // namespace
