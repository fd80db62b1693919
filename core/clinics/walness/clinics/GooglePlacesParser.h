#pragma once

#include <QByteArray>

#include <string>
#include <vector>

#include "walness/Result.h"
#include "walness/clinics/Clinic.h"

namespace walness::clinics {

// One page of a Google Places (legacy) Text Search or Nearby Search response.
struct GooglePlacesPage {
  std::vector<Clinic> clinics;
  std::string nextPageToken;  // empty on the last page; usable about 2 s after it is issued
  std::vector<std::string> htmlAttributions;
};

// Parses the JSON; "ZERO_RESULTS" is an empty page, other non-OK statuses (REQUEST_DENIED for a bad
// key, OVER_QUERY_LIMIT, INVALID_REQUEST) are errors with Google's message. Results without a name
// or a location are skipped; permanently closed ones too.
Result<GooglePlacesPage> parseGooglePlaces(const QByteArray& json);

}  // namespace walness::clinics
