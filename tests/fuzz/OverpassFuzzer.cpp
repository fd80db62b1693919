// An Overpass API answer, including the opening_hours it carries.
#include <QByteArray>

#include <cstddef>
#include <cstdint>

#include "walness/clinics/OverpassParser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)walness::clinics::parseOverpass(
      QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)), {3, 10 * 60});
  return 0;
}
