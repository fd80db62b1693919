// OpenStreetMap opening_hours strings at every weekday and time the first two bytes choose.
#include <cstddef>
#include <cstdint>
#include <string>

#include "walness/clinics/OpeningHours.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const walness::clinics::LocalTime when{1 + data[0] % 7, (data[1] * 6) % 1440};
  const std::string hours(reinterpret_cast<const char*>(data + 2), size - 2);
  (void)walness::clinics::evaluateOpeningHours(hours, when);
  (void)walness::clinics::isAlwaysOpen(hours);
  return 0;
}
