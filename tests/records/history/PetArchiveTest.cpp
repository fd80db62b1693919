#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <sys/stat.h>

#include "walness/history/HistoryStore.h"
#include "walness/history/PetArchive.h"
#include "walness/history/PhotoStore.h"

using namespace walness;
using namespace walness::history;

namespace {

QByteArray jpegOf(int shade) {
  cv::Mat image(120, 160, CV_8UC3, cv::Scalar(shade, 80, 200 - shade));
  std::vector<uchar> bytes;
  cv::imencode(".jpg", image, bytes);
  return QByteArray(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size()));
}

QByteArray pngOf(int shade) {
  cv::Mat image(80, 80, CV_8UC1, cv::Scalar(shade));
  std::vector<uchar> bytes;
  cv::imencode(".png", image, bytes);
  return QByteArray(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size()));
}

class PetArchiveTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ =
        HistoryStore::open(StoreLocation::local(folder_.filePath(QStringLiteral("a")))).value();
    Pet pet;
    pet.name = "초코";
    pet.breed = "Poodle";
    pet.birthYear = 2020;
    pet.notes = "dry eyes in winter";
    petId_ = store_->addPet(pet).value();
    for (int i = 0; i < 3; ++i) {
      NewDiagnosis entry;
      entry.petId = petId_;
      entry.diagnosis.modelId = "dog-eye-mobilenetv2";
      entry.diagnosis.modelVersion = "1.0.0";
      entry.diagnosis.findings.push_back({"cataract", 0.2 + 0.3 * i, 0.4, 0.2 + 0.3 * i >= 0.4, 0});
      entry.photo = jpegOf(40 * i);
      entry.region = cv::Rect(20, 0, 120, 120);
      entry.camPng = i == 1 ? QByteArray() : pngOf(60 * i);
      entry.camMethod = "gradcam";
      entry.takenAt = "2026-0" + std::to_string(i + 1) + "-10T08:00:00.000Z";
      ASSERT_TRUE(store_->addDiagnosis(entry));
    }
  }

  QTemporaryDir folder_;
  std::unique_ptr<HistoryStore> store_;
  int64_t petId_ = 0;
};

TEST_F(PetArchiveTest, AnExportedPetImportsElsewhereWithEverything) {
  const QString archive = folder_.filePath(QStringLiteral("export"));
  ASSERT_TRUE(exportPet(*store_, petId_, archive));
  EXPECT_TRUE(QFile::exists(archive + QStringLiteral("/pet.json")));
  EXPECT_EQ(QDir(archive + QStringLiteral("/photos")).entryList(QDir::Files).size(), 3);
  EXPECT_EQ(QDir(archive + QStringLiteral("/heatmaps")).entryList(QDir::Files).size(), 2);
  EXPECT_TRUE(QDir(archive + QStringLiteral("/photos"))
                  .entryList(QDir::Files)
                  .first()
                  .endsWith(QLatin1String(".jpg")));

  auto other = HistoryStore::open(StoreLocation::local(folder_.filePath(QStringLiteral("b"))));
  ASSERT_TRUE(other);
  auto imported = importPet(**other, archive);
  ASSERT_TRUE(imported) << imported.message();
  const Pet pet = (*other)->pet(*imported).value();
  EXPECT_EQ(pet.name, "초코");
  EXPECT_EQ(pet.birthYear, 2020);
  EXPECT_EQ(pet.notes, "dry eyes in winter");
  const auto original = store_->diagnoses(petId_).value();
  const auto copied = (*other)->diagnoses(*imported).value();
  ASSERT_EQ(copied.size(), 3u);
  for (size_t i = 0; i < copied.size(); ++i) {
    EXPECT_EQ(copied[i].takenAt, original[i].takenAt);
    EXPECT_EQ(copied[i].photoHash, original[i].photoHash);
    EXPECT_EQ(copied[i].camHash, original[i].camHash);
    EXPECT_EQ(copied[i].region, original[i].region);
    EXPECT_DOUBLE_EQ(copied[i].diagnosis.findings[0].probability,
                     original[i].diagnosis.findings[0].probability);
    EXPECT_EQ((*other)->photo(copied[i].photoHash).value(),
              store_->photo(original[i].photoHash).value());
  }
}

TEST_F(PetArchiveTest, ADamagedArchiveAddsNothing) {
  const QString archive = folder_.filePath(QStringLiteral("export"));
  ASSERT_TRUE(exportPet(*store_, petId_, archive));
  const QDir photos(archive + QStringLiteral("/photos"));
  QFile photo(photos.filePath(photos.entryList(QDir::Files).last()));
  ASSERT_TRUE(photo.open(QIODevice::ReadWrite));
  photo.seek(50);
  photo.write("XX");
  photo.close();
  auto other = HistoryStore::open(StoreLocation::local(folder_.filePath(QStringLiteral("b"))));
  auto imported = importPet(**other, archive);
  ASSERT_FALSE(imported);
  EXPECT_NE(imported.message().find("is damaged"), std::string::npos) << imported.message();
  EXPECT_TRUE((*other)->pets()->empty());

  EXPECT_FALSE(importPet(**other, folder_.filePath(QStringLiteral("nowhere"))));
  QFile json(archive + QStringLiteral("/pet.json"));
  ASSERT_TRUE(json.open(QIODevice::WriteOnly));
  json.write("{\"format\": \"walness-pet\", \"pet\": ");
  json.close();
  auto truncated = importPet(**other, archive);
  ASSERT_FALSE(truncated);
  EXPECT_NE(truncated.message().find("not valid JSON"), std::string::npos);
  EXPECT_TRUE((*other)->pets()->empty());
}

TEST_F(PetArchiveTest, ImportRefusesLinksPipesHugeManifestsAndFilesThatAreNotPhotos) {
  auto other = HistoryStore::open(StoreLocation::local(folder_.filePath(QStringLiteral("b"))));
  ASSERT_TRUE(other);
  const auto freshArchive = [&](const QString& name) {
    const QString archive = folder_.filePath(name);
    EXPECT_TRUE(exportPet(*store_, petId_, archive));
    return archive;
  };
  const auto refusedWith = [&](const QString& archive, const std::string& words) {
    auto imported = importPet(**other, archive);
    ASSERT_FALSE(imported) << words;
    EXPECT_NE(imported.message().find(words), std::string::npos) << imported.message();
    EXPECT_TRUE((*other)->pets()->empty());
  };

  // A photo that is a link (to a file with the very same bytes, elsewhere): not followed.
  {
    const QString archive = freshArchive(QStringLiteral("linked-photo"));
    const QDir photos(archive + QStringLiteral("/photos"));
    const QString name = photos.entryList(QDir::Files).first();
    const QString outside = folder_.filePath(QStringLiteral("outside-") + name);
    ASSERT_TRUE(QFile::rename(photos.filePath(name), outside));
    ASSERT_TRUE(QFile::link(outside, photos.filePath(name)));
    refusedWith(archive, "symbolic link");
  }
  // The photos folder itself a link.
  {
    const QString archive = freshArchive(QStringLiteral("linked-folder"));
    const QString moved = folder_.filePath(QStringLiteral("photos-elsewhere"));
    ASSERT_TRUE(QDir().rename(archive + QStringLiteral("/photos"), moved));
    ASSERT_TRUE(QFile::link(moved, archive + QStringLiteral("/photos")));
    refusedWith(archive, "symbolic link");
  }
  // pet.json a FIFO: refused at once instead of waiting for a writer.
  {
    const QString archive = freshArchive(QStringLiteral("fifo"));
    const QString manifest = archive + QStringLiteral("/pet.json");
    ASSERT_TRUE(QFile::remove(manifest));
    ASSERT_EQ(::mkfifo(QFile::encodeName(manifest).constData(), 0600), 0);
    refusedWith(archive, "named pipe");
  }
  // A pet.json past the size limit.
  {
    const QString archive = freshArchive(QStringLiteral("huge"));
    QFile manifest(archive + QStringLiteral("/pet.json"));
    ASSERT_TRUE(manifest.open(QIODevice::Append));
    ASSERT_TRUE(manifest.resize(17 << 20));
    manifest.close();
    refusedWith(archive, "larger than 16 MB");
  }
  // A "photo" named by its own hash that is not an image.
  {
    const QString archive = freshArchive(QStringLiteral("not-a-photo"));
    const QByteArray junk("this is not a photo at all, but its name is its hash");
    const QString hash = QString::fromStdString(PhotoStore::contentHash(junk));
    QFile file(archive + QStringLiteral("/photos/") + hash + QStringLiteral(".jpg"));
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(junk);
    file.close();
    QFile manifest(archive + QStringLiteral("/pet.json"));
    ASSERT_TRUE(manifest.open(QIODevice::ReadOnly));
    QJsonObject root = QJsonDocument::fromJson(manifest.readAll()).object();
    manifest.close();
    QJsonArray diagnoses = root.value(QStringLiteral("diagnoses")).toArray();
    QJsonObject first = diagnoses[0].toObject();
    first.insert(QStringLiteral("photo"),
                 QStringLiteral("photos/") + hash + QStringLiteral(".jpg"));
    diagnoses[0] = first;
    root.insert(QStringLiteral("diagnoses"), diagnoses);
    ASSERT_TRUE(manifest.open(QIODevice::WriteOnly | QIODevice::Truncate));
    manifest.write(QJsonDocument(root).toJson());
    manifest.close();
    refusedWith(archive, "photos/" + hash.toStdString());
  }
}

TEST_F(PetArchiveTest, ExportRefusesAFolderThatHoldsOtherFiles) {
  const QString busy = folder_.filePath(QStringLiteral("busy"));
  QDir().mkpath(busy);
  QFile keep(busy + QStringLiteral("/mine.txt"));
  ASSERT_TRUE(keep.open(QIODevice::WriteOnly));
  keep.close();
  auto exported = exportPet(*store_, petId_, busy);
  ASSERT_FALSE(exported);
  EXPECT_NE(exported.message().find("not empty"), std::string::npos);
  EXPECT_EQ(QDir(busy).entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot).size(), 1);
}

}  // namespace

namespace {

TEST_F(PetArchiveTest, TheVetsAnswersAndTheirRevisionsTravelWithThePet) {
  const int64_t checkId = store_->diagnoses(petId_).value().back().id;
  Confirmation first;
  first.confirmedBy = "Dr. Kim";
  first.confirmedAt = "2026-03-11T09:00:00.000Z";
  first.findings = {{"cataract", FindingStatus::Present, "mild"},
                    {"epiphora", FindingStatus::Absent, ""}};
  ASSERT_TRUE(store_->confirm(checkId, first));
  Confirmation second = first;
  second.confirmedBy = "Dr. Lee";
  second.confirmedAt = "2026-03-12T09:00:00.000Z";
  second.note = "second opinion";
  second.findings[0].grade = "moderate";
  ASSERT_TRUE(store_->confirm(checkId, second));

  const QString archive = folder_.filePath(QStringLiteral("with-answers"));
  ASSERT_TRUE(exportPet(*store_, petId_, archive));
  auto other = HistoryStore::open(StoreLocation::local(folder_.filePath(QStringLiteral("b"))));
  ASSERT_TRUE(other);
  auto imported = importPet(**other, archive);
  ASSERT_TRUE(imported) << imported.message();
  const auto records = (*other)->diagnoses(*imported).value();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_TRUE((*other)->confirmationRevisions(records[0].id)->empty());
  const auto revisions = (*other)->confirmationRevisions(records[2].id).value();
  ASSERT_EQ(revisions.size(), 2u);
  EXPECT_EQ(revisions[0].confirmedBy, "Dr. Kim");
  EXPECT_EQ(revisions[0].confirmedAt, "2026-03-11T09:00:00.000Z");
  EXPECT_EQ(revisions[0].finding("cataract")->grade, "mild");
  EXPECT_EQ(revisions[1].revision, 2);
  EXPECT_EQ(revisions[1].note, "second opinion");
  EXPECT_EQ(revisions[1].finding("cataract")->grade, "moderate");
  EXPECT_EQ(revisions[1].present("epiphora"), std::optional<bool>(false));
}

}  // namespace

namespace {

// Both eyes of one photo travel as one visit; the import gives the visit a new id, so importing
// into the store the pet came from never merges the copy's visit with the original's.
TEST_F(PetArchiveTest, TheTwoEyesOfOnePhotoImportAsOneVisitOfTheirOwn) {
  NewDiagnosis left;
  left.petId = petId_;
  left.diagnosis.modelId = "dog-eye-mobilenetv2";
  left.diagnosis.modelVersion = "1.0.0";
  left.diagnosis.findings.push_back({"cataract", 0.7, 0.4, true, 0});
  left.photo = jpegOf(200);
  left.region = cv::Rect(0, 0, 60, 60);
  left.eyeSide = kLeftOfPhoto;
  left.takenAt = "2026-04-10T08:00:00.000Z";
  NewDiagnosis right = left;
  right.region = cv::Rect(90, 0, 60, 60);
  right.eyeSide = kRightOfPhoto;
  const auto ids = store_->addVisit({left, right});
  ASSERT_TRUE(ids) << ids.message();
  const std::string visitUid = store_->diagnosis(ids->front())->visitUid;

  const QString archive = folder_.filePath(QStringLiteral("visit"));
  ASSERT_TRUE(exportPet(*store_, petId_, archive));
  QFile manifest(archive + QStringLiteral("/pet.json"));
  ASSERT_TRUE(manifest.open(QIODevice::ReadOnly));
  const QJsonObject root = QJsonDocument::fromJson(manifest.readAll()).object();
  manifest.close();
  EXPECT_EQ(root.value(QStringLiteral("version")).toInt(), 3);
  const QJsonArray written = root.value(QStringLiteral("diagnoses")).toArray();
  ASSERT_EQ(written.size(), 5);
  EXPECT_EQ(written[3].toObject().value(QStringLiteral("eye_side")).toString(),
            QStringLiteral("left_of_photo"));
  EXPECT_EQ(written[4].toObject().value(QStringLiteral("visit_uid")).toString().toStdString(),
            visitUid);

  auto imported = importPet(*store_, archive);
  ASSERT_TRUE(imported) << imported.message();
  const auto copied = store_->diagnoses(*imported).value();
  ASSERT_EQ(copied.size(), 5u);
  EXPECT_TRUE(copied[0].visitUid.empty());
  EXPECT_TRUE(copied[0].eyeSide.empty());
  EXPECT_FALSE(copied[3].visitUid.empty());
  EXPECT_NE(copied[3].visitUid, visitUid);
  EXPECT_EQ(copied[4].visitUid, copied[3].visitUid);
  EXPECT_EQ(copied[3].eyeSide, kLeftOfPhoto);
  EXPECT_EQ(copied[4].eyeSide, kRightOfPhoto);
  EXPECT_EQ(copied[4].region, cv::Rect(90, 0, 60, 60));
  EXPECT_EQ(store_->visit(visitUid).value().size(), 2u);  // the original's, unchanged
  EXPECT_EQ(store_->visit(copied[3].visitUid).value().size(), 2u);
}

// An archive written before visits (version 2: no visit_uid, no eye_side) still imports, each
// check on its own; a side Walness never writes is refused and adds nothing.
TEST_F(PetArchiveTest, OldArchivesImportAndAnUnknownSideIsRefused) {
  const QString archive = folder_.filePath(QStringLiteral("old"));
  ASSERT_TRUE(exportPet(*store_, petId_, archive));
  QFile manifest(archive + QStringLiteral("/pet.json"));
  ASSERT_TRUE(manifest.open(QIODevice::ReadOnly));
  QJsonObject root = QJsonDocument::fromJson(manifest.readAll()).object();
  manifest.close();
  const auto rewrite = [&](const QJsonObject& changed) {
    ASSERT_TRUE(manifest.open(QIODevice::WriteOnly | QIODevice::Truncate));
    manifest.write(QJsonDocument(changed).toJson());
    manifest.close();
  };
  QJsonArray diagnoses = root.value(QStringLiteral("diagnoses")).toArray();
  for (QJsonValueRef value : diagnoses) {
    QJsonObject object = value.toObject();
    object.remove(QStringLiteral("visit_uid"));
    object.remove(QStringLiteral("eye_side"));
    value = object;
  }
  root.insert(QStringLiteral("version"), 2);
  root.insert(QStringLiteral("diagnoses"), diagnoses);
  rewrite(root);
  auto other = HistoryStore::open(StoreLocation::local(folder_.filePath(QStringLiteral("b"))));
  ASSERT_TRUE(other);
  auto imported = importPet(**other, archive);
  ASSERT_TRUE(imported) << imported.message();
  const std::vector<DiagnosisRecord> records = (*other)->diagnoses(*imported).value();
  ASSERT_EQ(records.size(), 3u);
  for (const DiagnosisRecord& record : records) {
    EXPECT_TRUE(record.visitUid.empty());
    EXPECT_TRUE(record.eyeSide.empty());
  }

  QJsonObject sideways = diagnoses[0].toObject();
  sideways.insert(QStringLiteral("eye_side"), QStringLiteral("left"));
  diagnoses[0] = sideways;
  root.insert(QStringLiteral("version"), 3);
  root.insert(QStringLiteral("diagnoses"), diagnoses);
  rewrite(root);
  const size_t pets = (*other)->pets()->size();
  auto refused = importPet(**other, archive);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.message().find("eye_side"), std::string::npos) << refused.message();
  EXPECT_EQ((*other)->pets()->size(), pets);
}

}  // namespace
