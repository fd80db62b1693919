#pragma once

#include <QString>

#include <cstdint>

#include "walness/Result.h"

namespace walness::history {

class HistoryStore;

// A pet and its diagnoses as a folder another Walness can import: pet.json (format
// "walness-pet", versions in PetManifest.h) with photos/ and heatmaps/ beside it, files named by
// content hash. The checks of one visit (both eyes of one photo) import as one visit.

// Writes the pet into `folder` (created; must be empty if it exists).
Status exportPet(const HistoryStore& store, int64_t petId, const QString& folder);

// Reads a folder written by exportPet and adds it as a new pet. Everything is checked first
// (JSON, every diagnosis, every photo against its hash): a damaged archive adds nothing.
Result<int64_t> importPet(HistoryStore& store, const QString& folder);

}  // namespace walness::history
