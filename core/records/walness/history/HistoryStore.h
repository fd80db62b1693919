#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "walness/Result.h"
#include "walness/history/Confirmation.h"
#include "walness/history/DiagnosisRecord.h"
#include "walness/history/Pet.h"
#include "walness/history/PhotoStore.h"
#include "walness/history/StoreLocation.h"

namespace walness::history {

namespace sql {
class Transaction;
}

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
//
// Writes that add something (a check, a vet's answer) survive a lost connection: the store
// reconnects and retries with backoff for up to retryWindow(), and each addition carries an id
// given before its first attempt, so a retry whose first try did commit finds it instead of
// storing it twice.
class HistoryStore {
 public:
  static constexpr int kSchemaVersion = 5;

  static Result<std::unique_ptr<HistoryStore>> open(const StoreLocation& location);
  ~HistoryStore();
  HistoryStore(const HistoryStore&) = delete;
  HistoryStore& operator=(const HistoryStore&) = delete;

  const StoreLocation& location() const { return location_; }

  // How long a write may keep retrying after the database became unreachable (0: one attempt).
  // The default suits a batch; a window waiting on the user's click uses 0 and offers Retry.
  void setRetryWindow(std::chrono::milliseconds window) { retryWindow_ = window; }
  std::chrono::milliseconds retryWindow() const { return retryWindow_; }
  int schemaVersion() const;

  Result<int64_t> addPet(const Pet& pet);
  Status updatePet(const Pet& pet);
  Result<std::vector<Pet>> pets() const;  // by name, without deleted ones
  Result<Pet> pet(int64_t id) const;
  Result<std::optional<Pet>> findPet(const std::string& name, Species species) const;
  Status deletePet(int64_t id);
  Status restorePet(int64_t id);

  // Stores the check once: given the same checkUid again (a retry, a rerun), it returns the id
  // stored the first time. Without a checkUid one is made up before the first attempt.
  Result<int64_t> addDiagnosis(const NewDiagnosis& diagnosis);
  // Stores the checks of one visit (both eyes of one photo) in one transaction: all or none, ids
  // in the order given. They must be 1 to kMaxVisitChecks checks of one pet with one takenAt
  // (now when empty) and one visitUid (made up when empty and there are several), each its own
  // checkUid (made up when empty) and a different eyeSide where one is given. Given the same
  // checkUids again it returns the ids stored the first time, as addDiagnosis does.
  Result<std::vector<int64_t>> addVisit(const std::vector<NewDiagnosis>& checks);
  static constexpr size_t kMaxVisitChecks = 4;
  // The checks of a visit, the eye on the left of the photo first; none when there is no such
  // visit (deleted checks are left out).
  Result<std::vector<DiagnosisRecord>> visit(const std::string& visitUid) const;
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
  Status configureConnection();
  // Whether a write can reach the database now; when not, reconnects (Restored) or is Down.
  enum class Link { Fine, Restored, Down };
  Link link();
  // Runs `attempt` until it succeeds, fails for a reason other than an unreachable database, or
  // retryWindow() has passed (backoff 0.25 s doubling to 4 s).
  template <class T>
  Result<T> retrying(const std::function<Result<T>()>& attempt);
  // One transaction storing `checks` (already checked and named), or finding them stored.
  Result<std::vector<int64_t>> insertChecks(const std::vector<NewDiagnosis>& checks,
                                            const QString& takenAt);
  // One check's rows inside `transaction`; on failure the transaction is rolled back.
  Result<int64_t> insertCheck(sql::Transaction& transaction, const NewDiagnosis& entry,
                              const QString& takenAt);
  Result<Confirmation> insertConfirmation(int64_t diagnosisId, const Confirmation& confirmation);
  Result<std::string> putBlob(const QByteArray& bytes);
  PhotoStore photoFiles() const;  // SQLite: the photos beside the database
  Status setDeleted(const char* table, int64_t id, bool deleted);
  bool postgres() const { return location_.kind == StoreLocation::Kind::Postgres; }

  StoreLocation location_;
  QString connection_;
  std::chrono::milliseconds retryWindow_{30'000};
};

}  // namespace walness::history
