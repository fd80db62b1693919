#include <gtest/gtest.h>

#include "walness/clinics/OverpassParser.h"

using namespace walness::clinics;

TEST(OverpassParserTest, ReadsNodesAndWaysWithTheirTags) {
  const QByteArray json = R"({"version":0.6,"elements":[
    {"type":"node","id":101,"lat":37.5665,"lon":126.978,"tags":{"amenity":"veterinary",
      "name":"24시 서울동물메디컬센터","phone":"+82 2-555-0101","opening_hours":"24/7",
      "addr:city":"서울","addr:street":"세종대로","addr:housenumber":"110"}},
    {"type":"way","id":202,"center":{"lat":37.57,"lon":126.98},"tags":{"amenity":"veterinary",
      "name:en":"Maple Vet","contact:website":"https://maple.example","opening_hours":"Mo-Fr 09:00-18:00",
      "emergency":"no"}},
    {"type":"node","id":303,"tags":{"amenity":"veterinary","name":"No location"}},
    {"type":"node","id":404,"lat":37.58,"lon":126.99,"tags":{"amenity":"veterinary","emergency":"yes"}}
  ]})";
  auto clinics = parseOverpass(json, LocalTime{1, 20 * 60});  // Monday 20:00
  ASSERT_TRUE(clinics.ok()) << clinics.message();
  ASSERT_EQ(clinics->size(), 3u);
  const Clinic& allNight = (*clinics)[0];
  EXPECT_EQ(allNight.id, "osm:node/101");
  EXPECT_EQ(allNight.name, "24시 서울동물메디컬센터");
  EXPECT_EQ(allNight.address, "서울 세종대로 110");
  EXPECT_EQ(allNight.phone, "+82 2-555-0101");
  EXPECT_TRUE(allNight.emergency);
  EXPECT_EQ(allNight.openNow, OpenState::Open);
  EXPECT_EQ(allNight.attribution, "OpenStreetMap contributors");

  const Clinic& maple = (*clinics)[1];
  EXPECT_EQ(maple.id, "osm:way/202");
  EXPECT_EQ(maple.name, "Maple Vet");
  EXPECT_DOUBLE_EQ(maple.latitude, 37.57);
  EXPECT_EQ(maple.website, "https://maple.example");
  EXPECT_EQ(maple.openNow, OpenState::Closed);
  EXPECT_FALSE(maple.emergency);

  EXPECT_EQ((*clinics)[2].name, "Veterinary clinic");
  EXPECT_TRUE((*clinics)[2].emergency);
  EXPECT_EQ((*clinics)[2].openNow, OpenState::Unknown);
}

TEST(OverpassParserTest, MalformedAnswersAreRefusedWithAReason) {
  auto html = parseOverpass("<html>rate limited</html>", {});
  ASSERT_FALSE(html.ok());
  EXPECT_NE(html.message().find("not JSON"), std::string::npos);
  auto remark = parseOverpass(R"({"remark":"runtime error: Query timed out"})", {});
  ASSERT_FALSE(remark.ok());
  EXPECT_NE(remark.message().find("Query timed out"), std::string::npos);
  auto empty = parseOverpass(R"({"elements":[]})", {});
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

TEST(OverpassParserTest, QueryAsksForVeterinaryClinicsAroundThePoint) {
  const QByteArray query = overpassVeterinaryQuery(36.815, 127.1139, 3000);
  EXPECT_TRUE(query.contains(R"(nwr["amenity"="veterinary"](around:3000,36.815000,127.113900))"));
  EXPECT_TRUE(query.contains("out center"));
}
