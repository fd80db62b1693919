#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "Result.h"
#include "history/Confirmation.h"
#include "history/DiagnosisRecord.h"
#include "history/Pet.h"
#include "history/PhotoStore.h"
#include "history/StoreLocation.h"

namespace walness::history {

// A saved check with the vet's newest answer, for the audit and the label export.
struct ConfirmedCheck {
  DiagnosisRecord record;
  Confirmation confirmation;
  int64_t petId = 0;
  std::string petName;
  Species species = Species::Dog;  // the pet's
};

// One point of a disease's probability over time, for the history plot.
struct ProbabilityPoint {
  int64_t diagnosisId = 0;
  std::string takenAt;
  double probability = 0;
  double threshold = 0;
};

// Pets and their diagnoses (Qt SQL: SQLite with WAL and full sync on this computer, or PostgreSQL
// shared by several). Every change is one transaction; foreign keys hold; the schema carries a
// version and is migrated forward on open. Deleting moves to a trash that `restore*` undoes and
// `purgeDeleted` empties. Not thread-safe: open one per thread.
class HistoryStore {
 public:
  static constexpr int kSchemaVersion = 3;

  static Result<std::unique_ptr<HistoryStore>> open(const StoreLocation& location);
  ~HistoryStore();
  HistoryStore(const HistoryStore&) = delete;
  HistoryStore& operator=(const HistoryStore&) = delete;

  const StoreLocation& location() const { return location_; }
  int schemaVersion() const;

  Result<int64_t> addPet(const Pet& pet);
  Status updatePet(const Pet& pet);
  Result<std::vector<Pet>> pets() const;  // by name, without deleted ones
  Result<Pet> pet(int64_t id) const;
  Result<std::optional<Pet>> findPet(const std::string& name, Species species) const;
  Status deletePet(int64_t id);
  Status restorePet(int64_t id);

  Result<int64_t> addDiagnosis(const NewDiagnosis& diagnosis);
  Result<std::vector<DiagnosisRecord>> diagnoses(int64_t petId) const;  // oldest first
  Result<DiagnosisRecord> diagnosis(int64_t id) const;
  Status updateDiagnosisNotes(int64_t id, const std::string& notes);
  Status deleteDiagnosis(int64_t id);
  Status restoreDiagnosis(int64_t id);
  // Each disease's probability over a pet's diagnoses (abstained ones have none), oldest first.
  Result<std::map<std::string, std::vector<ProbabilityPoint>>> probabilityHistory(
      int64_t petId) const;

  // The vet's answers (Confirmation.h). `confirm` checks the answer (who, known disease ids, each
  // once) and stores it as the check's next revision; earlier revisions are kept.
  Result<Confirmation> confirm(int64_t diagnosisId, const Confirmation& confirmation);
  Result<std::optional<Confirmation>> confirmation(int64_t diagnosisId) const;         // the newest
  Result<std::vector<Confirmation>> confirmationRevisions(int64_t diagnosisId) const;  // oldest 1st
  // The ids of a pet's checks that have an answer (for the timeline's mark).
  Result<std::set<int64_t>> confirmedDiagnoses(int64_t petId) const;
  // Every check that has an answer, with the newest one; deleted pets and checks left out.
  Result<std::vector<ConfirmedCheck>> confirmedChecks(std::optional<Species> species = {}) const;

  // Removes for good what was deleted before `before`, and photos nothing refers to any more.
  Result<int> purgeDeleted(const QDateTime& before);

  Result<QByteArray> photo(const std::string& hash) const;

  // SQLite's `PRAGMA integrity_check` ("ok" when sound); "ok" for PostgreSQL, which has none.
  Result<QString> integrityCheck() const;

 private:
  HistoryStore(StoreLocation location, QString connection);
  Status migrate();
  Result<std::string> putBlob(const QByteArray& bytes);
  PhotoStore photoFiles() const;  // SQLite: the photos beside the database
  Status setDeleted(const char* table, int64_t id, bool deleted);
  bool postgres() const { return location_.kind == StoreLocation::Kind::Postgres; }

  StoreLocation location_;
  QString connection_;
};

}  // namespace walness::history
