// HistoryStore: adding checks, on their own or as the checks of one visit (both eyes of one
// photo), each stored once however often it is retried.
#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "walness/history/HistoryStore.h"
#include "walness/history/SqlSupport.h"

namespace walness::history {

using namespace sql;

namespace {

std::string newUid() {
  return QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
}

// What one check needs before it is sent.
Status checkEntry(const NewDiagnosis& entry) {
  if (entry.photo.isEmpty()) return Error{"history: a diagnosis needs its photo"};
  if (entry.region.width <= 0 || entry.region.height <= 0)
    return Error{"history: a diagnosis needs the eye region the model saw"};
  if (!isKnownEyeSide(entry.eyeSide))
    return Error{"history: '" + entry.eyeSide.substr(0, 40) +
                     "' is not a side of the photo (left_of_photo or right_of_photo); nothing "
                     "was stored",
                 ErrorKind::BadInput};
  return Ok{};
}

// What makes checks one visit: one pet, one time and one visit id; a check id and a side each.
Status checkVisit(const std::vector<NewDiagnosis>& checks) {
  if (checks.empty())
    return Error{"history: a visit needs at least one check", ErrorKind::BadInput};
  if (checks.size() > HistoryStore::kMaxVisitChecks)
    return Error{"history: a visit holds at most " + std::to_string(HistoryStore::kMaxVisitChecks) +
                     " checks, not " + std::to_string(checks.size()) + "; nothing was stored",
                 ErrorKind::BadInput};
  const NewDiagnosis& first = checks.front();
  std::set<std::string> checkUids, sides;
  for (const NewDiagnosis& check : checks) {
    if (auto checked = checkEntry(check); !checked) return checked;
    const auto refused = [](const std::string& why) {
      return Error{"history: " + why + "; nothing was stored", ErrorKind::BadInput};
    };
    if (check.petId != first.petId)
      return refused("the checks of one visit are of one pet, not of pets " +
                     std::to_string(first.petId) + " and " + std::to_string(check.petId));
    if (check.takenAt != first.takenAt)
      return refused("the checks of one visit were taken at one time, not at '" +
                     first.takenAt.substr(0, 40) + "' and '" + check.takenAt.substr(0, 40) + "'");
    if (check.visitUid != first.visitUid)
      return refused("the checks of one visit share one visit id");
    if (!check.checkUid.empty() && !checkUids.insert(check.checkUid).second)
      return refused("two checks of one visit have the same check id " + check.checkUid);
    if (!check.eyeSide.empty() && !sides.insert(check.eyeSide).second)
      return refused("two checks of one visit are both the eye " + check.eyeSide);
  }
  return Ok{};
}

// The one spelling of a time that goes in, since timelines sort by this text: UTC ISO 8601 with
// milliseconds; now when empty.
Result<QString> storedTime(const std::string& takenAt) {
  const QDateTime time = takenAt.empty() ? QDateTime::currentDateTimeUtc()
                                         : QDateTime::fromString(qs(takenAt), Qt::ISODateWithMs);
  if (!time.isValid()) return Error{"history: '" + takenAt + "' is not a date and time (ISO 8601)"};
  return time.toUTC().toString(Qt::ISODateWithMs);
}

// The id of the check stored under `checkUid`, if one is.
Result<std::optional<int64_t>> storedCheckId(const QSqlDatabase& db, const std::string& checkUid) {
  QSqlQuery earlier(db);
  earlier.prepare(QStringLiteral("SELECT id FROM diagnoses WHERE check_uid = ?"));
  earlier.addBindValue(qs(checkUid));
  if (!earlier.exec()) return Error{sqlError(earlier.lastError())};
  if (!earlier.next()) return std::optional<int64_t>();
  return std::optional<int64_t>(earlier.value(0).toLongLong());
}

}  // namespace

Result<int64_t> HistoryStore::addDiagnosis(const NewDiagnosis& entry) {
  auto ids = addVisit({entry});
  if (!ids) return ids.error();
  return ids->front();
}

Result<std::vector<int64_t>> HistoryStore::addVisit(const std::vector<NewDiagnosis>& checks) {
  if (auto checked = checkVisit(checks); !checked) return checked.error();
  auto takenAt = storedTime(checks.front().takenAt);
  if (!takenAt) return takenAt.error();
  // Ids are given before the first attempt, so a retry finds what a lost answer had stored. A
  // check on its own keeps an empty visit id.
  std::string visitUid = checks.front().visitUid;
  if (visitUid.empty() && checks.size() > 1) visitUid = newUid();
  std::vector<NewDiagnosis> named = checks;
  for (NewDiagnosis& check : named) {
    check.visitUid = visitUid;
    if (check.checkUid.empty()) check.checkUid = newUid();
  }
  const QString when = *takenAt;
  return retrying<std::vector<int64_t>>([&] { return insertChecks(named, when); });
}

Result<std::vector<int64_t>> HistoryStore::insertChecks(const std::vector<NewDiagnosis>& checks,
                                                        const QString& takenAt) {
  QSqlDatabase db = QSqlDatabase::database(connection_);
  Transaction transaction(db, postgres());
  if (auto started = transaction.started(); !started) return started.error();
  // Stored by an earlier attempt whose answer was lost: those count. One transaction stores all
  // of a visit or none, so only some of them stored means a check id was used before on its own.
  std::vector<int64_t> ids;
  for (const NewDiagnosis& check : checks) {
    auto earlier = storedCheckId(db, check.checkUid);
    if (!earlier) return earlier.error();
    if (*earlier) ids.push_back(**earlier);
  }
  if (!ids.empty()) {
    transaction.rollback();
    if (ids.size() == checks.size()) return ids;
    return Error{
        "history: some checks of this visit were saved before without the others; "
        "nothing was stored",
        ErrorKind::BadInput};
  }
  for (const NewDiagnosis& check : checks) {
    auto id = insertCheck(transaction, check, takenAt);
    if (!id) return id.error();
    ids.push_back(*id);
  }
  if (auto committed = transaction.commit(); !committed) return committed.error();
  return ids;
}

}  // namespace walness::history
