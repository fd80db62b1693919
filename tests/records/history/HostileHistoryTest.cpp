#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>

#include <sys/stat.h>
#include <sys/types.h>

#include <mutex>
#include <thread>

#include "HistoryBackends.h"
#include "PostgresServer.h"
#include "walness/history/HistoryStore.h"
#include "walness/history/PetArchive.h"
#include "walness/io/SafeFileName.h"

using namespace walness;
using namespace walness::history;

// Another computer (or anyone who can write the shared history) controls what the rows say.
// Nothing a row says may place a file outside the folder the user chose.
namespace {

using test::Backend;

QByteArray jpegOf(int shade) {
  cv::Mat image(120, 160, CV_8UC3, cv::Scalar(shade, 80, 200 - shade));
  std::vector<uchar> bytes;
  cv::imencode(".jpg", image, bytes);
  return QByteArray(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size()));
}

NewDiagnosis entryFor(int64_t petId, int shade) {
  NewDiagnosis entry;
  entry.petId = petId;
  entry.diagnosis.modelId = "dog-eye-mobilenetv2";
  entry.diagnosis.modelVersion = "1.0.0";
  entry.diagnosis.findings.push_back({"cataract", 0.6, 0.4, true, 0});
  entry.photo = jpegOf(shade);
  entry.region = cv::Rect(20, 0, 120, 120);
  return entry;
}

// Every file under `root`, as paths relative to it.
QStringList filesUnder(const QString& root) {
  QStringList files;
  QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
  while (it.hasNext()) files << QDir(root).relativeFilePath(it.next());
  return files;
}

class HostileHistoryTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    location_ = test::freshLocation(GetParam(), root_.filePath(QStringLiteral("deep/a/b/history")));
    ASSERT_FALSE(HasFailure());
    auto opened = HistoryStore::open(location_);
    ASSERT_TRUE(opened) << opened.message();
    store_ = std::move(*opened);
  }

  // Runs SQL on the store's database as a hostile peer would, past the app's checks.
  void peerSql(const QString& statement) {
    const QString name = QUuid::createUuid().toString(QUuid::Id128);
    {
      QSqlDatabase db;
      if (GetParam() == Backend::Postgres) {
        db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(location_.host);
        db.setPort(location_.port);
        db.setDatabaseName(location_.database);
        db.setUserName(location_.user);
      } else {
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(location_.directory + QStringLiteral("/history.sqlite"));
      }
      ASSERT_TRUE(db.open()) << db.lastError().text().toStdString();
      QSqlQuery query(db);
      EXPECT_TRUE(query.exec(statement)) << query.lastError().text().toStdString();
      db.close();
    }
    QSqlDatabase::removeDatabase(name);
  }

  QTemporaryDir root_;
  StoreLocation location_;
  std::unique_ptr<HistoryStore> store_;
};

TEST_P(HostileHistoryTest, TraversalHashInARowIsRefusedAndNothingIsWrittenOutside) {
  Pet pet;
  pet.name = "Bori";
  const int64_t petId = store_->addPet(pet).value();
  const int64_t id = store_->addDiagnosis(entryFor(petId, 40)).value();
  ASSERT_GT(id, 0);
  // The row now names its photo "../../../PWNED" (and PostgreSQL holds bytes under that name).
  peerSql(QStringLiteral("UPDATE diagnoses SET photo_hash = '../../../PWNED', cam_hash = "
                         "'../../x' WHERE id = %1")
              .arg(id));
  if (GetParam() == Backend::Postgres)
    peerSql(QStringLiteral("INSERT INTO photos (hash, bytes) VALUES ('../../../PWNED', 'owned')"));

  auto record = store_->diagnosis(id);
  ASSERT_FALSE(record);
  EXPECT_NE(record.message().find("not a content hash"), std::string::npos) << record.message();
  EXPECT_FALSE(store_->diagnoses(petId));
  auto photo = store_->photo("../../../PWNED");
  EXPECT_FALSE(photo);

  const QString chosen = root_.filePath(QStringLiteral("deep/a/b/c/export"));
  const QStringList before = filesUnder(root_.path());
  auto exported = exportPet(*store_, petId, chosen);
  EXPECT_FALSE(exported);
  // Nothing new anywhere outside the chosen folder (and nothing called PWNED at all).
  for (const QString& file : filesUnder(root_.path())) {
    EXPECT_FALSE(file.contains(QStringLiteral("PWNED"))) << file.toStdString();
    if (!before.contains(file)) {
      EXPECT_TRUE(file.startsWith(QStringLiteral("deep/a/b/c/export/"))) << file.toStdString();
    }
  }
}

TEST_P(HostileHistoryTest, HostilePetNamesMakeSafeFolderNames) {
  for (const std::string name : {"../../x", "CON", "a/b\\c:d", "..", "\x1b[31mred", "nul.txt"}) {
    Pet pet;
    pet.name = name;
    const int64_t petId = store_->addPet(pet).value();
    ASSERT_TRUE(store_->addDiagnosis(entryFor(petId, 10)));
    const QString parent = root_.filePath(QStringLiteral("chosen"));
    QDir().mkpath(parent);
    // The folder the app names after the pet (History > Export).
    const QString folder = QDir(parent).filePath(
        io::safeFileName(QString::fromStdString(store_->pet(petId)->name), QStringLiteral("pet")) +
        QStringLiteral("-walness"));
    ASSERT_TRUE(io::isInside(folder, parent)) << folder.toStdString();
    EXPECT_EQ(QFileInfo(folder).dir().absolutePath(), QDir(parent).absolutePath()) << name;
    ASSERT_TRUE(exportPet(*store_, petId, folder)) << name;
    for (const QString& file : filesUnder(root_.path())) {
      if (!file.startsWith(QStringLiteral("deep/"))) {
        EXPECT_TRUE(file.startsWith(QStringLiteral("chosen/"))) << file.toStdString();
      }
    }
    QDir(folder).removeRecursively();
  }
}

TEST_P(HostileHistoryTest, TheSameCheckIdIsStoredOnce) {
  Pet pet;
  pet.name = "Coco";
  const int64_t petId = store_->addPet(pet).value();
  NewDiagnosis entry = entryFor(petId, 70);
  entry.checkUid = "3f1c1a52-1111-4222-8333-444455556666";
  const auto first = store_->addDiagnosis(entry);
  const auto again = store_->addDiagnosis(entry);
  ASSERT_TRUE(first && again) << first.message() << again.message();
  EXPECT_EQ(*first, *again);
  EXPECT_EQ(store_->diagnoses(petId)->size(), 1u);
  EXPECT_EQ(store_->diagnosis(*first)->checkUid, entry.checkUid);

  Confirmation answer;
  answer.confirmedBy = "Dr. Kim";
  answer.findings.push_back({"cataract", FindingStatus::Present, "mild"});
  answer.uid = "9a9a9a9a-1111-4222-8333-444455556666";
  const auto confirmed = store_->confirm(*first, answer);
  const auto retried = store_->confirm(*first, answer);
  ASSERT_TRUE(confirmed && retried);
  EXPECT_EQ(confirmed->id, retried->id);
  EXPECT_EQ(store_->confirmationRevisions(*first)->size(), 1u);
}

// A side of the photo Walness never writes (a reader would take it for one of the two eyes).
TEST_P(HostileHistoryTest, AnUnknownEyeSideInARowIsRefused) {
  Pet pet;
  pet.name = "Dubu";
  const int64_t petId = store_->addPet(pet).value();
  const int64_t id = store_->addDiagnosis(entryFor(petId, 30)).value();
  peerSql(QStringLiteral("UPDATE diagnoses SET eye_side = '<b>sideways</b>', visit_uid = 'v' "
                         "WHERE id = %1")
              .arg(id));
  auto record = store_->diagnosis(id);
  ASSERT_FALSE(record);
  EXPECT_NE(record.message().find("side of the photo"), std::string::npos) << record.message();
  EXPECT_FALSE(store_->diagnoses(petId));
  EXPECT_FALSE(store_->visit("v"));
}

TEST_P(HostileHistoryTest, TwoComputersConfirmingTheSameCheckAtOnceBothSucceed) {
  Pet pet;
  pet.name = "Nabi";
  const int64_t petId = store_->addPet(pet).value();
  const int64_t id = store_->addDiagnosis(entryFor(petId, 90)).value();
  constexpr int kEach = 8;
  std::vector<std::string> failures;
  std::mutex lock;
  auto confirmer = [&](const char* who) {
    auto own = HistoryStore::open(location_);
    if (!own) {
      std::lock_guard guard(lock);
      failures.push_back(own.message());
      return;
    }
    for (int i = 0; i < kEach; ++i) {
      Confirmation answer;
      answer.confirmedBy = who;
      answer.findings.push_back({"cataract", FindingStatus::Present, ""});
      if (auto saved = (*own)->confirm(id, answer); !saved) {
        std::lock_guard guard(lock);
        failures.push_back(saved.message());
      }
    }
  };
  std::thread a(confirmer, "Dr. Kim"), b(confirmer, "Dr. Lee");
  a.join();
  b.join();
  EXPECT_TRUE(failures.empty()) << (failures.empty() ? "" : failures.front());
  auto revisions = store_->confirmationRevisions(id);
  ASSERT_TRUE(revisions);
  ASSERT_EQ(revisions->size(), size_t(2 * kEach));
  for (size_t i = 0; i < revisions->size(); ++i) EXPECT_EQ((*revisions)[i].revision, int(i) + 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, HostileHistoryTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), test::backendName);

TEST(SafeFileNameTest, NamesFromOutsideTextStayOneSafeName) {
  EXPECT_EQ(io::safeFileName(QStringLiteral("보리")), QStringLiteral("보리"));
  EXPECT_EQ(io::safeFileName(QStringLiteral("../../x")), QStringLiteral("_.._x"));
  EXPECT_EQ(io::safeFileName(QStringLiteral("CON")), QStringLiteral("_CON"));
  EXPECT_EQ(io::safeFileName(QStringLiteral("com1.tar.gz")), QStringLiteral("_com1.tar.gz"));
  EXPECT_EQ(io::safeFileName(QStringLiteral("Console")), QStringLiteral("Console"));
  EXPECT_EQ(io::safeFileName(QStringLiteral(".hidden")), QStringLiteral("hidden"));
  EXPECT_EQ(io::safeFileName(QStringLiteral("a/b\\c:d*e?\"<>|")), QStringLiteral("a_b_c_d_e_____"));
  EXPECT_EQ(io::safeFileName(QStringLiteral("tab\there\nnew")), QStringLiteral("tab_here_new"));
  EXPECT_EQ(io::safeFileName(QStringLiteral("..")), QStringLiteral("unnamed"));
  EXPECT_EQ(io::safeFileName(QStringLiteral("  ")), QStringLiteral("unnamed"));
  EXPECT_EQ(io::safeFileName(QStringLiteral("trailing. ")), QStringLiteral("trailing"));
  EXPECT_EQ(io::safeFileName(QString(300, QLatin1Char('x'))).size(), 80);
  // Never half of a character outside the Basic Multilingual Plane.
  const QString emoji = QString(79, QLatin1Char('a')) + QString::fromUtf8("🐶");
  EXPECT_EQ(io::safeFileName(emoji), QString(79, QLatin1Char('a')));
}

TEST(SafeFileNameTest, IsInsideResolvesDotsAndLinks) {
  QTemporaryDir root;
  QDir().mkpath(root.filePath(QStringLiteral("chosen")));
  QDir().mkpath(root.filePath(QStringLiteral("elsewhere")));
  EXPECT_TRUE(io::isInside(root.filePath(QStringLiteral("chosen/a/b.png")),
                           root.filePath(QStringLiteral("chosen"))));
  EXPECT_FALSE(io::isInside(root.filePath(QStringLiteral("chosen/../elsewhere/b.png")),
                            root.filePath(QStringLiteral("chosen"))));
  EXPECT_FALSE(io::isInside(root.filePath(QStringLiteral("chosen-not/b.png")),
                            root.filePath(QStringLiteral("chosen"))));
  ASSERT_TRUE(QFile::link(root.filePath(QStringLiteral("elsewhere")),
                          root.filePath(QStringLiteral("chosen/link"))));
  EXPECT_FALSE(io::isInside(root.filePath(QStringLiteral("chosen/link/b.png")),
                            root.filePath(QStringLiteral("chosen"))));
}

}  // namespace
