#include <gtest/gtest.h>

#include <QFile>

#include "SharedData.h"
#include "walness/clinics/ClinicRanking.h"
#include "walness/clinics/GooglePlacesParser.h"

using namespace walness::clinics;

namespace {
QByteArray cheonanFixture() {
  QFile file(QString::fromStdString(walness::test::sharedPath(
      QStringLiteral("fixtures/clinics/google-places-textsearch-cheonan.json"))));
  EXPECT_TRUE(file.open(QIODevice::ReadOnly));
  return file.readAll();
}
}  // namespace

TEST(GooglePlacesParserTest, ParsesTheRecordedCheonanResponse) {
  auto page = parseGooglePlaces(cheonanFixture());
  ASSERT_TRUE(page.ok()) << page.message();
  ASSERT_EQ(page->clinics.size(), 20u);
  EXPECT_FALSE(page->nextPageToken.empty());
  const Clinic& first = page->clinics.front();
  EXPECT_EQ(first.name, "백석동물병원");
  EXPECT_EQ(first.id, "google:ChIJPWmoTd8nezUR7NSeiS5qLsc");
  EXPECT_DOUBLE_EQ(first.latitude, 36.8222783);
  EXPECT_DOUBLE_EQ(first.longitude, 127.1250619);
  ASSERT_TRUE(first.rating.has_value());
  EXPECT_DOUBLE_EQ(*first.rating, 4.4);
  EXPECT_EQ(first.ratingCount, 24);
  EXPECT_EQ(first.openNow, OpenState::Open);
  EXPECT_EQ(first.source, ClinicSource::GooglePlaces);
  EXPECT_EQ(first.attribution, "Powered by Google");
  for (const Clinic& clinic : page->clinics) {
    EXPECT_NEAR(clinic.latitude, 36.8, 0.3) << clinic.name;
    EXPECT_NEAR(clinic.longitude, 127.1, 0.3) << clinic.name;
  }
}

TEST(GooglePlacesParserTest, SortsTheRealClinicsByRatingAndDistance) {
  auto page = parseGooglePlaces(cheonanFixture());
  ASSERT_TRUE(page.ok());
  const GeoPoint origin{36.8151, 127.1139};  // Cheonan city hall
  const auto byRating = sortByRating(page->clinics, origin);
  bool seenUnrated = false;
  for (size_t i = 0; i < byRating.size(); ++i) {
    if (!byRating[i].rating) {
      seenUnrated = true;
      continue;
    }
    EXPECT_FALSE(seenUnrated) << "a rated clinic after an unrated one";
    if (i > 0 && byRating[i - 1].rating) {
      EXPECT_GE(*byRating[i - 1].rating, *byRating[i].rating);
      if (*byRating[i - 1].rating == *byRating[i].rating) {
        EXPECT_GE(byRating[i - 1].ratingCount, byRating[i].ratingCount);
      }
    }
  }
  EXPECT_EQ(byRating.size(), 20u);
  const auto byDistance = sortByDistance(page->clinics, origin);
  for (size_t i = 1; i < byDistance.size(); ++i)
    EXPECT_LE(haversineMeters(origin, {byDistance[i - 1].latitude, byDistance[i - 1].longitude}),
              haversineMeters(origin, {byDistance[i].latitude, byDistance[i].longitude}));
}

TEST(GooglePlacesParserTest, ErrorsAndEmptyAnswersAreClear) {
  auto denied = parseGooglePlaces(
      R"({"status":"REQUEST_DENIED","error_message":"The provided API key is invalid.","results":[]})");
  ASSERT_FALSE(denied.ok());
  EXPECT_NE(denied.message().find("REQUEST_DENIED"), std::string::npos);
  EXPECT_NE(denied.message().find("The provided API key is invalid."), std::string::npos);
  EXPECT_NE(denied.message().find("API key"), std::string::npos);

  auto empty = parseGooglePlaces(R"({"status":"ZERO_RESULTS","results":[]})");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->clinics.empty());

  EXPECT_FALSE(parseGooglePlaces("<html>502 Bad Gateway</html>").ok());
  EXPECT_FALSE(parseGooglePlaces("").ok());

  auto partial = parseGooglePlaces(R"({"status":"OK","results":[
      {"name":"No location"},
      {"name":"Closed for good","business_status":"CLOSED_PERMANENTLY","geometry":{"location":{"lat":1,"lng":2}}},
      {"name":"Unrated","geometry":{"location":{"lat":1,"lng":2}},"rating":0,"user_ratings_total":0},
      {"geometry":{"location":{"lat":1,"lng":2}}}]})");
  ASSERT_TRUE(partial.ok());
  ASSERT_EQ(partial->clinics.size(), 1u);
  EXPECT_EQ(partial->clinics[0].name, "Unrated");
  EXPECT_FALSE(partial->clinics[0].rating.has_value()) << "0 reviews means no rating";
}
