#pragma once

#include <QByteArray>

#include <vector>

#include "walness/Result.h"
#include "walness/clinics/Clinic.h"
#include "walness/clinics/OpeningHours.h"

namespace walness::clinics {

// The Overpass QL query for veterinary clinics within `radiusMeters` of a point (nodes, and ways
// and relations with their centre), as JSON.
QByteArray overpassVeterinaryQuery(double latitude, double longitude, int radiusMeters);

// Parses an Overpass API JSON answer into clinics. Elements without a location are skipped;
// unnamed clinics get a generic name. `now` (the clinic's local time) decides open-now from
// opening_hours.
Result<std::vector<Clinic>> parseOverpass(const QByteArray& json, const LocalTime& now);

}  // namespace walness::clinics
