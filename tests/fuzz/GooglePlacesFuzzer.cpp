// A Google Places answer as the network delivers it.
#include <QByteArray>

#include <cstddef>
#include <cstdint>

#include "walness/clinics/GooglePlacesParser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)walness::clinics::parseGooglePlaces(
      QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)));
  return 0;
}
