#include <gtest/gtest.h>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>

#include "HistoryBackends.h"
#include "PostgresServer.h"
#include "walness/history/HistoryStore.h"

using namespace walness;
using namespace walness::history;

namespace {

using test::Backend;

const QString kReleaseFixture = QStringLiteral(WALNESS_SOURCE_DIR "/tests/fixtures/history-0.1.0");

NewDiagnosis checkOf(int64_t petId, double cataract) {
  NewDiagnosis entry;
  entry.petId = petId;
  entry.diagnosis.modelId = "dog-eye-mobilenetv2";
  entry.diagnosis.modelVersion = "1.0.0";
  entry.diagnosis.findings.push_back({"cataract", cataract, 0.4, cataract >= 0.4, 0});
  entry.diagnosis.findings.push_back({"conjunctivitis", 0.1, 0.5, false, 0});
  entry.photo = QByteArray("photo bytes ") + QByteArray::number(cataract);
  entry.region = cv::Rect(0, 0, 10, 10);
  entry.takenAt = "2026-11-20T10:00:00.000Z";
  return entry;
}

Confirmation answer(const std::string& by) {
  Confirmation confirmation;
  confirmation.confirmedBy = by;
  confirmation.note = "slit lamp";
  confirmation.findings = {{"cataract", FindingStatus::Present, "mild"},
                           {"conjunctivitis", FindingStatus::Absent, ""},
                           {"blepharitis", FindingStatus::NotExamined, ""},
                           {"epiphora", FindingStatus::Present, ""}};
  return confirmation;
}

class ConfirmationTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    location_ = test::freshLocation(GetParam(), folder_.filePath(QStringLiteral("history")));
    ASSERT_FALSE(HasFailure());
    auto opened = HistoryStore::open(location_);
    ASSERT_TRUE(opened) << opened.message();
    store_ = std::move(*opened);
    Pet pet;
    pet.name = "Coco";
    pet.species = Species::Dog;
    auto id = store_->addPet(pet);
    ASSERT_TRUE(id) << id.message();
    pet_ = *id;
    auto check = store_->addDiagnosis(checkOf(pet_, 0.7));
    ASSERT_TRUE(check) << check.message();
    check_ = *check;
  }

  QTemporaryDir folder_;
  StoreLocation location_;
  std::unique_ptr<HistoryStore> store_;
  int64_t pet_ = 0, check_ = 0;
};

TEST_P(ConfirmationTest, AnEditAddsARevisionAndKeepsTheEarlierAnswer) {
  auto first = store_->confirm(check_, answer("Dr. Kim"));
  ASSERT_TRUE(first) << first.message();
  EXPECT_EQ(first->revision, 1);
  EXPECT_FALSE(first->confirmedAt.empty());

  Confirmation edited = answer("Dr. Lee");
  edited.findings[0].grade = "moderate";
  edited.findings[1].status = FindingStatus::Present;
  edited.note = "second look";
  auto second = store_->confirm(check_, edited);
  ASSERT_TRUE(second) << second.message();
  EXPECT_EQ(second->revision, 2);

  auto newest = store_->confirmation(check_);
  ASSERT_TRUE(newest && *newest);
  EXPECT_EQ((*newest)->confirmedBy, "Dr. Lee");
  EXPECT_EQ((*newest)->note, "second look");
  EXPECT_EQ((*newest)->finding("cataract")->grade, "moderate");
  EXPECT_EQ((*newest)->present("conjunctivitis"), std::optional<bool>(true));
  EXPECT_EQ((*newest)->present("blepharitis"), std::nullopt);            // not examined
  EXPECT_EQ((*newest)->present("epiphora"), std::optional<bool>(true));  // not a model disease
  EXPECT_EQ((*newest)->present("cataract"), std::optional<bool>(true));

  auto revisions = store_->confirmationRevisions(check_);
  ASSERT_TRUE(revisions);
  ASSERT_EQ(revisions->size(), 2u);
  EXPECT_EQ((*revisions)[0].confirmedBy, "Dr. Kim");
  EXPECT_EQ((*revisions)[0].finding("cataract")->grade, "mild");
  EXPECT_EQ((*revisions)[0].present("conjunctivitis"), std::optional<bool>(false));
  EXPECT_EQ((*revisions)[0].findings.size(), 4u);

  EXPECT_EQ(*store_->confirmedDiagnoses(pet_), std::set<int64_t>{check_});
  auto checks = store_->confirmedChecks(Species::Dog);
  ASSERT_TRUE(checks);
  ASSERT_EQ(checks->size(), 1u);
  EXPECT_EQ(checks->front().confirmation.revision, 2);
  EXPECT_EQ(checks->front().petName, "Coco");
  EXPECT_EQ(checks->front().record.diagnosis.findings.size(), 2u);
  EXPECT_TRUE(store_->confirmedChecks(Species::Cat)->empty());
}

TEST_P(ConfirmationTest, BadAnswersAreRefusedWithAMessageAndChangeNothing) {
  Confirmation nobody = answer("");
  EXPECT_NE(store_->confirm(check_, nobody).message().find("who examined"), std::string::npos);
  Confirmation unknown = answer("Dr. Kim");
  unknown.findings.push_back({"glaucoma", FindingStatus::Present, ""});
  EXPECT_NE(store_->confirm(check_, unknown).message().find("unknown disease 'glaucoma'"),
            std::string::npos);
  Confirmation twice = answer("Dr. Kim");
  twice.findings.push_back({"cataract", FindingStatus::Absent, ""});
  EXPECT_NE(store_->confirm(check_, twice).message().find("twice"), std::string::npos);
  EXPECT_NE(store_->confirm(check_ + 1000, answer("Dr. Kim")).message().find("no diagnosis"),
            std::string::npos);
  EXPECT_TRUE(store_->confirmationRevisions(check_)->empty());
  EXPECT_TRUE(store_->confirmedChecks()->empty());
}

TEST_P(ConfirmationTest, ADeletedCheckLeavesTheAuditUntilRestored) {
  ASSERT_TRUE(store_->confirm(check_, answer("Dr. Kim")));
  ASSERT_TRUE(store_->deleteDiagnosis(check_));
  EXPECT_TRUE(store_->confirmedChecks()->empty());
  EXPECT_FALSE(store_->confirm(check_, answer("Dr. Kim")));  // no answers to a check in the trash
  ASSERT_TRUE(store_->restoreDiagnosis(check_));
  EXPECT_EQ(store_->confirmedChecks()->size(), 1u);
  EXPECT_EQ(store_->confirmation(check_)->value().revision, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, ConfirmationTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), test::backendName);

// What Walness 0.1.0 wrote (tests/fixtures/history-0.1.0, made with that release's
// `walness-cli batch --pet Coco`) opens, is upgraded in place and keeps every check.
void expectReleaseHistoryUpgraded(const StoreLocation& location) {
  auto store = HistoryStore::open(location);
  ASSERT_TRUE(store) << store.message();
  EXPECT_EQ((*store)->schemaVersion(), HistoryStore::kSchemaVersion);
  auto pets = (*store)->pets();
  ASSERT_TRUE(pets);
  ASSERT_EQ(pets->size(), 1u);
  EXPECT_EQ(pets->front().name, "Coco");
  auto checks = (*store)->diagnoses(pets->front().id);
  ASSERT_TRUE(checks) << checks.message();
  ASSERT_EQ(checks->size(), 2u);
  for (const DiagnosisRecord& record : *checks) {
    EXPECT_EQ(record.diagnosis.modelVersion, "1.0.0");
    EXPECT_EQ(record.diagnosis.findings.size(), 5u);
    auto photo = (*store)->photo(record.photoHash);
    ASSERT_TRUE(photo) << photo.message();
    EXPECT_TRUE(photo->startsWith("\xFF\xD8"));  // the JPEG as it was saved
  }
  const DiagnosisRecord& second = checks->back();
  EXPECT_TRUE(second.diagnosis.anyPositive());
  auto confirmed = (*store)->confirm(second.id, answer("Dr. Kim"));
  ASSERT_TRUE(confirmed) << confirmed.message();
  EXPECT_EQ(confirmed->revision, 1);
  EXPECT_EQ((*store)->confirmedChecks()->size(), 1u);
  EXPECT_EQ(*(*store)->integrityCheck(), QStringLiteral("ok"));
}

TEST(ConfirmationMigrationTest, TheReleasesSqliteHistoryIsUpgradedInPlace) {
  QTemporaryDir folder;
  QDirIterator files(kReleaseFixture, QDir::Files, QDirIterator::Subdirectories);
  while (files.hasNext()) {
    const QString source = files.next();
    if (source.endsWith(QLatin1String(".sql"))) continue;
    const QString target = folder.filePath(QDir(kReleaseFixture).relativeFilePath(source));
    QDir().mkpath(QFileInfo(target).path());
    ASSERT_TRUE(QFile::copy(source, target)) << target.toStdString();
  }
  expectReleaseHistoryUpgraded(StoreLocation::local(folder.path()));
  // Opening again finds nothing left to migrate.
  auto again = HistoryStore::open(StoreLocation::local(folder.path()));
  ASSERT_TRUE(again) << again.message();
  EXPECT_EQ((*again)->confirmedChecks()->size(), 1u);
}

TEST(ConfirmationMigrationTest, TheReleasesPostgresHistoryIsUpgradedInPlace) {
  auto& server = test::PostgresServer::shared();
  ASSERT_TRUE(server.running()) << server.error().toStdString();
  const StoreLocation location =
      server.restoreDump(kReleaseFixture + QStringLiteral("/postgres.sql"));
  ASSERT_FALSE(location.database.isEmpty()) << server.error().toStdString();
  expectReleaseHistoryUpgraded(location);
}

}  // namespace
