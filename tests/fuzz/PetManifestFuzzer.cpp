// An exported pet's pet.json (History > Import): any bytes give a manifest or a clear error.
#include <QByteArray>

#include <cstddef>
#include <cstdint>

#include "walness/history/PetManifest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const QByteArray json(reinterpret_cast<const char*>(data), qsizetype(size));
  auto manifest = walness::history::parsePetManifest(json);
  if (manifest) {
    // One file name per entry, and the entries' regions are never empty.
    if (manifest->photoFiles.size() != manifest->entries.size() ||
        manifest->heatmapFiles.size() != manifest->entries.size() ||
        manifest->answers.size() != manifest->entries.size())
      __builtin_trap();
    for (const auto& entry : manifest->entries)
      if (entry.region.width <= 0 || entry.region.height <= 0) __builtin_trap();
  }
  return 0;
}
