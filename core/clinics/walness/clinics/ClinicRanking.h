#pragma once

#include <optional>
#include <vector>

#include "walness/clinics/Clinic.h"

namespace walness::clinics {

struct GeoPoint {
  double latitude = 0;
  double longitude = 0;
};

// Great-circle distance in metres (haversine, mean Earth radius 6,371,008.8 m).
double haversineMeters(const GeoPoint& a, const GeoPoint& b);

struct ClinicFilter {
  bool openNowOnly = false;
  bool emergencyOnly = false;
  std::optional<double> minimumRating;
  std::optional<double> maximumDistanceMeters;
};

bool passesFilter(const Clinic& clinic, const ClinicFilter& filter, const GeoPoint& origin);

// Keeps the clinics that pass; distances are measured from `origin`.
std::vector<Clinic> filterClinics(const std::vector<Clinic>& clinics, const ClinicFilter& filter,
                                  const GeoPoint& origin);

// The two orders as comparators (for sorted views): nearest first, equal distances by name; highest
// rating first, ties: more reviews first, then nearer; unrated after rated.
bool nearerFirst(const Clinic& a, const Clinic& b, const GeoPoint& origin);
bool betterRatedFirst(const Clinic& a, const Clinic& b, const GeoPoint& origin);

// Nearest first; equal distances by name, so the order is stable.
std::vector<Clinic> sortByDistance(std::vector<Clinic> clinics, const GeoPoint& origin);

// Highest rating first; ties: more reviews first, then nearer. Unrated clinics come after all rated
// ones (nearest first) and are never dropped.
std::vector<Clinic> sortByRating(std::vector<Clinic> clinics, const GeoPoint& origin);

// One clinic reported by several sources becomes one entry: same place (within 50 m) and a similar
// name. The merged entry keeps every field some source knew, the rating backed by more reviews
// and the union of attributions.
std::vector<Clinic> mergeDuplicates(const std::vector<Clinic>& clinics);

// Names compared without spaces, punctuation, case and generic words ("동물병원", "animal
// hospital").
bool similarClinicNames(const std::string& a, const std::string& b);

}  // namespace walness::clinics
