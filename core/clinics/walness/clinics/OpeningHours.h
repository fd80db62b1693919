#pragma once

#include <string>

#include "walness/clinics/Clinic.h"

namespace walness::clinics {

// A moment in the clinic's local time.
struct LocalTime {
  int weekday = 1;  // 1 = Monday ... 7 = Sunday
  int minutes = 0;  // since midnight, 0..1439
};

// This computer's local time now (the clinics searched are near the user).
LocalTime currentLocalTime();

// Evaluates the common OpenStreetMap opening_hours patterns: "24/7"; rules separated by ';' where a
// later rule overrides earlier ones for the days it names; day selectors ("Mo-Fr", "Sa,Su",
// "Mo-Fr,Su"); time spans ("09:00-18:00", "09:00-12:00,13:00-18:00", across midnight "20:00-02:00",
// "-24:00"); "off"/"closed". Anything else, including public-holiday rules ("PH"), gives Unknown
// rather than a guess.
OpenState evaluateOpeningHours(const std::string& openingHours, const LocalTime& when);

// True for "24/7" (after trimming): such a clinic counts as 24 h.
bool isAlwaysOpen(const std::string& openingHours);

}  // namespace walness::clinics
