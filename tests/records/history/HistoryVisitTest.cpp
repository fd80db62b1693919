#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>
#include <QTemporaryDir>

#include <algorithm>

#include "HistoryBackends.h"
#include "walness/history/HistoryStore.h"
#include "walness/history/LabelExport.h"
#include "walness/report/HistoryReport.h"

using namespace walness;
using namespace walness::history;

// Both eyes of one photo saved as one visit (issue 25): one transaction, each check once, and the
// side of the photo each eye is on carried to the timeline, reports and exports.
namespace {

using test::Backend;

QByteArray jpegOf(int shade) {
  cv::Mat image(120, 240, CV_8UC3, cv::Scalar(shade, 80, 200 - shade));
  std::vector<uchar> bytes;
  cv::imencode(".jpg", image, bytes);
  return QByteArray(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size()));
}

NewDiagnosis eyeOf(int64_t petId, const QByteArray& photo, const char* side, double cataract) {
  NewDiagnosis entry;
  entry.petId = petId;
  entry.diagnosis.modelId = "dog-eye-mobilenetv2";
  entry.diagnosis.modelVersion = "1.0.0";
  entry.diagnosis.findings.push_back({"cataract", cataract, 0.4, cataract >= 0.4, 0});
  entry.photo = photo;
  entry.region =
      std::string(side) == kLeftOfPhoto ? cv::Rect(10, 10, 100, 100) : cv::Rect(130, 10, 100, 100);
  entry.eyeSide = side;
  return entry;
}

class HistoryVisitTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    location_ = test::freshLocation(GetParam(), folder_.filePath(QStringLiteral("history")));
    ASSERT_FALSE(HasFailure());
    auto opened = HistoryStore::open(location_);
    ASSERT_TRUE(opened) << opened.message();
    store_ = std::move(*opened);
    Pet pet;
    pet.name = "Coco";
    petId_ = store_->addPet(pet).value();
  }

  std::vector<NewDiagnosis> bothEyes(int shade = 40) {
    const QByteArray photo = jpegOf(shade);
    return {eyeOf(petId_, photo, kLeftOfPhoto, 0.7), eyeOf(petId_, photo, kRightOfPhoto, 0.1)};
  }

  size_t stored() { return store_->diagnoses(petId_).value().size(); }

  QTemporaryDir folder_;
  StoreLocation location_;
  std::unique_ptr<HistoryStore> store_;
  int64_t petId_ = 0;
};

TEST_P(HistoryVisitTest, BothEyesOfOnePhotoAreStoredAsOneVisit) {
  // Right first: the visit still reads left first.
  std::vector<NewDiagnosis> eyes = bothEyes();
  std::swap(eyes[0], eyes[1]);
  auto ids = store_->addVisit(eyes);
  ASSERT_TRUE(ids) << ids.message();
  ASSERT_EQ(ids->size(), 2u);
  const auto records = store_->diagnoses(petId_).value();
  ASSERT_EQ(records.size(), 2u);
  const std::string visitUid = records[0].visitUid;
  EXPECT_EQ(visitUid.size(), 36u);  // made up: a UUID
  EXPECT_EQ(records[1].visitUid, visitUid);
  EXPECT_EQ(records[0].takenAt, records[1].takenAt);  // one instant for both
  EXPECT_NE(records[0].checkUid, records[1].checkUid);
  EXPECT_EQ(records[0].photoHash, records[1].photoHash);

  auto visit = store_->visit(visitUid);
  ASSERT_TRUE(visit) << visit.message();
  ASSERT_EQ(visit->size(), 2u);
  EXPECT_EQ(visit->at(0).eyeSide, kLeftOfPhoto);
  EXPECT_EQ(visit->at(0).id, ids->at(1));
  EXPECT_EQ(visit->at(0).region, cv::Rect(10, 10, 100, 100));
  EXPECT_EQ(visit->at(1).eyeSide, kRightOfPhoto);
  EXPECT_EQ(visit->at(1).id, ids->at(0));
  EXPECT_TRUE(store_->visit("no-such-visit").value().empty());
  EXPECT_FALSE(store_->visit(""));

  // A deleted eye leaves the visit; a check saved on its own is not part of any.
  ASSERT_TRUE(store_->deleteDiagnosis(ids->at(0)));
  EXPECT_EQ(store_->visit(visitUid).value().size(), 1u);
  auto alone = store_->addDiagnosis(eyeOf(petId_, jpegOf(90), "", 0.2));
  ASSERT_TRUE(alone) << alone.message();
  EXPECT_TRUE(store_->diagnosis(*alone)->visitUid.empty());
  EXPECT_TRUE(store_->diagnosis(*alone)->eyeSide.empty());
}

TEST_P(HistoryVisitTest, AVisitGivenItsIdsKeepsThemAndARetryStoresNothingTwice) {
  std::vector<NewDiagnosis> eyes = bothEyes();
  eyes[0].visitUid = eyes[1].visitUid = "7d0c7a52-1111-4222-8333-444455556666";
  eyes[0].checkUid = "7d0c7a52-aaaa-4222-8333-444455556666";
  eyes[1].checkUid = "7d0c7a52-bbbb-4222-8333-444455556666";
  eyes[0].takenAt = eyes[1].takenAt = "2026-11-29T10:00:00Z";
  auto first = store_->addVisit(eyes);
  ASSERT_TRUE(first) << first.message();
  // The answer was lost; the same visit is sent again.
  auto again = store_->addVisit(eyes);
  ASSERT_TRUE(again) << again.message();
  EXPECT_EQ(*again, *first);
  EXPECT_EQ(stored(), 2u);
  const auto visit = store_->visit(eyes[0].visitUid).value();
  ASSERT_EQ(visit.size(), 2u);
  EXPECT_EQ(visit[0].checkUid, eyes[0].checkUid);
  EXPECT_EQ(visit[1].checkUid, eyes[1].checkUid);
  EXPECT_EQ(visit[0].takenAt, "2026-11-29T10:00:00.000Z");
  // One eye of the visit sent on its own finds its check too.
  EXPECT_EQ(store_->addDiagnosis(eyes[1]).value(), first->at(1));
  EXPECT_EQ(stored(), 2u);
}

TEST_P(HistoryVisitTest, AVisitThatIsNotOneIsRefusedAndStoresNothing) {
  Pet other;
  other.name = "Bori";
  const int64_t bori = store_->addPet(other).value();
  const auto refused = [&](std::vector<NewDiagnosis> eyes, const std::string& words) {
    auto ids = store_->addVisit(eyes);
    ASSERT_FALSE(ids) << words;
    EXPECT_NE(ids.message().find(words), std::string::npos) << ids.message();
    EXPECT_EQ(stored(), 0u) << words;
    EXPECT_TRUE(store_->diagnoses(bori).value().empty()) << words;
  };
  std::vector<NewDiagnosis> eyes = bothEyes();
  eyes[1].petId = bori;
  refused(eyes, "of one pet");
  eyes = bothEyes();
  eyes[1].eyeSide = "left";
  refused(eyes, "is not a side of the photo");
  eyes = bothEyes();
  eyes[1].eyeSide = kLeftOfPhoto;
  refused(eyes, "both the eye left_of_photo");
  eyes = bothEyes();
  eyes[0].takenAt = "2026-11-29T10:00:00.000Z";
  refused(eyes, "taken at one time");
  eyes = bothEyes();
  eyes[0].visitUid = "a";
  eyes[1].visitUid = "b";
  refused(eyes, "share one visit id");
  eyes = bothEyes();
  eyes[0].checkUid = eyes[1].checkUid = "same";
  refused(eyes, "the same check id");
  refused({}, "at least one check");
  eyes = bothEyes();
  eyes.insert(eyes.end(), {eyes[0], eyes[0], eyes[0]});
  for (NewDiagnosis& eye : eyes) eye.eyeSide.clear();
  refused(eyes, "at most 4 checks");
  eyes = bothEyes();
  eyes[1].photo.clear();
  refused(eyes, "needs its photo");
  eyes = bothEyes();
  for (NewDiagnosis& eye : eyes) eye.petId = 4242;
  refused(eyes, "no pet 4242");
  auto alone = store_->addDiagnosis(eyeOf(petId_, jpegOf(10), "top_of_photo", 0.2));
  ASSERT_FALSE(alone);
  EXPECT_EQ(alone.error().kind, ErrorKind::BadInput);

  // The second eye fails inside the transaction (a disease twice): the first is undone with it.
  eyes = bothEyes();
  eyes[1].diagnosis.findings.push_back(eyes[1].diagnosis.findings.front());
  auto half = store_->addVisit(eyes);
  ASSERT_FALSE(half);
  EXPECT_EQ(stored(), 0u);

  // A check id saved before on its own: the visit is not half added to it.
  eyes = bothEyes();
  eyes[0].checkUid = "saved-alone";
  ASSERT_TRUE(store_->addDiagnosis(eyes[0]));
  auto mixed = store_->addVisit(eyes);
  ASSERT_FALSE(mixed);
  EXPECT_NE(mixed.message().find("saved before without the others"), std::string::npos)
      << mixed.message();
  EXPECT_EQ(stored(), 1u);
}

TEST_P(HistoryVisitTest, TheHistoryReportNamesEachEyesSide) {
  ASSERT_TRUE(store_->addVisit(bothEyes()));
  ASSERT_TRUE(store_->addDiagnosis(eyeOf(petId_, jpegOf(150), "", 0.2)));
  auto request = report::requestFromHistory(*store_, petId_, {}, "en");
  ASSERT_TRUE(request) << request.message();
  ASSERT_EQ(request->items.size(), 3u);
  std::vector<std::string> sides;
  for (const report::ReportItem& item : request->items) sides.push_back(item.eyeSide);
  std::sort(sides.begin(), sides.end());
  EXPECT_EQ(sides, (std::vector<std::string>{"", kLeftOfPhoto, kRightOfPhoto}));
  const report::Report made = report::buildReport(*request);
  EXPECT_TRUE(made.html.contains(QStringLiteral("Eye on the left of the photo")));
  EXPECT_TRUE(made.html.contains(QStringLiteral("Eye on the right of the photo")));
}

TEST_P(HistoryVisitTest, TheLabelExportCarriesTheVisitAndTheSide) {
  auto ids = store_->addVisit(bothEyes());
  ASSERT_TRUE(ids) << ids.message();
  for (int64_t id : *ids) {
    Confirmation answer;
    answer.confirmedBy = "Dr. Kim";
    answer.findings.push_back({"cataract", FindingStatus::Present, ""});
    ASSERT_TRUE(store_->confirm(id, answer));
  }
  const QString out = folder_.filePath(QStringLiteral("labels"));
  auto summary = exportConfirmedLabels(*store_, out.toStdString(), {});
  ASSERT_TRUE(summary) << summary.message();
  QFile csv(out + QStringLiteral("/labels.csv"));
  ASSERT_TRUE(csv.open(QIODevice::ReadOnly));
  const QStringList header = QString::fromUtf8(csv.readLine()).trimmed().split(QLatin1Char(','));
  EXPECT_EQ(header.mid(0, 7),
            (QStringList{"image", "split", "framing", "pet", "taken_at", "visit_uid", "eye_side"}));
  const std::string visitUid = store_->diagnosis(ids->front())->visitUid;
  QStringList sides;
  while (!csv.atEnd()) {
    const QStringList cells = QString::fromUtf8(csv.readLine()).trimmed().split(QLatin1Char(','));
    ASSERT_GE(cells.size(), 7);
    EXPECT_EQ(cells[5].toStdString(), visitUid);
    sides << cells[6];
  }
  sides.sort();
  EXPECT_EQ(sides, (QStringList{"left_of_photo", "right_of_photo"}));
}

INSTANTIATE_TEST_SUITE_P(Backends, HistoryVisitTest,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres), test::backendName);

// A store written by schema 4 (before visits) opens, migrates and keeps its checks, each a check
// on its own. The file is made by today's code and taken back to schema 4 by hand.
TEST(HistoryMigrationTest, SchemaFourIsMigratedToVisitsWithItsChecks) {
  QTemporaryDir folder;
  int64_t petId = 0, checkId = 0;
  {
    auto store = HistoryStore::open(StoreLocation::local(folder.path())).value();
    Pet pet;
    pet.name = "Coco";
    petId = store->addPet(pet).value();
    checkId = store->addDiagnosis(eyeOf(petId, jpegOf(20), "", 0.6)).value();
  }
  {
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v4"));
    db.setDatabaseName(folder.filePath(QStringLiteral("history.sqlite")));
    ASSERT_TRUE(db.open());
    QSqlQuery query(db);
    for (const char* statement :
         {"DROP INDEX diagnoses_by_visit", "ALTER TABLE diagnoses DROP COLUMN visit_uid",
          "ALTER TABLE diagnoses DROP COLUMN eye_side", "PRAGMA user_version = 4"})
      ASSERT_TRUE(query.exec(QLatin1String(statement))) << statement;
    query.finish();
    db.close();
  }
  QSqlDatabase::removeDatabase(QStringLiteral("v4"));

  auto store = HistoryStore::open(StoreLocation::local(folder.path()));
  ASSERT_TRUE(store) << store.message();
  EXPECT_EQ((*store)->schemaVersion(), 5);
  auto record = (*store)->diagnosis(checkId);
  ASSERT_TRUE(record) << record.message();
  EXPECT_DOUBLE_EQ(record->diagnosis.findings.at(0).probability, 0.6);
  EXPECT_TRUE(record->visitUid.empty());
  EXPECT_TRUE(record->eyeSide.empty());
  const QByteArray photo = jpegOf(60);
  auto ids = (*store)->addVisit(
      {eyeOf(petId, photo, kLeftOfPhoto, 0.5), eyeOf(petId, photo, kRightOfPhoto, 0.5)});
  ASSERT_TRUE(ids) << ids.message();
  EXPECT_EQ((*store)->diagnoses(petId).value().size(), 3u);
  EXPECT_EQ(*(*store)->integrityCheck(), QStringLiteral("ok"));
}

}  // namespace
