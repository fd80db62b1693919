#include <gtest/gtest.h>

#include <QDateTime>
#include <QTemporaryDir>
#include <QTimeZone>

#include <algorithm>
#include <random>

#include "walness/clinics/ClinicStore.h"

using namespace walness::clinics;

namespace {
std::vector<Clinic> randomClinicsAround(const GeoPoint& center, int count, unsigned seed) {
  std::mt19937 random(seed);
  std::uniform_real_distribution<double> offset(-0.3, 0.3);  // about +-33 km
  std::vector<Clinic> clinics;
  for (int i = 0; i < count; ++i) {
    Clinic clinic;
    clinic.id = "test:" + std::to_string(i);
    clinic.name = "Clinic " + std::to_string(i);
    clinic.latitude = center.latitude + offset(random);
    clinic.longitude = center.longitude + offset(random);
    if (i % 3) clinic.rating = 3.0 + (i % 20) / 10.0;
    clinic.ratingCount = i % 50;
    clinic.openNow = static_cast<OpenState>(i % 3);
    clinic.emergency = i % 7 == 0;
    clinic.source = ClinicSource::LocalData;
    clinics.push_back(clinic);
  }
  return clinics;
}
}  // namespace

TEST(ClinicStoreTest, NearestTwentyMatchesBruteForce) {
  QTemporaryDir dir;
  auto store = ClinicStore::open(dir.filePath(QStringLiteral("clinics.sqlite")));
  ASSERT_TRUE(store.ok()) << store.message();
  const GeoPoint seoul{37.5663, 126.9779};
  const auto clinics = randomClinicsAround(seoul, 3000, 42);
  ASSERT_TRUE((*store)->upsert(clinics).ok());
  EXPECT_EQ((*store)->size(), 3000);

  for (const GeoPoint& origin : {seoul, GeoPoint{37.7, 127.2}, GeoPoint{37.30, 126.70}}) {
    auto nearest = (*store)->nearest(origin, 20);
    ASSERT_TRUE(nearest.ok()) << nearest.message();
    const auto expected = sortByDistance(clinics, origin);
    ASSERT_EQ(nearest->size(), 20u);
    for (size_t i = 0; i < 20; ++i) EXPECT_EQ((*nearest)[i].id, expected[i].id) << i;
  }
}

TEST(ClinicStoreTest, UpsertReplacesAndEverythingSurvivesReopening) {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("clinics.sqlite"));
  Clinic moved;
  {
    auto store = ClinicStore::open(path);
    ASSERT_TRUE(store.ok()) << store.message();
    auto clinics = randomClinicsAround({36.8, 127.1}, 50, 7);
    ASSERT_TRUE((*store)->upsert(clinics).ok());
    moved = clinics[10];
    moved.latitude = 35.0;  // far south now
    moved.longitude = 129.0;
    moved.rating.reset();
    moved.phone = "051-000-0000";
    ASSERT_TRUE((*store)->upsert({moved}).ok());
    EXPECT_EQ((*store)->size(), 50);
  }
  auto reopened = ClinicStore::open(path);
  ASSERT_TRUE(reopened.ok()) << reopened.message();
  EXPECT_EQ((*reopened)->size(), 50);
  auto nearBusan = (*reopened)->nearest({35.0, 129.0}, 5, 10'000);
  ASSERT_TRUE(nearBusan.ok());
  ASSERT_EQ(nearBusan->size(), 1u) << "only the moved clinic is there";
  EXPECT_EQ((*nearBusan)[0].id, moved.id);
  EXPECT_EQ((*nearBusan)[0].phone, "051-000-0000");
  EXPECT_FALSE((*nearBusan)[0].rating.has_value());
  EXPECT_EQ((*nearBusan)[0].openNow, moved.openNow);
  EXPECT_EQ((*nearBusan)[0].emergency, moved.emergency);
  // When it was saved, so an offline list can say how old it is.
  QDateTime savedAt = QDateTime::fromString(QString::fromStdString((*nearBusan)[0].savedAt),
                                            QStringLiteral("yyyy-MM-dd HH:mm:ss"));
  ASSERT_TRUE(savedAt.isValid()) << (*nearBusan)[0].savedAt;
  savedAt.setTimeZone(QTimeZone::UTC);
  EXPECT_LT(std::abs(savedAt.secsTo(QDateTime::currentDateTimeUtc())), 600);
}

TEST(ClinicStoreTest, NothingNearbyIsAnEmptyAnswerAndBadPathsAreErrors) {
  QTemporaryDir dir;
  auto store = ClinicStore::open(dir.filePath(QStringLiteral("c.sqlite")));
  ASSERT_TRUE(store.ok());
  auto none = (*store)->nearest({0, 0}, 20);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  auto bad = ClinicStore::open(dir.filePath(QStringLiteral("no/such/folder/c.sqlite")));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.message().find("cannot open"), std::string::npos) << bad.message();
}
