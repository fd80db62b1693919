#include "walness/clinics/ClinicRanking.h"

#include <QRegularExpression>
#include <QString>

#include <algorithm>
#include <cmath>

namespace walness::clinics {

namespace {

constexpr double kEarthRadiusMeters = 6371008.8;
constexpr double kSamePlaceMeters = 50.0;

double radians(double degrees) {
  return degrees * M_PI / 180.0;
}

GeoPoint pointOf(const Clinic& clinic) {
  return {clinic.latitude, clinic.longitude};
}

QString normalizedName(const std::string& name) {
  QString text = QString::fromStdString(name).toCaseFolded();
  for (const char* generic :
       {"동물병원", "동물의료센터", "동물메디컬센터", "animal hospital", "animal clinic",
        "veterinary clinic", "veterinary hospital", "vet clinic"})
    text.remove(QString::fromUtf8(generic));
  static const QRegularExpression notWord(QStringLiteral("[^\\p{L}\\p{N}]"));
  text.remove(notWord);
  return text;
}

}  // namespace

double haversineMeters(const GeoPoint& a, const GeoPoint& b) {
  const double dLat = radians(b.latitude - a.latitude);
  const double dLon = radians(b.longitude - a.longitude);
  const double h = std::sin(dLat / 2) * std::sin(dLat / 2) +
                   std::cos(radians(a.latitude)) * std::cos(radians(b.latitude)) *
                       std::sin(dLon / 2) * std::sin(dLon / 2);
  return 2 * kEarthRadiusMeters * std::asin(std::min(1.0, std::sqrt(h)));
}

bool passesFilter(const Clinic& clinic, const ClinicFilter& filter, const GeoPoint& origin) {
  if (filter.openNowOnly && clinic.openNow != OpenState::Open) return false;
  if (filter.emergencyOnly && !clinic.emergency) return false;
  if (filter.minimumRating && (!clinic.rating || *clinic.rating < *filter.minimumRating))
    return false;
  return !filter.maximumDistanceMeters ||
         haversineMeters(origin, pointOf(clinic)) <= *filter.maximumDistanceMeters;
}

std::vector<Clinic> filterClinics(const std::vector<Clinic>& clinics, const ClinicFilter& filter,
                                  const GeoPoint& origin) {
  std::vector<Clinic> kept;
  for (const Clinic& clinic : clinics) {
    if (passesFilter(clinic, filter, origin)) kept.push_back(clinic);
  }
  return kept;
}

bool nearerFirst(const Clinic& a, const Clinic& b, const GeoPoint& origin) {
  const double da = haversineMeters(origin, pointOf(a));
  const double db = haversineMeters(origin, pointOf(b));
  return da != db ? da < db : a.name < b.name;
}

bool betterRatedFirst(const Clinic& a, const Clinic& b, const GeoPoint& origin) {
  if (a.rating.has_value() != b.rating.has_value()) return a.rating.has_value();
  if (a.rating && *a.rating != *b.rating) return *a.rating > *b.rating;
  if (a.ratingCount != b.ratingCount) return a.ratingCount > b.ratingCount;
  return nearerFirst(a, b, origin);
}

std::vector<Clinic> sortByDistance(std::vector<Clinic> clinics, const GeoPoint& origin) {
  std::stable_sort(clinics.begin(), clinics.end(),
                   [&](const Clinic& a, const Clinic& b) { return nearerFirst(a, b, origin); });
  return clinics;
}

std::vector<Clinic> sortByRating(std::vector<Clinic> clinics, const GeoPoint& origin) {
  std::stable_sort(clinics.begin(), clinics.end(), [&](const Clinic& a, const Clinic& b) {
    return betterRatedFirst(a, b, origin);
  });
  return clinics;
}

bool similarClinicNames(const std::string& a, const std::string& b) {
  const QString left = normalizedName(a);
  const QString right = normalizedName(b);
  if (left.isEmpty() || right.isEmpty()) return false;
  return left == right || (left.size() >= 2 && right.contains(left)) ||
         (right.size() >= 2 && left.contains(right));
}

std::vector<Clinic> mergeDuplicates(const std::vector<Clinic>& clinics) {
  std::vector<Clinic> merged;
  for (const Clinic& clinic : clinics) {
    auto same = std::find_if(merged.begin(), merged.end(), [&](const Clinic& existing) {
      return haversineMeters(pointOf(existing), pointOf(clinic)) <= kSamePlaceMeters &&
             similarClinicNames(existing.name, clinic.name);
    });
    if (same == merged.end()) {
      merged.push_back(clinic);
      continue;
    }
    Clinic& into = *same;
    for (auto field : {&Clinic::address, &Clinic::phone, &Clinic::website, &Clinic::openingHours,
                       &Clinic::businessStatus})
      if ((into.*field).empty()) into.*field = clinic.*field;
    if (clinic.rating && (!into.rating || clinic.ratingCount > into.ratingCount)) {
      into.rating = clinic.rating;
      into.ratingCount = clinic.ratingCount;
    }
    if (into.openNow == OpenState::Unknown) into.openNow = clinic.openNow;
    into.emergency = into.emergency || clinic.emergency;
    if (!clinic.attribution.empty() &&
        into.attribution.find(clinic.attribution) == std::string::npos)
      into.attribution += (into.attribution.empty() ? "" : "; ") + clinic.attribution;
  }
  return merged;
}

}  // namespace walness::clinics
