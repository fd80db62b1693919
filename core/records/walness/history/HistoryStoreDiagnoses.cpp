// HistoryStore: the checks (diagnoses) and their photos.
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

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
    "cam_method, cam_disease, cam_hash, notes, taken_at, check_uid, visit_uid, eye_side";

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
  record.visitUid = query.value(14).toString().toStdString();
  record.eyeSide = query.value(15).toString().toStdString();
  // Another computer may have written this row: a photo is named only by a content hash.
  if (!PhotoStore::isContentHash(record.photoHash) ||
      (!record.camHash.empty() && !PhotoStore::isContentHash(record.camHash)))
    return Error{"history: check " + std::to_string(record.id) +
                 " names its photo by something that is not a content hash; it was not "
                 "written by Walness and is not used"};
  if (!isKnownEyeSide(record.eyeSide))
    return Error{"history: check " + std::to_string(record.id) +
                 " names a side of the photo Walness does not write; it was not written by "
                 "Walness and is not used"};
  return record;
}

// Every row `query` (already run) gives; the first that cannot be used fails them all.
Result<std::vector<DiagnosisRecord>> recordsFrom(QSqlQuery& query) {
  std::vector<DiagnosisRecord> records;
  while (query.next()) {
    auto record = recordFrom(query);
    if (!record) return record.error();
    records.push_back(std::move(*record));
  }
  return records;
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

Result<int64_t> HistoryStore::insertCheck(Transaction& transaction, const NewDiagnosis& entry,
                                          const QString& takenAt) {
  QSqlDatabase db = QSqlDatabase::database(connection_);
  auto photoHash = putBlob(entry.photo);
  if (!photoHash) {
    transaction.rollback();
    return photoHash.error();
  }
  std::string camHash;
  if (!entry.camPng.isEmpty()) {
    auto stored = putBlob(entry.camPng);
    if (!stored) {
      transaction.rollback();
      return stored.error();
    }
    camHash = *stored;
  }
  const inference::Diagnosis& diagnosis = entry.diagnosis;
  QSqlQuery insert(db);
  insert.prepare(QStringLiteral(
      "INSERT INTO diagnoses (pet_id, photo_hash, region_x, region_y, region_width, "
      "region_height, model_id, model_version, species, abstained, result_json, cam_method, "
      "cam_disease, cam_hash, notes, taken_at, check_uid, visit_uid, eye_side) VALUES (?, ?, ?, "
      "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
  const QVariant noText{QMetaType(QMetaType::QString)};
  for (const QVariant& value :
       {QVariant(qint64(entry.petId)), QVariant(qs(*photoHash)), QVariant(entry.region.x),
        QVariant(entry.region.y), QVariant(entry.region.width), QVariant(entry.region.height),
        QVariant(qs(diagnosis.modelId)), QVariant(qs(diagnosis.modelVersion)),
        QVariant(qs(std::string(speciesId(diagnosis.species)))),
        diagnosis.abstention ? QVariant(qs(inference::abstentionId(*diagnosis.abstention)))
                             : noText,
        QVariant(QString::fromUtf8(
            QJsonDocument(inference::diagnosisToJson(diagnosis)).toJson(QJsonDocument::Compact))),
        QVariant(qs(entry.camMethod)), QVariant(qs(entry.camDisease)), QVariant(qs(camHash)),
        QVariant(qs(entry.notes)), QVariant(takenAt), QVariant(qs(entry.checkUid)),
        entry.visitUid.empty() ? noText : QVariant(qs(entry.visitUid)),
        QVariant(qs(entry.eyeSide))})
    insert.addBindValue(value);
  if (!insert.exec() || !insert.next()) {
    const QString why = insert.lastError().text();
    transaction.rollback();
    return Error{why.contains(QLatin1String("FOREIGN KEY"), Qt::CaseInsensitive)
                     ? "history: no pet " + std::to_string(entry.petId)
                     : sqlError(insert.lastError())};
  }
  const int64_t id = insert.value(0).toLongLong();
  insert.finish();
  if (auto inserted = insertFindings(db, transaction, id, diagnosis.findings); !inserted)
    return inserted.error();
  return id;
}

Result<std::vector<DiagnosisRecord>> HistoryStore::diagnoses(int64_t petId) const {
  QSqlQuery query(QSqlDatabase::database(connection_));
  query.prepare(QStringLiteral("SELECT %1 FROM diagnoses WHERE pet_id = ? AND deleted_at IS NULL "
                               "ORDER BY taken_at, id")
                    .arg(QLatin1String(kDiagnosisColumns)));
  query.addBindValue(qint64(petId));
  if (!query.exec()) return Error{sqlError(query.lastError())};
  return recordsFrom(query);
}

Result<std::vector<DiagnosisRecord>> HistoryStore::visit(const std::string& visitUid) const {
  if (visitUid.empty())
    return Error{"history: a visit is named by its visit id, and none was given",
                 ErrorKind::BadInput};
  QSqlQuery query(QSqlDatabase::database(connection_));
  query.prepare(QStringLiteral("SELECT %1 FROM diagnoses WHERE visit_uid = ? AND deleted_at IS "
                               "NULL ORDER BY CASE eye_side WHEN '%2' THEN 0 WHEN '%3' THEN 1 "
                               "ELSE 2 END, id")
                    .arg(QLatin1String(kDiagnosisColumns), QLatin1String(kLeftOfPhoto),
                         QLatin1String(kRightOfPhoto)));
  query.addBindValue(qs(visitUid));
  if (!query.exec()) return Error{sqlError(query.lastError())};
  return recordsFrom(query);
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
