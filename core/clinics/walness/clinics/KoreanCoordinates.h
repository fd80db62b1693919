#pragma once

#include <memory>

#include "walness/Result.h"
#include "walness/clinics/ClinicRanking.h"

namespace walness::clinics {

// Converts the projected coordinates Korean public data uses (EPSG:5174, Korean 1985 / Modified
// Central Belt, Bessel ellipsoid; LOCALDATA's 좌표정보(X)/(Y) in metres) to WGS84 latitude and
// longitude with PROJ, including the datum shift (a few hundred metres in Korea).
class KoreanCoordinates {
 public:
  // Fails when PROJ or its database (proj.db) is missing.
  static Result<std::unique_ptr<KoreanCoordinates>> create();
  ~KoreanCoordinates();
  KoreanCoordinates(const KoreanCoordinates&) = delete;
  KoreanCoordinates& operator=(const KoreanCoordinates&) = delete;

  // x = easting, y = northing in metres. Fails for points PROJ cannot transform or that fall
  // outside the Korean peninsula's surroundings (33..44 N, 124..132 E).
  Result<GeoPoint> toWgs84(double x, double y) const;

 private:
  struct Proj;
  explicit KoreanCoordinates(std::unique_ptr<Proj> proj);
  std::unique_ptr<Proj> proj_;
};

}  // namespace walness::clinics
