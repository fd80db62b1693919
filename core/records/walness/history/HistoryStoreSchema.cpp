// HistoryStore: the schema, created and migrated forward on open.
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <string>
#include <vector>

#include "walness/history/HistoryStore.h"
#include "walness/history/SqlSupport.h"

namespace walness::history {

using namespace sql;

namespace {

// Any number: it names the lock that serialises schema migrations of one PostgreSQL database.
constexpr qint64 kMigrationLockKey = 7735301;

// One list of statements per schema version. Placeholders cover the two dialects: %ID% an
// auto-numbered primary key, %FK% the column type that refers to one, %REAL% a double, and a
// leading %PG% marks what only PostgreSQL needs (its photos live in the database; SQLite's beside
// it).
const std::vector<std::vector<const char*>> kMigrations = {
    {
        // 1: pets, diagnoses and their findings.
        "CREATE TABLE pets (id %ID%, name TEXT NOT NULL, species TEXT NOT NULL, breed TEXT NOT "
        "NULL DEFAULT '', birth_year INTEGER, notes TEXT NOT NULL DEFAULT '', created_at TEXT NOT "
        "NULL)",
        "CREATE TABLE diagnoses (id %ID%, pet_id %FK% NOT NULL REFERENCES pets(id) ON DELETE "
        "CASCADE, photo_hash TEXT NOT NULL, region_x INTEGER NOT NULL, region_y INTEGER NOT NULL, "
        "region_width INTEGER NOT NULL, region_height INTEGER NOT NULL, model_id TEXT NOT NULL, "
        "model_version TEXT NOT NULL, species TEXT NOT NULL, abstained TEXT, result_json TEXT NOT "
        "NULL, cam_method TEXT NOT NULL DEFAULT '', cam_disease TEXT NOT NULL DEFAULT '', cam_hash "
        "TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '', taken_at TEXT NOT NULL)",
        "CREATE TABLE findings (diagnosis_id %FK% NOT NULL REFERENCES diagnoses(id) ON DELETE "
        "CASCADE, disease TEXT NOT NULL, probability %REAL% NOT NULL, threshold %REAL% NOT NULL, "
        "positive INTEGER NOT NULL, PRIMARY KEY (diagnosis_id, disease))",
        "%PG%CREATE TABLE photos (hash TEXT PRIMARY KEY, bytes BYTEA NOT NULL)",
    },
    {
        // 2: deleting moves to a trash (undo), and a pet's timeline is read by an index.
        "ALTER TABLE pets ADD COLUMN deleted_at TEXT",
        "ALTER TABLE diagnoses ADD COLUMN deleted_at TEXT",
        "CREATE INDEX diagnoses_by_pet ON diagnoses (pet_id, taken_at)",
    },
    {
        // 3: the vet's confirmations. An edit adds a revision; the newest one counts.
        "CREATE TABLE confirmations (id %ID%, diagnosis_id %FK% NOT NULL REFERENCES diagnoses(id) "
        "ON DELETE CASCADE, revision INTEGER NOT NULL, confirmed_by TEXT NOT NULL, confirmed_at "
        "TEXT NOT NULL, note TEXT NOT NULL DEFAULT '', UNIQUE (diagnosis_id, revision))",
        "CREATE TABLE confirmed_findings (confirmation_id %FK% NOT NULL REFERENCES "
        "confirmations(id) ON DELETE CASCADE, disease TEXT NOT NULL, status TEXT NOT NULL, grade "
        "TEXT NOT NULL DEFAULT '', PRIMARY KEY (confirmation_id, disease))",
    },
    {
        // 4: checks and answers carry the id they were given before they were first sent, so a
        // write retried after a lost connection is never stored twice.
        "ALTER TABLE diagnoses ADD COLUMN check_uid TEXT",
        "CREATE UNIQUE INDEX diagnoses_by_check_uid ON diagnoses (check_uid)",
        "ALTER TABLE confirmations ADD COLUMN uid TEXT",
        "CREATE UNIQUE INDEX confirmations_by_uid ON confirmations (uid)",
    },
    {
        // 5: the checks of one visit (both eyes of one photo) share a visit id, and each names
        // the side of the photo its eye is on. Older checks stay visits of one (NULL, '').
        "ALTER TABLE diagnoses ADD COLUMN visit_uid TEXT",
        "ALTER TABLE diagnoses ADD COLUMN eye_side TEXT NOT NULL DEFAULT ''",
        "CREATE INDEX diagnoses_by_visit ON diagnoses (visit_uid)",
    },
};

}  // namespace

int HistoryStore::schemaVersion() const {
  QSqlQuery query(QSqlDatabase::database(connection_));
  const bool read = postgres()
                        ? query.exec(QStringLiteral("SELECT max(version) FROM walness_schema"))
                        : query.exec(QStringLiteral("PRAGMA user_version"));
  return read && query.next() ? query.value(0).toInt() : 0;
}

Status HistoryStore::migrate() {
  QSqlDatabase db = QSqlDatabase::database(connection_);
  Transaction transaction(db, postgres());
  if (auto started = transaction.started(); !started) return started;
  QSqlQuery query(db);
  if (postgres()) {
    // Two computers opening a new database at once: one migrates, the other waits and sees it.
    if (!query.exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kMigrationLockKey)) ||
        !query.exec(
            QStringLiteral("CREATE TABLE IF NOT EXISTS walness_schema (version INTEGER NOT NULL)")))
      return Error{sqlError(query.lastError())};
  }
  const int version = schemaVersion();
  if (version > kSchemaVersion)
    return Error{"history: " + location_.describe().toStdString() + " was written by a newer " +
                 "Walness (schema " + std::to_string(version) + "); update the app"};
  if (version == kSchemaVersion) return transaction.commit();
  for (int step = version; step < kSchemaVersion; ++step) {
    for (const char* statement : kMigrations[size_t(step)]) {
      QString sql = QString::fromLatin1(statement);
      if (sql.startsWith(QLatin1String("%PG%"))) {
        if (!postgres()) continue;
        sql.remove(0, 4);
      }
      sql.replace(QLatin1String("%ID%"), postgres()
                                             ? QLatin1String("BIGINT GENERATED BY DEFAULT AS "
                                                             "IDENTITY PRIMARY KEY")
                                             : QLatin1String("INTEGER PRIMARY KEY AUTOINCREMENT"));
      sql.replace(QLatin1String("%FK%"),
                  postgres() ? QLatin1String("BIGINT") : QLatin1String("INTEGER"));
      sql.replace(QLatin1String("%REAL%"), QLatin1String("DOUBLE PRECISION"));
      if (!query.exec(sql))
        return Error{"history: migrating to schema " + std::to_string(step + 1) +
                     " failed, nothing was changed (" + query.lastError().text().toStdString() +
                     ")"};
    }
  }
  const bool written =
      postgres()
          ? query.exec(QStringLiteral("DELETE FROM walness_schema")) &&
                query.exec(
                    QStringLiteral("INSERT INTO walness_schema VALUES (%1)").arg(kSchemaVersion))
          : query.exec(QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion));
  if (!written) return Error{sqlError(query.lastError())};
  return transaction.commit();
}

}  // namespace walness::history
