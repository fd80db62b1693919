#include "walness/clinics/KoreanCoordinates.h"

#include <proj.h>

#include <cmath>

namespace walness::clinics {

struct KoreanCoordinates::Proj {
  PJ_CONTEXT* context = nullptr;
  PJ* transform = nullptr;
  ~Proj() {
    if (transform) proj_destroy(transform);
    if (context) proj_context_destroy(context);
  }
};

KoreanCoordinates::KoreanCoordinates(std::unique_ptr<Proj> proj) : proj_(std::move(proj)) {
}

KoreanCoordinates::~KoreanCoordinates() = default;

Result<std::unique_ptr<KoreanCoordinates>> KoreanCoordinates::create() {
  auto proj = std::make_unique<Proj>();
  proj->context = proj_context_create();
  if (!proj->context) return Error{"PROJ could not start"};
  // Never fetch transformation grids from the network: the conversion works offline.
  proj_context_set_enable_network(proj->context, 0);
  PJ* raw = proj_create_crs_to_crs(proj->context, "EPSG:5174", "EPSG:4326", nullptr);
  if (!raw)
    return Error{std::string("PROJ cannot convert Korean coordinates (EPSG:5174): ") +
                 proj_context_errno_string(proj->context, proj_context_errno(proj->context))};
  // EPSG:4326 is latitude-first; normalising makes the output (longitude, latitude) and the input
  // (easting, northing) regardless of the authority's axis order.
  proj->transform = proj_normalize_for_visualization(proj->context, raw);
  proj_destroy(raw);
  if (!proj->transform) return Error{"PROJ cannot normalise the EPSG:5174 transformation"};
  return std::unique_ptr<KoreanCoordinates>(new KoreanCoordinates(std::move(proj)));
}

Result<GeoPoint> KoreanCoordinates::toWgs84(double x, double y) const {
  if (!std::isfinite(x) || !std::isfinite(y)) return Error{"the coordinates are not numbers"};
  const PJ_COORD result = proj_trans(proj_->transform, PJ_FWD, proj_coord(x, y, 0, 0));
  const double longitude = result.xy.x;
  const double latitude = result.xy.y;
  if (!std::isfinite(latitude) || !std::isfinite(longitude))
    return Error{"PROJ cannot convert the point (" + std::to_string(x) + ", " + std::to_string(y) +
                 ")"};
  if (latitude < 33 || latitude > 44 || longitude < 124 || longitude > 132)
    return Error{"the point (" + std::to_string(x) + ", " + std::to_string(y) +
                 ") lies outside Korea"};
  return GeoPoint{latitude, longitude};
}

}  // namespace walness::clinics
