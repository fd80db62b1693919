#include <gtest/gtest.h>

#include <QUrlQuery>

#include "walness/clinics/Directions.h"

using namespace walness::clinics;

namespace {
Clinic baekseok() {
  Clinic clinic;
  clinic.name = "백석동물병원, 본점";
  clinic.latitude = 36.8222783;
  clinic.longitude = 127.1250619;
  clinic.phone = "+82 41-555-0101";
  return clinic;
}
const GeoPoint kFrom{36.8151, 127.1139};
}  // namespace

TEST(DirectionsTest, EachServiceGetsBothPointsAndNothingElse) {
  const QUrl osm = directionsUrl(DirectionsService::OpenStreetMap, kFrom, baekseok());
  EXPECT_EQ(osm.host(), QStringLiteral("www.openstreetmap.org"));
  EXPECT_EQ(QUrlQuery(osm).queryItemValue(QStringLiteral("route")),
            QStringLiteral("36.815100,127.113900;36.822278,127.125062"));

  const QUrl google = directionsUrl(DirectionsService::Google, kFrom, baekseok());
  const QUrlQuery googleQuery(google);
  EXPECT_EQ(google.host(), QStringLiteral("www.google.com"));
  EXPECT_EQ(googleQuery.queryItemValue(QStringLiteral("origin")),
            QStringLiteral("36.815100,127.113900"));
  EXPECT_EQ(googleQuery.queryItemValue(QStringLiteral("destination")),
            QStringLiteral("36.822278,127.125062"));

  // Kakao's link names the destination; a comma in the name would split its fields.
  const QUrl kakao = directionsUrl(DirectionsService::Kakao, kFrom, baekseok());
  EXPECT_EQ(kakao.host(), QStringLiteral("map.kakao.com"));
  EXPECT_EQ(kakao.path(), QStringLiteral("/link/to/백석동물병원  본점,36.822278,127.125062"));
  // A name with URL syntax stays one encoded segment of the path: no query, no fragment, no
  // climbing out of /link/to/.
  Clinic hostile = baekseok();
  hostile.name = "../../evil?x=1#top/A&B";
  const QUrl odd = directionsUrl(DirectionsService::Kakao, kFrom, hostile);
  EXPECT_EQ(odd.host(), QStringLiteral("map.kakao.com"));
  EXPECT_FALSE(odd.hasQuery());
  EXPECT_FALSE(odd.hasFragment());
  EXPECT_TRUE(odd.path(QUrl::FullyEncoded)
                  .startsWith(QStringLiteral("/link/to/..%2F..%2Fevil%3Fx%3D1%23top%2FA%26B,")))
      << odd.toString().toStdString();
}

TEST(DirectionsTest, PhoneLinksKeepOnlyDigitsAndALeadingPlus) {
  EXPECT_EQ(phoneUrl(baekseok()).toString(), QStringLiteral("tel:+82415550101"));
  Clinic none;
  EXPECT_TRUE(phoneUrl(none).isEmpty());
}
