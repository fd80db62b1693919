#pragma once

// Helpers shared by the HistoryStore's source files (not part of its interface).

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <optional>
#include <string>

#include "walness/Result.h"

namespace walness::history::sql {

inline QString nowIso() {
  return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

inline std::string sqlError(const QSqlError& error) {
  return "history: " + error.text().toStdString();
}

inline QString qs(const std::string& text) {
  return QString::fromStdString(text);
}

inline QVariant nullable(const std::optional<int>& value) {
  return value ? QVariant(*value) : QVariant(QMetaType(QMetaType::Int));
}

// A write transaction. SQLite's starts IMMEDIATE so that two writers queue on the busy timeout
// instead of failing when a read lock would need upgrading.
class Transaction {
 public:
  Transaction(QSqlDatabase db, bool postgres) : db_(std::move(db)) {
    ok_ = postgres ? db_.transaction() : QSqlQuery(db_).exec(QStringLiteral("BEGIN IMMEDIATE"));
  }
  ~Transaction() {
    if (ok_ && !finished_) QSqlQuery(db_).exec(QStringLiteral("ROLLBACK"));
  }
  Status started() const { return ok_ ? Status(Ok{}) : Status(Error{sqlError(db_.lastError())}); }
  // Before the statements of a failed transaction are freed (PostgreSQL refuses that otherwise).
  void rollback() {
    if (ok_ && !finished_) QSqlQuery(db_).exec(QStringLiteral("ROLLBACK"));
    finished_ = true;
  }
  Status commit() {
    finished_ = true;
    QSqlQuery query(db_);
    if (!query.exec(QStringLiteral("COMMIT"))) return Error{sqlError(query.lastError())};
    return Ok{};
  }

 private:
  QSqlDatabase db_;
  bool ok_ = false;
  bool finished_ = false;
};

}  // namespace walness::history::sql
