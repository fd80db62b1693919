#include "history/PetArchive.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "history/HistoryStore.h"
#include "history/PhotoStore.h"
#include "inference/DiagnosisJson.h"
#include "io/AtomicFile.h"

namespace walness::history {

namespace {

constexpr int kArchiveVersion = 2;  // 2: the vet's confirmations (revisions) per diagnosis

QString qs(const std::string& text) {
  return QString::fromStdString(text);
}

// Every revision of the vet's answer to one check, oldest first.
Result<QJsonArray> confirmationsJson(const HistoryStore& store, int64_t diagnosisId) {
  auto revisions = store.confirmationRevisions(diagnosisId);
  if (!revisions) return revisions.error();
  QJsonArray array;
  for (const Confirmation& revision : *revisions) {
    QJsonArray findings;
    for (const ConfirmedFinding& finding : revision.findings)
      findings.append(
          QJsonObject{{QStringLiteral("disease"), qs(finding.disease)},
                      {QStringLiteral("status"), qs(std::string(findingStatusId(finding.status)))},
                      {QStringLiteral("grade"), qs(finding.grade)}});
    array.append(QJsonObject{{QStringLiteral("confirmed_by"), qs(revision.confirmedBy)},
                             {QStringLiteral("confirmed_at"), qs(revision.confirmedAt)},
                             {QStringLiteral("note"), qs(revision.note)},
                             {QStringLiteral("findings"), findings}});
  }
  return array;
}

Result<std::vector<Confirmation>> confirmationsFrom(const QJsonArray& array) {
  std::vector<Confirmation> revisions;
  for (const QJsonValue& value : array) {
    const QJsonObject object = value.toObject();
    Confirmation revision;
    revision.confirmedBy = object.value(QStringLiteral("confirmed_by")).toString().toStdString();
    revision.confirmedAt = object.value(QStringLiteral("confirmed_at")).toString().toStdString();
    revision.note = object.value(QStringLiteral("note")).toString().toStdString();
    for (const QJsonValue& item : object.value(QStringLiteral("findings")).toArray()) {
      const QJsonObject finding = item.toObject();
      const auto status =
          findingStatusFromId(finding.value(QStringLiteral("status")).toString().toStdString());
      if (!status) return Error{"a confirmation has an unknown status"};
      revision.findings.push_back(
          {finding.value(QStringLiteral("disease")).toString().toStdString(), *status,
           finding.value(QStringLiteral("grade")).toString().toStdString()});
    }
    if (revision.confirmedBy.empty() || revision.confirmedAt.empty())
      return Error{"a confirmation has no examiner or date"};
    revisions.push_back(std::move(revision));
  }
  return revisions;
}

// A file extension from the first bytes, so exported photos open with a double click.
QString extensionOf(const QByteArray& bytes) {
  if (bytes.startsWith("\xFF\xD8\xFF")) return QStringLiteral("jpg");
  if (bytes.startsWith("\x89PNG")) return QStringLiteral("png");
  if (bytes.startsWith("RIFF") && bytes.mid(8, 4) == "WEBP") return QStringLiteral("webp");
  if (bytes.mid(4, 4) == "ftyp") return QStringLiteral("heic");
  if (bytes.startsWith("BM")) return QStringLiteral("bmp");
  if (bytes.startsWith("II*") || bytes.startsWith("MM\0*")) return QStringLiteral("tif");
  return QStringLiteral("bin");
}

Result<QByteArray> readChecked(const QDir& folder, const QString& relative) {
  if (relative.isEmpty() || relative.contains(QLatin1String("..")) ||
      QDir::isAbsolutePath(relative))
    return Error{"'" + relative.toStdString() + "' is not a file inside the archive"};
  QFile file(folder.filePath(relative));
  if (!file.open(QIODevice::ReadOnly))
    return Error{relative.toStdString() + " is missing from the archive"};
  QByteArray bytes = file.readAll();
  // Files are named by their SHA-256: a changed or truncated file shows.
  const QString expected = QFileInfo(relative).completeBaseName();
  if (qs(PhotoStore::contentHash(bytes)) != expected)
    return Error{relative.toStdString() + " is damaged (its content does not match its name)"};
  return bytes;
}

}  // namespace

Status exportPet(const HistoryStore& store, int64_t petId, const QString& folder) {
  auto pet = store.pet(petId);
  if (!pet) return pet.error();
  auto records = store.diagnoses(petId);
  if (!records) return records.error();
  QDir dir(folder);
  if (dir.exists() && !dir.isEmpty())
    return Error{folder.toStdString() + " is not empty; choose an empty or new folder"};
  if (!QDir().mkpath(dir.filePath(QStringLiteral("photos"))) ||
      !QDir().mkpath(dir.filePath(QStringLiteral("heatmaps"))))
    return Error{"cannot create " + folder.toStdString()};

  QJsonArray diagnoses;
  for (const DiagnosisRecord& record : *records) {
    auto confirmations = confirmationsJson(store, record.id);
    if (!confirmations) return confirmations.error();
    auto photo = store.photo(record.photoHash);
    if (!photo) return photo.error();
    const QString photoName =
        QStringLiteral("photos/%1.%2").arg(qs(record.photoHash), extensionOf(*photo));
    if (!QFile::exists(dir.filePath(photoName)))
      if (auto written = io::writeFileAtomically(dir.filePath(photoName), *photo); !written)
        return written;
    QJsonValue heatmapName = QJsonValue::Null;
    if (!record.camHash.empty()) {
      auto heatmap = store.photo(record.camHash);
      if (!heatmap) return heatmap.error();
      heatmapName = QStringLiteral("heatmaps/%1.png").arg(qs(record.camHash));
      if (auto written = io::writeFileAtomically(dir.filePath(heatmapName.toString()), *heatmap);
          !written)
        return written;
    }
    diagnoses.append(QJsonObject{
        {QStringLiteral("taken_at"), qs(record.takenAt)},
        {QStringLiteral("photo"), photoName},
        {QStringLiteral("region"), QJsonObject{{QStringLiteral("x"), record.region.x},
                                               {QStringLiteral("y"), record.region.y},
                                               {QStringLiteral("width"), record.region.width},
                                               {QStringLiteral("height"), record.region.height}}},
        {QStringLiteral("heatmap"), heatmapName},
        {QStringLiteral("cam_method"), qs(record.camMethod)},
        {QStringLiteral("cam_disease"), qs(record.camDisease)},
        {QStringLiteral("notes"), qs(record.notes)},
        {QStringLiteral("result"), inference::diagnosisToJson(record.diagnosis)},
        {QStringLiteral("confirmations"), *confirmations}});
  }
  const QJsonObject root{
      {QStringLiteral("format"), QStringLiteral("walness-pet")},
      {QStringLiteral("version"), kArchiveVersion},
      {QStringLiteral("exported_at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
      {QStringLiteral("pet"),
       QJsonObject{{QStringLiteral("name"), qs(pet->name)},
                   {QStringLiteral("species"), qs(std::string(speciesId(pet->species)))},
                   {QStringLiteral("breed"), qs(pet->breed)},
                   {QStringLiteral("birth_year"),
                    pet->birthYear ? QJsonValue(*pet->birthYear) : QJsonValue(QJsonValue::Null)},
                   {QStringLiteral("notes"), qs(pet->notes)},
                   {QStringLiteral("created_at"), qs(pet->createdAt)}}},
      {QStringLiteral("diagnoses"), diagnoses}};
  // pet.json last: a folder without it is visibly an unfinished export.
  return io::writeFileAtomically(dir.filePath(QStringLiteral("pet.json")),
                                 QJsonDocument(root).toJson());
}

Result<int64_t> importPet(HistoryStore& store, const QString& folder) {
  const QDir dir(folder);
  QFile file(dir.filePath(QStringLiteral("pet.json")));
  if (!file.open(QIODevice::ReadOnly))
    return Error{folder.toStdString() + " is not an exported pet (no pet.json)"};
  QJsonParseError parseError;
  const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
  const QJsonObject root = document.object();
  if (parseError.error != QJsonParseError::NoError || !document.isObject())
    return Error{"pet.json is not valid JSON: " + parseError.errorString().toStdString()};
  if (root.value(QStringLiteral("format")).toString() != QLatin1String("walness-pet"))
    return Error{"pet.json is not a Walness pet export"};
  if (root.value(QStringLiteral("version")).toInt() > kArchiveVersion)
    return Error{"this pet was exported by a newer Walness; update the app to import it"};

  const QJsonObject petJson = root.value(QStringLiteral("pet")).toObject();
  Pet pet;
  pet.name = petJson.value(QStringLiteral("name")).toString().trimmed().toStdString();
  const auto species =
      speciesFromId(petJson.value(QStringLiteral("species")).toString().toStdString());
  if (pet.name.empty() || !species) return Error{"pet.json: the pet has no name or species"};
  pet.species = *species;
  pet.breed = petJson.value(QStringLiteral("breed")).toString().toStdString();
  if (petJson.value(QStringLiteral("birth_year")).isDouble())
    pet.birthYear = petJson.value(QStringLiteral("birth_year")).toInt();
  pet.notes = petJson.value(QStringLiteral("notes")).toString().toStdString();
  pet.createdAt = petJson.value(QStringLiteral("created_at")).toString().toStdString();

  // Read and check everything before writing anything.
  std::vector<NewDiagnosis> entries;
  std::vector<std::vector<Confirmation>> answers;  // per entry, oldest revision first
  int index = 0;
  for (const QJsonValue& value : root.value(QStringLiteral("diagnoses")).toArray()) {
    ++index;
    const std::string where = "pet.json diagnosis " + std::to_string(index) + ": ";
    const QJsonObject object = value.toObject();
    auto diagnosis =
        inference::diagnosisFromJson(object.value(QStringLiteral("result")).toObject());
    if (!diagnosis) return Error{where + diagnosis.message()};
    NewDiagnosis entry;
    entry.diagnosis = std::move(*diagnosis);
    auto photo = readChecked(dir, object.value(QStringLiteral("photo")).toString());
    if (!photo) return Error{where + photo.message()};
    entry.photo = std::move(*photo);
    if (object.value(QStringLiteral("heatmap")).isString()) {
      auto heatmap = readChecked(dir, object.value(QStringLiteral("heatmap")).toString());
      if (!heatmap) return Error{where + heatmap.message()};
      entry.camPng = std::move(*heatmap);
    }
    const QJsonObject region = object.value(QStringLiteral("region")).toObject();
    entry.region = cv::Rect(region.value(QStringLiteral("x")).toInt(),
                            region.value(QStringLiteral("y")).toInt(),
                            region.value(QStringLiteral("width")).toInt(),
                            region.value(QStringLiteral("height")).toInt());
    if (entry.region.width <= 0 || entry.region.height <= 0 || entry.region.x < 0 ||
        entry.region.y < 0)
      return Error{where + "the eye region is missing or empty"};
    entry.camMethod = object.value(QStringLiteral("cam_method")).toString().toStdString();
    entry.camDisease = object.value(QStringLiteral("cam_disease")).toString().toStdString();
    entry.notes = object.value(QStringLiteral("notes")).toString().toStdString();
    entry.takenAt = object.value(QStringLiteral("taken_at")).toString().toStdString();
    if (!QDateTime::fromString(QString::fromStdString(entry.takenAt), Qt::ISODateWithMs).isValid())
      return Error{where + "taken_at is not a date and time"};
    auto confirmations = confirmationsFrom(object.value(QStringLiteral("confirmations")).toArray());
    if (!confirmations) return Error{where + confirmations.message()};
    entries.push_back(std::move(entry));
    answers.push_back(std::move(*confirmations));
  }

  auto petId = store.addPet(pet);
  if (!petId) return petId.error();
  for (size_t i = 0; i < entries.size(); ++i) {
    NewDiagnosis& entry = entries[i];
    entry.petId = *petId;
    auto added = store.addDiagnosis(entry);
    Status answered = Ok{};
    if (added)
      for (const Confirmation& revision : answers[i])
        if (answered) {
          auto confirmed = store.confirm(*added, revision);
          if (!confirmed) answered = confirmed.error();
        }
    if (!added || !answered) {
      // Leave no half-imported pet behind: into the trash, purged on the next start.
      (void)store.deletePet(*petId);
      return Error{"import stopped, nothing was added: " +
                   (!added ? added.message() : answered.message())};
    }
  }
  return *petId;
}

}  // namespace walness::history
