// A LOCALDATA CSV: encodings, quoting, headers, coordinates.
#include <QByteArray>

#include <cstddef>
#include <cstdint>

#include "walness/clinics/KoreanCoordinates.h"
#include "walness/clinics/LocalDataParser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static auto coordinates = walness::clinics::KoreanCoordinates::create();
  if (!coordinates) __builtin_trap();  // PROJ must work for the fuzzer to mean anything
  (void)walness::clinics::parseLocalDataCsv(
      QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)), **coordinates);
  return 0;
}
