// HistoryStore: the checks (diagnoses) and their photos.
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <string>
#include <vector>

#include "walness/history/HistoryStore.h"
#include "walness/history/SqlSupport.h"
#include "walness/inference/DiagnosisJson.h"

namespace walness::history {

using namespace sql;

namespace {

const char* kDiagnosisColumns =
    "id, pet_id, photo_hash, region_x, region_y, region_width, region_height, result_json, "
    "cam_method, cam_disease, cam_hash, notes, taken_at, check_uid";

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

// The id of the check stored under `checkUid`, if one is.
Result<std::optional<int64_t>> storedCheckId(const QSqlDatabase& db, const std::string& checkUid) {
  QSqlQuery earlier(db);
  earlier.prepare(QStringLiteral("SELECT id FROM diagnoses WHERE check_uid = ?"));
  earlier.addBindValue(qs(checkUid));
  if (!earlier.exec()) return Error{sqlError(earlier.lastError())};
  if (!earlier.next()) return std::optional<int64_t>();
  return std::optional<int64_t>(earlier.value(0).toLongLong());
}

// The findings rows of check `id`; on failure the transaction is rolled back.
Status insertFindings(const QSqlDatabase& db, Transaction& transaction, int64_t id,
                      const std::vector<inference::Finding>& findings) {
  QSqlQuery finding(db);
  finding.prepare(QStringLiteral(
      "INSERT INTO findings (diagnosis_id, disease, probability, threshold, positive) VALUES (?, "
      "?, ?, ?, ?)"));
  for (const auto& item : findings) {
    finding.bindValue(0, qint64(id));
    finding.bindValue(1, qs(item.disease));
    finding.bindValue(2, item.probability);
    finding.bindValue(3, item.threshold);
    finding.bindValue(4, item.positive ? 1 : 0);
    if (!finding.exec()) {
      const std::string why = sqlError(finding.lastError());
      transaction.rollback();  // while the statement lives: PostgreSQL refuses to free it after
      return Error{why};
    }
  }
  return Ok{};
}

}  // namespace

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
  // Stored by an earlier attempt whose answer was lost: that one counts.
  auto earlier = storedCheckId(db, entry.checkUid);
  if (!earlier) return earlier.error();
  if (*earlier) {
    transaction.rollback();
    return **earlier;
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
  if (auto inserted = insertFindings(db, transaction, id, diagnosis.findings); !inserted)
    return inserted.error();
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

}  // namespace walness::history
