// HistoryStore: the vet's confirmations (schema 3).
#include <QUuid>

#include <set>

#include "walness/Diseases.h"
#include "walness/history/HistoryStore.h"
#include "walness/history/SqlSupport.h"

namespace walness::history {

using namespace sql;

namespace {

Status checkConfirmation(const Confirmation& confirmation) {
  if (confirmation.confirmedBy.empty())
    return Error{"a confirmation needs the name of who examined the pet", ErrorKind::BadInput};
  std::set<std::string> seen;
  for (const ConfirmedFinding& finding : confirmation.findings) {
    if (!findDisease(finding.disease))
      return Error{"a confirmation names an unknown disease '" + finding.disease + "'",
                   ErrorKind::BadInput};
    if (!seen.insert(finding.disease).second)
      return Error{"a confirmation names '" + finding.disease + "' twice", ErrorKind::BadInput};
  }
  return Ok{};
}

}  // namespace

Result<Confirmation> HistoryStore::confirm(int64_t diagnosisId, const Confirmation& confirmation) {
  if (auto checked = checkConfirmation(confirmation); !checked) return checked.error();
  Confirmation named = confirmation;
  if (named.uid.empty())
    named.uid = QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
  return retrying<Confirmation>([&] { return insertConfirmation(diagnosisId, named); });
}

Result<Confirmation> HistoryStore::insertConfirmation(int64_t diagnosisId,
                                                      const Confirmation& confirmation) {
  QSqlDatabase db = QSqlDatabase::database(connection_);
  Transaction transaction(db, postgres());
  if (auto started = transaction.started(); !started) return started.error();
  QSqlQuery query(db);
  if (postgres()) {
    // Two computers answering the same check at once: the second waits for the first, then
    // numbers its revision after it (SQLite's write lock already orders them).
    query.prepare(QStringLiteral("SELECT id FROM diagnoses WHERE id = ? FOR UPDATE"));
    query.addBindValue(qint64(diagnosisId));
    if (!query.exec()) return Error{sqlError(query.lastError())};
    query.finish();
  }
  query.prepare(QStringLiteral("SELECT id, revision FROM confirmations WHERE uid = ?"));
  query.addBindValue(qs(confirmation.uid));
  if (!query.exec()) return Error{sqlError(query.lastError())};
  if (query.next()) {
    // Stored by an earlier attempt whose answer was lost.
    Confirmation stored = confirmation;
    stored.id = query.value(0).toLongLong();
    stored.revision = query.value(1).toInt();
    stored.diagnosisId = diagnosisId;
    query.finish();
    transaction.rollback();
    return stored;
  }
  query.finish();
  query.prepare(QStringLiteral(
      "SELECT (SELECT count(*) FROM diagnoses WHERE id = ? AND deleted_at IS NULL), "
      "(SELECT coalesce(max(revision), 0) FROM confirmations WHERE diagnosis_id = ?)"));
  query.addBindValue(qint64(diagnosisId));
  query.addBindValue(qint64(diagnosisId));
  if (!query.exec() || !query.next()) return Error{sqlError(query.lastError())};
  if (query.value(0).toInt() != 1) {
    query.finish();
    transaction.rollback();
    return Error{"history: no diagnosis " + std::to_string(diagnosisId), ErrorKind::NotFound};
  }
  Confirmation stored = confirmation;
  stored.diagnosisId = diagnosisId;
  stored.revision = query.value(1).toInt() + 1;
  if (stored.confirmedAt.empty()) stored.confirmedAt = nowIso().toStdString();
  query.finish();

  query.prepare(QStringLiteral(
      "INSERT INTO confirmations (diagnosis_id, revision, confirmed_by, confirmed_at, note, uid) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id"));
  query.addBindValue(qint64(diagnosisId));
  query.addBindValue(stored.revision);
  query.addBindValue(qs(stored.confirmedBy));
  query.addBindValue(qs(stored.confirmedAt));
  query.addBindValue(qs(stored.note));
  query.addBindValue(qs(stored.uid));
  if (!query.exec() || !query.next()) {
    const std::string error = sqlError(query.lastError());
    query.finish();
    transaction.rollback();
    return Error{error};
  }
  stored.id = query.value(0).toLongLong();
  query.finish();
  for (const ConfirmedFinding& finding : stored.findings) {
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral(
        "INSERT INTO confirmed_findings (confirmation_id, disease, status, grade) VALUES (?, ?, "
        "?, ?)"));
    insert.addBindValue(qint64(stored.id));
    insert.addBindValue(qs(finding.disease));
    insert.addBindValue(qs(std::string(findingStatusId(finding.status))));
    insert.addBindValue(qs(finding.grade));
    if (!insert.exec()) {
      const std::string error = sqlError(insert.lastError());
      insert.finish();
      transaction.rollback();
      return Error{error};
    }
  }
  if (auto committed = transaction.commit(); !committed) return committed.error();
  return stored;
}

Result<std::vector<Confirmation>> HistoryStore::confirmationRevisions(int64_t diagnosisId) const {
  QSqlDatabase db = QSqlDatabase::database(connection_);
  QSqlQuery query(db);
  query.prepare(QStringLiteral(
      "SELECT id, revision, confirmed_by, confirmed_at, note, uid FROM confirmations WHERE "
      "diagnosis_id = ? ORDER BY revision"));
  query.addBindValue(qint64(diagnosisId));
  if (!query.exec()) return Error{sqlError(query.lastError())};
  std::vector<Confirmation> revisions;
  while (query.next()) {
    Confirmation confirmation;
    confirmation.id = query.value(0).toLongLong();
    confirmation.diagnosisId = diagnosisId;
    confirmation.revision = query.value(1).toInt();
    confirmation.confirmedBy = query.value(2).toString().toStdString();
    confirmation.confirmedAt = query.value(3).toString().toStdString();
    confirmation.note = query.value(4).toString().toStdString();
    confirmation.uid = query.value(5).toString().toStdString();
    revisions.push_back(std::move(confirmation));
  }
  for (Confirmation& confirmation : revisions) {
    QSqlQuery findings(db);
    findings.prepare(QStringLiteral(
        "SELECT disease, status, grade FROM confirmed_findings WHERE confirmation_id = ? ORDER "
        "BY disease"));
    findings.addBindValue(qint64(confirmation.id));
    if (!findings.exec()) return Error{sqlError(findings.lastError())};
    while (findings.next()) {
      ConfirmedFinding finding;
      finding.disease = findings.value(0).toString().toStdString();
      const auto status = findingStatusFromId(findings.value(1).toString().toStdString());
      if (!status)
        return Error{"history: confirmation " + std::to_string(confirmation.id) +
                     " has an unknown status '" + findings.value(1).toString().toStdString() + "'"};
      finding.status = *status;
      finding.grade = findings.value(2).toString().toStdString();
      confirmation.findings.push_back(std::move(finding));
    }
  }
  return revisions;
}

Result<std::optional<Confirmation>> HistoryStore::confirmation(int64_t diagnosisId) const {
  auto revisions = confirmationRevisions(diagnosisId);
  if (!revisions) return revisions.error();
  if (revisions->empty()) return std::optional<Confirmation>();
  return std::optional<Confirmation>(std::move(revisions->back()));
}

Result<std::set<int64_t>> HistoryStore::confirmedDiagnoses(int64_t petId) const {
  QSqlQuery query(QSqlDatabase::database(connection_));
  query.prepare(QStringLiteral(
      "SELECT DISTINCT d.id FROM diagnoses d JOIN confirmations c ON c.diagnosis_id = d.id "
      "WHERE d.pet_id = ?"));
  query.addBindValue(qint64(petId));
  if (!query.exec()) return Error{sqlError(query.lastError())};
  std::set<int64_t> ids;
  while (query.next()) ids.insert(query.value(0).toLongLong());
  return ids;
}

Result<std::vector<ConfirmedCheck>> HistoryStore::confirmedChecks(
    std::optional<Species> species) const {
  QSqlQuery query(QSqlDatabase::database(connection_));
  query.prepare(QStringLiteral(
      "SELECT DISTINCT d.id, p.id, p.name, p.species, d.taken_at FROM diagnoses d JOIN pets p ON "
      "p.id = d.pet_id JOIN confirmations c ON c.diagnosis_id = d.id WHERE d.deleted_at IS NULL "
      "AND p.deleted_at IS NULL ORDER BY d.taken_at, d.id"));
  if (!query.exec()) return Error{sqlError(query.lastError())};
  std::vector<ConfirmedCheck> checks;
  while (query.next()) {
    const auto petSpecies = speciesFromId(query.value(3).toString().toStdString());
    if (!petSpecies || (species && *petSpecies != *species)) continue;
    ConfirmedCheck check;
    check.record.id = query.value(0).toLongLong();
    check.petId = query.value(1).toLongLong();
    check.petName = query.value(2).toString().toStdString();
    check.species = *petSpecies;
    checks.push_back(std::move(check));
  }
  for (ConfirmedCheck& check : checks) {
    auto record = diagnosis(check.record.id);
    if (!record) return record.error();
    check.record = std::move(*record);
    auto answer = confirmation(check.record.id);
    if (!answer) return answer.error();
    check.confirmation = std::move(**answer);
  }
  return checks;
}

}  // namespace walness::history
