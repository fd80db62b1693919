#include <gtest/gtest.h>

#include "walness/clinics/ClinicRanking.h"

using namespace walness::clinics;

namespace {
Clinic clinic(const std::string& name, double lat, double lon, std::optional<double> rating = {},
              int reviews = 0) {
  Clinic c;
  c.id = name;
  c.name = name;
  c.latitude = lat;
  c.longitude = lon;
  c.rating = rating;
  c.ratingCount = reviews;
  return c;
}
std::vector<std::string> names(const std::vector<Clinic>& clinics) {
  std::vector<std::string> result;
  for (const auto& c : clinics) result.push_back(c.name);
  return result;
}
}  // namespace

TEST(ClinicRankingTest, HaversineMatchesKnownDistances) {
  // Seoul City Hall to Busan City Hall: about 325 km.
  EXPECT_NEAR(haversineMeters({37.5663, 126.9779}, {35.1798, 129.0750}), 325e3, 3e3);
  // One degree of latitude: 111.2 km.
  EXPECT_NEAR(haversineMeters({36, 127}, {37, 127}), 111195, 10);
  EXPECT_DOUBLE_EQ(haversineMeters({36, 127}, {36, 127}), 0.0);
}

TEST(ClinicRankingTest, RatingOrderPutsTiesByReviewsAndUnratedLast) {
  const GeoPoint origin{36.8, 127.1};
  const auto sorted =
      sortByRating({clinic("unrated-near", 36.8, 127.1), clinic("a", 36.9, 127.1, 4.5, 10),
                    clinic("b", 36.9, 127.1, 4.5, 200), clinic("c", 36.9, 127.1, 4.9, 3),
                    clinic("unrated-far", 37.5, 127.1)},
                   origin);
  EXPECT_EQ(names(sorted),
            (std::vector<std::string>{"c", "b", "a", "unrated-near", "unrated-far"}));
}

TEST(ClinicRankingTest, FiltersKeepOnlyWhatWasAskedFor) {
  const GeoPoint origin{36.8, 127.1};
  auto open = clinic("open", 36.801, 127.1, 4.0, 5);
  open.openNow = OpenState::Open;
  auto emergency = clinic("24h", 36.85, 127.1, 3.0, 5);
  emergency.emergency = true;
  emergency.openNow = OpenState::Open;
  const std::vector<Clinic> all{open, emergency, clinic("unknown", 36.802, 127.1)};

  EXPECT_EQ(names(filterClinics(all, {true, false, {}, {}}, origin)),
            (std::vector<std::string>{"open", "24h"}));
  EXPECT_EQ(names(filterClinics(all, {false, true, {}, {}}, origin)),
            (std::vector<std::string>{"24h"}));
  EXPECT_EQ(names(filterClinics(all, {false, false, 3.5, {}}, origin)),
            (std::vector<std::string>{"open"}));
  EXPECT_EQ(names(filterClinics(all, {false, false, {}, 1000.0}, origin)),
            (std::vector<std::string>{"open", "unknown"}));
}

TEST(ClinicRankingTest, TheSameClinicFromTwoSourcesIsMergedOnce) {
  auto fromOsm = clinic("행복 동물병원", 36.80000, 127.10000);
  fromOsm.phone = "041-555-0100";
  fromOsm.source = ClinicSource::OpenStreetMap;
  fromOsm.attribution = "OpenStreetMap contributors";
  auto fromGoogle = clinic("행복동물병원", 36.80020, 127.10020, 4.6, 88);  // about 28 m away
  fromGoogle.source = ClinicSource::GooglePlaces;
  fromGoogle.attribution = "Google";
  auto farNamesake = clinic("행복동물병원", 36.81, 127.10, 4.0, 2);  // about 1.1 km away
  auto neighbour = clinic("사랑동물병원", 36.80010, 127.10010);

  const auto merged = mergeDuplicates({fromOsm, fromGoogle, farNamesake, neighbour});
  ASSERT_EQ(merged.size(), 3u);
  EXPECT_EQ(merged[0].phone, "041-555-0100");
  ASSERT_TRUE(merged[0].rating.has_value());
  EXPECT_DOUBLE_EQ(*merged[0].rating, 4.6);
  EXPECT_EQ(merged[0].ratingCount, 88);
  EXPECT_EQ(merged[0].attribution, "OpenStreetMap contributors; Google");
  EXPECT_TRUE(similarClinicNames("Happy Animal Hospital", "happy-animal hospital"));
  EXPECT_FALSE(similarClinicNames("행복동물병원", "사랑동물병원"));
  EXPECT_FALSE(similarClinicNames("동물병원", "동물병원")) << "generic words alone match nothing";
}
