// HistoryStore: the trash: deleting, restoring, and purging for good.
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <set>
#include <string>

#include "walness/history/HistoryStore.h"
#include "walness/history/SqlSupport.h"

namespace walness::history {

using namespace sql;

Status HistoryStore::setDeleted(const char* table, int64_t id, bool deleted) {
  QSqlQuery query(QSqlDatabase::database(connection_));
  query.prepare(
      QStringLiteral("UPDATE %1 SET deleted_at = ? WHERE id = ?").arg(QLatin1String(table)));
  query.addBindValue(deleted ? QVariant(nowIso()) : QVariant(QMetaType(QMetaType::QString)));
  query.addBindValue(qint64(id));
  if (!query.exec()) return Error{sqlError(query.lastError())};
  if (query.numRowsAffected() != 1)
    return Error{"history: no " + std::string(table) + " entry " + std::to_string(id)};
  return Ok{};
}

Status HistoryStore::deletePet(int64_t id) {
  return setDeleted("pets", id, true);
}

Status HistoryStore::restorePet(int64_t id) {
  return setDeleted("pets", id, false);
}

Status HistoryStore::deleteDiagnosis(int64_t id) {
  return setDeleted("diagnoses", id, true);
}

Status HistoryStore::restoreDiagnosis(int64_t id) {
  return setDeleted("diagnoses", id, false);
}

Result<int> HistoryStore::purgeDeleted(const QDateTime& before) {
  QSqlDatabase db = QSqlDatabase::database(connection_);
  const QString cutoff = before.toUTC().toString(Qt::ISODateWithMs);
  std::set<std::string> released;
  int removed = 0;
  {
    Transaction transaction(db, postgres());
    if (auto started = transaction.started(); !started) return started.error();
    QSqlQuery query(db);
    const QString doomed = QStringLiteral(
        "(deleted_at IS NOT NULL AND deleted_at < ?) OR pet_id IN (SELECT id FROM pets WHERE "
        "deleted_at IS NOT NULL AND deleted_at < ?)");
    query.prepare(QStringLiteral("SELECT photo_hash, cam_hash FROM diagnoses WHERE ") + doomed);
    query.addBindValue(cutoff);
    query.addBindValue(cutoff);
    if (!query.exec()) return Error{sqlError(query.lastError())};
    while (query.next())
      for (int column : {0, 1})
        if (!query.value(column).toString().isEmpty())
          released.insert(query.value(column).toString().toStdString());
    query.prepare(QStringLiteral("DELETE FROM diagnoses WHERE ") + doomed);
    query.addBindValue(cutoff);
    query.addBindValue(cutoff);
    if (!query.exec()) return Error{sqlError(query.lastError())};
    removed += query.numRowsAffected();
    query.prepare(
        QStringLiteral("DELETE FROM pets WHERE deleted_at IS NOT NULL AND deleted_at < ?"));
    query.addBindValue(cutoff);
    if (!query.exec()) return Error{sqlError(query.lastError())};
    removed += query.numRowsAffected();
    if (auto committed = transaction.commit(); !committed) return committed.error();
  }
  // Photos go only after the rows that named them are gone, and only if nothing else names them.
  // The check and the removal hold the write lock, so no writer can add the same photo between.
  Transaction release(db, postgres());
  if (auto started = release.started(); !started) return started.error();
  for (const std::string& hash : released) {
    QSqlQuery stillUsed(db);
    stillUsed.prepare(
        QStringLiteral("SELECT count(*) FROM diagnoses WHERE photo_hash = ? OR cam_hash = ?"));
    stillUsed.addBindValue(qs(hash));
    stillUsed.addBindValue(qs(hash));
    if (!stillUsed.exec() || !stillUsed.next()) return Error{sqlError(stillUsed.lastError())};
    if (stillUsed.value(0).toInt() > 0) continue;
    if (postgres()) {
      QSqlQuery remove(db);
      remove.prepare(QStringLiteral("DELETE FROM photos WHERE hash = ?"));
      remove.addBindValue(qs(hash));
      if (!remove.exec()) return Error{sqlError(remove.lastError())};
    } else if (auto gone = photoFiles().remove(hash); !gone) {
      return gone.error();
    }
  }
  if (auto committed = release.commit(); !committed) return committed.error();
  return removed;
}

}  // namespace walness::history
