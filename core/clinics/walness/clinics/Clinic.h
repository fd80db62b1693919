#pragma once

#include <optional>
#include <string>

namespace walness::clinics {

enum class ClinicSource { OpenStreetMap, GooglePlaces, LocalData };
enum class OpenState { Open, Closed, Unknown };

// A veterinary clinic as any source reports it; fields a source does not know stay empty.
struct Clinic {
  std::string id;  // unique within its source, e.g. "google:ChIJ..." or "osm:node/123"
  std::string name;
  double latitude = 0;
  double longitude = 0;
  std::string address;
  std::string phone;
  std::string website;
  std::optional<double> rating;  // 0..5
  int ratingCount = 0;
  std::string openingHours;  // as the source states them (OSM syntax for OpenStreetMap)
  OpenState openNow = OpenState::Unknown;
  bool emergency = false;      // emergency service or open 24 hours
  std::string businessStatus;  // e.g. "OPERATIONAL", "CLOSED_TEMPORARILY"
  ClinicSource source = ClinicSource::OpenStreetMap;
  std::string attribution;  // shown whenever this clinic is
  std::string savedAt;      // when the local store last saved it (UTC, "YYYY-MM-DD HH:MM:SS")
};

}  // namespace walness::clinics
