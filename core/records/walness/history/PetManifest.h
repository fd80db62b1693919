#pragma once

#include <QByteArray>
#include <QString>

#include <vector>

#include "walness/Result.h"
#include "walness/history/Confirmation.h"
#include "walness/history/DiagnosisRecord.h"
#include "walness/history/Pet.h"

namespace walness::history {

// pet.json of an exported pet (format "walness-pet"): 2 added the vet's confirmations, 3 each
// check's visit_uid and eye_side (both eyes of one photo saved as one visit). Older versions read
// as checks on their own.
inline constexpr int kPetArchiveVersion = 3;

// What pet.json says, checked field by field; the files it names are not read here (their names
// are checked where they are read, see importPet).
struct PetManifest {
  Pet pet;
  std::vector<NewDiagnosis> entries;               // without photo and heatmap bytes or checkUid
  std::vector<QString> photoFiles;                 // per entry, as written in pet.json
  std::vector<QString> heatmapFiles;               // per entry; empty when none
  std::vector<std::vector<Confirmation>> answers;  // per entry, oldest revision first
};

// Parses pet.json. Any bytes give a manifest or an error naming what is wrong (fuzzed).
Result<PetManifest> parsePetManifest(const QByteArray& json);

}  // namespace walness::history
