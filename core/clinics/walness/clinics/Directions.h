#pragma once

#include <QUrl>

#include "walness/clinics/Clinic.h"
#include "walness/clinics/ClinicRanking.h"

namespace walness::clinics {

enum class DirectionsService { OpenStreetMap, Kakao, Google };

// A web page with directions from `from` to the clinic, opened in the user's browser. Only what
// the page needs goes into the URL: the two points (and the clinic's name for Kakao's label).
QUrl directionsUrl(DirectionsService service, const GeoPoint& from, const Clinic& clinic);

// "tel:" link for the clinic's phone number (digits and a leading +), empty when it has none.
QUrl phoneUrl(const Clinic& clinic);

}  // namespace walness::clinics
