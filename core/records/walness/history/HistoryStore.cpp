#include "walness/history/HistoryStore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <cmath>
#include <set>
#include <thread>

#include "walness/history/PhotoStore.h"
#include "walness/history/SqlSupport.h"
#include "walness/inference/DiagnosisJson.h"

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
};

const char* kDiagnosisColumns =
    "id, pet_id, photo_hash, region_x, region_y, region_width, region_height, result_json, "
    "cam_method, cam_disease, cam_hash, notes, taken_at, check_uid";

Pet petFrom(const QSqlQuery& query) {
  Pet pet;
  pet.id = query.value(0).toLongLong();
  pet.name = query.value(1).toString().toStdString();
  pet.species = speciesFromId(query.value(2).toString().toStdString()).value_or(Species::Dog);
  pet.breed = query.value(3).toString().toStdString();
  if (!query.value(4).isNull()) pet.birthYear = query.value(4).toInt();
  pet.notes = query.value(5).toString().toStdString();
  pet.createdAt = query.value(6).toString().toStdString();
  return pet;
}

Result<DiagnosisRecord> recordFrom(const QSqlQuery& query) {
  DiagnosisRecord record;
  record.id = query.value(0).toLongLong();
  record.petId = query.value(1).toLongLong();
  record.photoHash = query.value(2).toString().toStdString();
  record.region = cv::Rect(query.value(3).toInt(), query.value(4).toInt(), query.value(5).toInt(),
                           query.value(6).toInt());
  auto diagnosis = inference::diagnosisFromJson(
      QJsonDocument::fromJson(query.value(7).toString().toUtf8()).object());
  if (!diagnosis)
    return Error{"history: diagnosis " + std::to_string(record.id) + ": " + diagnosis.message()};
  record.diagnosis = std::move(*diagnosis);
  record.camMethod = query.value(8).toString().toStdString();
  record.camDisease = query.value(9).toString().toStdString();
  record.camHash = query.value(10).toString().toStdString();
  record.notes = query.value(11).toString().toStdString();
  record.takenAt = query.value(12).toString().toStdString();
  record.checkUid = query.value(13).toString().toStdString();
  // Another computer may have written this row: a photo is named only by a content hash.
  if (!PhotoStore::isContentHash(record.photoHash) ||
      (!record.camHash.empty() && !PhotoStore::isContentHash(record.camHash)))
    return Error{"history: check " + std::to_string(record.id) +
                 " names its photo by something that is not a content hash; it was not "
                 "written by Walness and is not used"};
  return record;
}

}  // namespace

HistoryStore::HistoryStore(StoreLocation location, QString connection)
    : location_(std::move(location)), connection_(std::move(connection)) {
}

HistoryStore::~HistoryStore() {
  QSqlDatabase::database(connection_, false).close();
  QSqlDatabase::removeDatabase(connection_);
}

Result<std::unique_ptr<HistoryStore>> HistoryStore::open(const StoreLocation& location) {
  const QString name =
      QStringLiteral("walness-history-") + QUuid::createUuid().toString(QUuid::Id128);
  std::unique_ptr<HistoryStore> store(new HistoryStore(location, name));
  const bool postgres = location.kind == StoreLocation::Kind::Postgres;
  const QString driver = postgres ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE");
  if (!QSqlDatabase::isDriverAvailable(driver))
    return Error{
        "history: the Qt SQL driver " + driver.toStdString() +
        " is not installed (Debian: " + (postgres ? "libqt6sql6-psql" : "libqt6sql6-sqlite") + ")"};
  QSqlDatabase db = QSqlDatabase::addDatabase(driver, name);
  if (postgres) {
    db.setHostName(location.host);
    db.setPort(location.port);
    db.setDatabaseName(location.database);
    db.setUserName(location.user);
    db.setPassword(location.password);
    db.setConnectOptions(QStringLiteral("connect_timeout=5;sslmode=") +
                         (StoreLocation::sslModes().contains(location.sslMode)
                              ? location.sslMode
                              : QStringLiteral("prefer")));
  } else {
    if (!QDir().mkpath(location.directory))
      return Error{"history: cannot create the folder " + location.directory.toStdString()};
    db.setDatabaseName(QDir(location.directory).filePath(QStringLiteral("history.sqlite")));
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=15000"));
  }
  if (!db.open())
    return Error{"history: cannot open " + location.describe().toStdString() + " (" +
                 db.lastError().text().toStdString() + ")"};
  if (auto configured = store->configureConnection(); !configured) return configured.error();
  if (auto migrated = store->migrate(); !migrated) return migrated.error();
  return store;
}

Status HistoryStore::configureConnection() {
  QSqlDatabase db = QSqlDatabase::database(connection_, false);
  QSqlQuery query(db);
  if (postgres()) {
    query.exec(QStringLiteral("SET client_min_messages = warning"));
    return Ok{};
  }
  // WAL lets readers and a writer work at once; FULL sync makes each commit survive power loss.
  if (!query.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !query.next() ||
      query.value(0).toString() != QLatin1String("wal"))
    return Error{"history: " + location_.directory.toStdString() +
                 " does not support SQLite's write-ahead log"};
  query.exec(QStringLiteral("PRAGMA synchronous=FULL"));
  query.exec(QStringLiteral("PRAGMA foreign_keys=ON"));
  return Ok{};
}

HistoryStore::Link HistoryStore::link() {
  QSqlDatabase db = QSqlDatabase::database(connection_, false);
  const auto canWrite = [&] {
    if (!db.isOpen()) return false;
    QSqlQuery query(db);
    if (postgres()) return query.exec(QStringLiteral("SELECT 1"));
    // SQLite: the write lock can be taken, and the photo folder takes files.
    if (!query.exec(QStringLiteral("BEGIN IMMEDIATE"))) return false;
    query.exec(QStringLiteral("ROLLBACK"));
    const QFileInfo photos(location_.directory + QStringLiteral("/photos"));
    return !photos.exists() || (photos.isDir() && photos.isWritable());
  };
  if (canWrite()) return Link::Fine;
  // A connection the server dropped (a restart) stays broken: open a new one.
  db.close();
  return db.open() && configureConnection() && canWrite() ? Link::Restored : Link::Down;
}

template <class T>
Result<T> HistoryStore::retrying(const std::function<Result<T>()>& attempt) {
  QElapsedTimer clock;
  clock.start();
  std::chrono::milliseconds delay{250};
  bool retriedAfterReconnect = false;
  for (int attempts = 1;; ++attempts) {
    Result<T> result = attempt();
    if (result) return result;
    const Link state = link();
    // Connected and writable, yet refused: a real refusal (no such pet), not to be retried.
    if (state == Link::Fine) return result;
    const std::chrono::milliseconds spent{clock.elapsed()};
    // Reconnected: try again at once (past the window, once).
    if (state == Link::Restored && (spent < retryWindow_ || !retriedAfterReconnect)) {
      retriedAfterReconnect = spent >= retryWindow_;
      continue;
    }
    if (spent >= retryWindow_)
      return Error{
          result.message() + " (" + location_.describe().toStdString() + " could not be written" +
          (attempts == 1
               ? std::string()
               : "; tried " + std::to_string(attempts) + " times over " +
                     std::to_string(int(std::lround(double(spent.count()) / 1000.0))) + " s") +
          ")"};
    std::this_thread::sleep_for(std::min(delay, retryWindow_ - spent));
    delay = std::min(delay * 2, std::chrono::milliseconds{4000});
  }
}

template Result<Confirmation> HistoryStore::retrying<Confirmation>(
    const std::function<Result<Confirmation>()>&);

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

Result<int64_t> HistoryStore::addPet(const Pet& pet) {
  if (pet.name.empty()) return Error{"a pet needs a name"};
  QSqlDatabase db = QSqlDatabase::database(connection_);
  QSqlQuery query(db);
  query.prepare(QStringLiteral(
      "INSERT INTO pets (name, species, breed, birth_year, notes, created_at) VALUES (?, ?, ?, "
      "?, ?, ?) RETURNING id"));
  query.addBindValue(qs(pet.name));
  query.addBindValue(qs(std::string(speciesId(pet.species))));
  query.addBindValue(qs(pet.breed));
  query.addBindValue(nullable(pet.birthYear));
  query.addBindValue(qs(pet.notes));
  query.addBindValue(pet.createdAt.empty() ? nowIso() : qs(pet.createdAt));
  if (!query.exec() || !query.next()) return Error{sqlError(query.lastError())};
  return int64_t(query.value(0).toLongLong());
}

Status HistoryStore::updatePet(const Pet& pet) {
  if (pet.name.empty()) return Error{"a pet needs a name"};
  QSqlQuery query(QSqlDatabase::database(connection_));
  query.prepare(QStringLiteral(
      "UPDATE pets SET name = ?, species = ?, breed = ?, birth_year = ?, notes = ? WHERE id = ?"));
  query.addBindValue(qs(pet.name));
  query.addBindValue(qs(std::string(speciesId(pet.species))));
  query.addBindValue(qs(pet.breed));
  query.addBindValue(nullable(pet.birthYear));
  query.addBindValue(qs(pet.notes));
  query.addBindValue(qint64(pet.id));
  if (!query.exec()) return Error{sqlError(query.lastError())};
  if (query.numRowsAffected() != 1) return Error{"history: no pet " + std::to_string(pet.id)};
  return Ok{};
}

Result<std::vector<Pet>> HistoryStore::pets() const {
  QSqlQuery query(QSqlDatabase::database(connection_));
  if (!query.exec(QStringLiteral(
          "SELECT id, name, species, breed, birth_year, notes, created_at FROM pets WHERE "
          "deleted_at IS NULL ORDER BY lower(name), id")))
    return Error{sqlError(query.lastError())};
  std::vector<Pet> pets;
  while (query.next()) pets.push_back(petFrom(query));
  return pets;
}

Result<Pet> HistoryStore::pet(int64_t id) const {
  QSqlQuery query(QSqlDatabase::database(connection_));
  query.prepare(QStringLiteral(
      "SELECT id, name, species, breed, birth_year, notes, created_at FROM pets WHERE id = ?"));
  query.addBindValue(qint64(id));
  if (!query.exec()) return Error{sqlError(query.lastError())};
  if (!query.next()) return Error{"history: no pet " + std::to_string(id)};
  return petFrom(query);
}

Result<std::optional<Pet>> HistoryStore::findPet(const std::string& name, Species species) const {
  QSqlQuery query(QSqlDatabase::database(connection_));
  query.prepare(QStringLiteral(
      "SELECT id, name, species, breed, birth_year, notes, created_at FROM pets WHERE "
      "deleted_at IS NULL AND name = ? AND species = ? ORDER BY id LIMIT 1"));
  query.addBindValue(qs(name));
  query.addBindValue(qs(std::string(speciesId(species))));
  if (!query.exec()) return Error{sqlError(query.lastError())};
  if (!query.next()) return std::optional<Pet>();
  return std::optional<Pet>(petFrom(query));
}

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

PhotoStore HistoryStore::photoFiles() const {
  return PhotoStore(location_.directory + QStringLiteral("/photos"));
}

Result<std::string> HistoryStore::putBlob(const QByteArray& bytes) {
  if (!postgres()) return photoFiles().put(bytes);
  const std::string hash = PhotoStore::contentHash(bytes);
  QSqlQuery query(QSqlDatabase::database(connection_));
  query.prepare(QStringLiteral(
      "INSERT INTO photos (hash, bytes) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING"));
  query.addBindValue(qs(hash));
  query.addBindValue(bytes);
  if (!query.exec()) return Error{sqlError(query.lastError())};
  return hash;
}

Result<QByteArray> HistoryStore::photo(const std::string& hash) const {
  if (!PhotoStore::isContentHash(hash))
    return Error{"history: '" + hash.substr(0, 80) + "' is not a photo's content hash"};
  if (!postgres()) return photoFiles().get(hash);
  QSqlQuery query(QSqlDatabase::database(connection_));
  query.prepare(QStringLiteral("SELECT bytes FROM photos WHERE hash = ?"));
  query.addBindValue(qs(hash));
  if (!query.exec()) return Error{sqlError(query.lastError())};
  if (!query.next()) return Error{"history: the photo " + hash.substr(0, 12) + " is missing"};
  return query.value(0).toByteArray();
}

Result<int64_t> HistoryStore::addDiagnosis(const NewDiagnosis& entry) {
  if (entry.photo.isEmpty()) return Error{"history: a diagnosis needs its photo"};
  if (entry.region.width <= 0 || entry.region.height <= 0)
    return Error{"history: a diagnosis needs the eye region the model saw"};
  // Timelines sort by this text: only one spelling of a time (UTC, ISO 8601) may go in.
  const QDateTime takenAt = entry.takenAt.empty()
                                ? QDateTime::currentDateTimeUtc()
                                : QDateTime::fromString(qs(entry.takenAt), Qt::ISODateWithMs);
  if (!takenAt.isValid())
    return Error{"history: '" + entry.takenAt + "' is not a date and time (ISO 8601)"};
  NewDiagnosis named = entry;
  if (named.checkUid.empty())
    named.checkUid = QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
  const QString when = takenAt.toUTC().toString(Qt::ISODateWithMs);
  return retrying<int64_t>([&] { return insertDiagnosis(named, when); });
}

Result<int64_t> HistoryStore::insertDiagnosis(const NewDiagnosis& entry, const QString& takenAt) {
  QSqlDatabase db = QSqlDatabase::database(connection_);
  Transaction transaction(db, postgres());
  if (auto started = transaction.started(); !started) return started.error();
  {
    // Stored by an earlier attempt whose answer was lost: that one counts.
    QSqlQuery earlier(db);
    earlier.prepare(QStringLiteral("SELECT id FROM diagnoses WHERE check_uid = ?"));
    earlier.addBindValue(qs(entry.checkUid));
    if (!earlier.exec()) return Error{sqlError(earlier.lastError())};
    if (earlier.next()) {
      const int64_t id = earlier.value(0).toLongLong();
      earlier.finish();
      transaction.rollback();
      return id;
    }
  }
  auto photoHash = putBlob(entry.photo);
  if (!photoHash) return photoHash.error();
  std::string camHash;
  if (!entry.camPng.isEmpty()) {
    auto stored = putBlob(entry.camPng);
    if (!stored) return stored.error();
    camHash = *stored;
  }
  const inference::Diagnosis& diagnosis = entry.diagnosis;
  QSqlQuery insert(db);
  insert.prepare(QStringLiteral(
      "INSERT INTO diagnoses (pet_id, photo_hash, region_x, region_y, region_width, "
      "region_height, model_id, model_version, species, abstained, result_json, cam_method, "
      "cam_disease, cam_hash, notes, taken_at, check_uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
      "?, ?, ?, ?, ?, ?) RETURNING id"));
  for (const QVariant& value :
       {QVariant(qint64(entry.petId)), QVariant(qs(*photoHash)), QVariant(entry.region.x),
        QVariant(entry.region.y), QVariant(entry.region.width), QVariant(entry.region.height),
        QVariant(qs(diagnosis.modelId)), QVariant(qs(diagnosis.modelVersion)),
        QVariant(qs(std::string(speciesId(diagnosis.species)))),
        diagnosis.abstention ? QVariant(qs(inference::abstentionId(*diagnosis.abstention)))
                             : QVariant(QMetaType(QMetaType::QString)),
        QVariant(QString::fromUtf8(
            QJsonDocument(inference::diagnosisToJson(diagnosis)).toJson(QJsonDocument::Compact))),
        QVariant(qs(entry.camMethod)), QVariant(qs(entry.camDisease)), QVariant(qs(camHash)),
        QVariant(qs(entry.notes)), QVariant(takenAt), QVariant(qs(entry.checkUid))})
    insert.addBindValue(value);
  if (!insert.exec() || !insert.next()) {
    const QString why = insert.lastError().text();
    transaction.rollback();
    return Error{why.contains(QLatin1String("FOREIGN KEY"), Qt::CaseInsensitive) ||
                         why.contains(QLatin1String("foreign key"), Qt::CaseInsensitive)
                     ? "history: no pet " + std::to_string(entry.petId)
                     : sqlError(insert.lastError())};
  }
  const int64_t id = insert.value(0).toLongLong();
  insert.finish();
  QSqlQuery finding(db);
  finding.prepare(QStringLiteral(
      "INSERT INTO findings (diagnosis_id, disease, probability, threshold, positive) VALUES (?, "
      "?, ?, ?, ?)"));
  for (const auto& item : diagnosis.findings) {
    finding.bindValue(0, qint64(id));
    finding.bindValue(1, qs(item.disease));
    finding.bindValue(2, item.probability);
    finding.bindValue(3, item.threshold);
    finding.bindValue(4, item.positive ? 1 : 0);
    if (!finding.exec()) {
      const std::string why = sqlError(finding.lastError());
      transaction.rollback();
      return Error{why};
    }
  }
  if (auto committed = transaction.commit(); !committed) return committed.error();
  return id;
}

Result<std::vector<DiagnosisRecord>> HistoryStore::diagnoses(int64_t petId) const {
  QSqlQuery query(QSqlDatabase::database(connection_));
  query.prepare(QStringLiteral("SELECT %1 FROM diagnoses WHERE pet_id = ? AND deleted_at IS NULL "
                               "ORDER BY taken_at, id")
                    .arg(QLatin1String(kDiagnosisColumns)));
  query.addBindValue(qint64(petId));
  if (!query.exec()) return Error{sqlError(query.lastError())};
  std::vector<DiagnosisRecord> records;
  while (query.next()) {
    auto record = recordFrom(query);
    if (!record) return record.error();
    records.push_back(std::move(*record));
  }
  return records;
}

Result<DiagnosisRecord> HistoryStore::diagnosis(int64_t id) const {
  QSqlQuery query(QSqlDatabase::database(connection_));
  query.prepare(QStringLiteral("SELECT %1 FROM diagnoses WHERE id = ?")
                    .arg(QLatin1String(kDiagnosisColumns)));
  query.addBindValue(qint64(id));
  if (!query.exec()) return Error{sqlError(query.lastError())};
  if (!query.next())
    return Error{"history: no diagnosis " + std::to_string(id), ErrorKind::NotFound};
  return recordFrom(query);
}

Status HistoryStore::updateDiagnosisNotes(int64_t id, const std::string& notes) {
  QSqlQuery query(QSqlDatabase::database(connection_));
  query.prepare(QStringLiteral("UPDATE diagnoses SET notes = ? WHERE id = ?"));
  query.addBindValue(qs(notes));
  query.addBindValue(qint64(id));
  if (!query.exec()) return Error{sqlError(query.lastError())};
  if (query.numRowsAffected() != 1)
    return Error{"history: no diagnosis " + std::to_string(id), ErrorKind::NotFound};
  return Ok{};
}

Result<std::map<std::string, std::vector<ProbabilityPoint>>> HistoryStore::probabilityHistory(
    int64_t petId) const {
  QSqlQuery query(QSqlDatabase::database(connection_));
  query.prepare(QStringLiteral(
      "SELECT d.id, d.taken_at, f.disease, f.probability, f.threshold FROM findings f JOIN "
      "diagnoses d ON d.id = f.diagnosis_id WHERE d.pet_id = ? AND d.deleted_at IS NULL ORDER "
      "BY d.taken_at, d.id"));
  query.addBindValue(qint64(petId));
  if (!query.exec()) return Error{sqlError(query.lastError())};
  std::map<std::string, std::vector<ProbabilityPoint>> series;
  while (query.next())
    series[query.value(2).toString().toStdString()].push_back(
        {query.value(0).toLongLong(), query.value(1).toString().toStdString(),
         query.value(3).toDouble(), query.value(4).toDouble()});
  return series;
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

Result<QString> HistoryStore::integrityCheck() const {
  if (postgres()) return QStringLiteral("ok");
  QSqlQuery query(QSqlDatabase::database(connection_));
  if (!query.exec(QStringLiteral("PRAGMA integrity_check")))
    return Error{sqlError(query.lastError())};
  QStringList lines;
  while (query.next()) lines << query.value(0).toString();
  return lines.join(QLatin1Char('\n'));
}

}  // namespace walness::history
