#pragma once

#include <QString>
#include <QtGlobal>

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "walness/history/HistoryStore.h"

namespace walness::ui {

// What the History tab asks a HistoryReader for: the pet list when it may have changed, and the
// history of one pet (the first listed when `petId` is not, or is 0).
struct HistoryRequest {
  quint64 serial = 0;  // a newer request supersedes an older one
  history::StoreLocation location;
  bool withPets = false;
  int64_t petId = 0;
};

// What a request found, read off the GUI thread and shown on it.
struct HistoryReading {
  quint64 serial = 0;
  bool withPets = false;
  QString petsError;  // the list (or the store) could not be read; `pets` is empty then
  std::vector<history::Pet> pets;
  int64_t petId = 0;  // the pet whose history follows; 0: none
  QString petError;   // that pet's history could not be read
  history::Pet pet;
  std::vector<history::DiagnosisRecord> records;  // oldest first
  std::set<int64_t> confirmed;                    // the checks a vet has answered
  std::map<std::string, std::vector<history::ProbabilityPoint>> series;
};

// Other work on the store (a write, or a read for a dialog), run by the reader's thread in order
// with the readings and never skipped: `store` is nullptr when it could not be opened, and
// `openError` says why. Returns whether it went well (a failure may be a dropped connection).
using StoreWork = std::function<bool(history::HistoryStore* store, const QString& openError)>;

}  // namespace walness::ui
