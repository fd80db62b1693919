// A weights file's header and offsets: JSON, dtypes, shapes, overlapping or out-of-range data.
#include <cstddef>
#include <cstdint>

#include "walness/nn/Safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)walness::nn::parseSafetensors(reinterpret_cast<const char*>(data), size, "fuzz");
  return 0;
}
