#include "walness/history/PetArchive.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUuid>

#include <map>
#include <string>
#include <vector>

#include "walness/history/HistoryStore.h"
#include "walness/history/PetManifest.h"
#include "walness/history/PhotoStore.h"
#include "walness/imaging/ImageDecoder.h"
#include "walness/inference/DiagnosisJson.h"
#include "walness/io/AtomicFile.h"
#include "walness/io/RegularFile.h"
#include "walness/io/SafeFileName.h"

namespace walness::history {

namespace {

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

// What one import may read: a phone photo is far below the per-file limit; the total bounds the
// memory an import holds while it checks everything before writing anything.
constexpr int64_t kMaxManifestBytes = 16ll << 20;
constexpr int64_t kMaxFileBytes = 256ll << 20;
constexpr int64_t kMaxArchiveBytes = 1ll << 30;

// A file of the archive: only photos/<hash>.<ext> or heatmaps/<hash>.png, a regular file reached
// without following any symbolic link, whose content matches its name, within the limits, and
// that decodes as an image.
Result<QByteArray> readChecked(const QDir& folder, const QString& relative, int64_t& budget) {
  static const QRegularExpression allowed(
      QStringLiteral("^(photos/[0-9a-f]{64}\\.[a-z]{3,4}|heatmaps/[0-9a-f]{64}\\.png)$"));
  if (!allowed.match(relative).hasMatch())
    return Error{"'" + relative.left(120).toStdString() + "' is not a file inside the archive"};
  const QString subfolder = folder.filePath(relative.section(QLatin1Char('/'), 0, 0));
  if (QFileInfo(subfolder).isSymLink())
    return Error{relative.section(QLatin1Char('/'), 0, 0).toStdString() +
                 "/ is a symbolic link, which an archive may not hold"};
  auto bytes = io::readRegularFile(folder.filePath(relative), std::min(kMaxFileBytes, budget),
                                   io::Links::Refuse);
  if (!bytes) {
    if (!QFileInfo::exists(folder.filePath(relative)) &&
        !QFileInfo(folder.filePath(relative)).isSymLink())
      return Error{relative.toStdString() + " is missing from the archive"};
    return Error{bytes.message() + (budget < kMaxFileBytes ? " (the archive's files together "
                                                             "are limited to 1 GB)"
                                                           : "")};
  }
  budget -= bytes->size();
  // Files are named by their SHA-256: a changed or truncated file shows.
  const QString expected = QFileInfo(relative).completeBaseName();
  if (qs(PhotoStore::contentHash(*bytes)) != expected)
    return Error{relative.toStdString() + " is damaged (its content does not match its name)"};
  auto decoded = imaging::decodeImageBytes(reinterpret_cast<const unsigned char*>(bytes->data()),
                                           size_t(bytes->size()), relative.toStdString());
  if (!decoded) return decoded.error();
  return bytes;
}

// Where an exported file goes: named by a content hash only, and inside the export folder.
Result<QString> exportPath(const QDir& dir, const char* subfolder, const std::string& hash,
                           const QString& extension) {
  if (!PhotoStore::isContentHash(hash))
    return Error{"a check names its photo by '" + hash.substr(0, 80) +
                 "', which is not a content hash; nothing was exported"};
  const QString relative =
      QStringLiteral("%1/%2.%3").arg(QLatin1String(subfolder), qs(hash), extension);
  if (!io::isInside(dir.filePath(relative), dir.path()))
    return Error{"'" + relative.toStdString() + "' would leave the export folder"};
  return relative;
}

// The archive's checks by visit, in the order each visit first appears; a check on its own is a
// visit of one. Each visit gets a new id: the imported pet is a new pet, even in the store it came
// from, and its visits must not merge with the original's.
std::vector<std::vector<size_t>> visitsOf(std::vector<NewDiagnosis>& entries) {
  std::vector<std::vector<size_t>> visits;
  std::map<std::string, size_t> visitIndex;
  for (size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].visitUid.empty()) {
      visits.push_back({i});
      continue;
    }
    const auto [at, added] = visitIndex.try_emplace(entries[i].visitUid, visits.size());
    if (added) visits.emplace_back();
    visits[at->second].push_back(i);
  }
  for (const std::vector<size_t>& visit : visits) {
    if (entries[visit.front()].visitUid.empty()) continue;
    const std::string fresh = QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
    for (size_t i : visit) entries[i].visitUid = fresh;
  }
  return visits;
}

// Adds the checks of one visit to pet `petId`, then each check's answers, oldest first.
Status importVisit(HistoryStore& store, int64_t petId, const std::vector<size_t>& visit,
                   const PetManifest& read) {
  std::vector<NewDiagnosis> checks;
  for (size_t i : visit) {
    checks.push_back(read.entries[i]);
    checks.back().petId = petId;
  }
  auto added = store.addVisit(checks);
  if (!added) return added.error();
  for (size_t k = 0; k < visit.size(); ++k)
    for (const Confirmation& revision : read.answers[visit[k]])
      if (auto confirmed = store.confirm((*added)[k], revision); !confirmed)
        return confirmed.error();
  return Ok{};
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
    auto photoPath = exportPath(dir, "photos", record.photoHash, extensionOf(*photo));
    if (!photoPath) return photoPath.error();
    const QString photoName = *photoPath;
    if (!QFile::exists(dir.filePath(photoName)))
      if (auto written = io::writeFileAtomically(dir.filePath(photoName), *photo); !written)
        return written;
    QJsonValue heatmapName = QJsonValue::Null;
    if (!record.camHash.empty()) {
      auto heatmap = store.photo(record.camHash);
      if (!heatmap) return heatmap.error();
      auto heatmapPath = exportPath(dir, "heatmaps", record.camHash, QStringLiteral("png"));
      if (!heatmapPath) return heatmapPath.error();
      heatmapName = *heatmapPath;
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
        {QStringLiteral("visit_uid"), qs(record.visitUid)},
        {QStringLiteral("eye_side"), qs(record.eyeSide)},
        {QStringLiteral("result"), inference::diagnosisToJson(record.diagnosis)},
        {QStringLiteral("confirmations"), *confirmations}});
  }
  const QJsonObject root{
      {QStringLiteral("format"), QStringLiteral("walness-pet")},
      {QStringLiteral("version"), kPetArchiveVersion},
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
  const QString manifestPath = dir.filePath(QStringLiteral("pet.json"));
  if (!QFileInfo::exists(manifestPath) && !QFileInfo(manifestPath).isSymLink())
    return Error{folder.toStdString() + " is not an exported pet (no pet.json)"};
  auto manifest = io::readRegularFile(manifestPath, kMaxManifestBytes, io::Links::Refuse);
  if (!manifest) return manifest.error();
  auto parsed = parsePetManifest(*manifest);
  if (!parsed) return parsed.error();
  PetManifest& read = *parsed;
  const Pet& pet = read.pet;

  // Read and check every file before writing anything.
  int64_t budget = kMaxArchiveBytes;
  std::vector<NewDiagnosis>& entries = read.entries;
  for (size_t i = 0; i < entries.size(); ++i) {
    const std::string where = "pet.json diagnosis " + std::to_string(i + 1) + ": ";
    auto photo = readChecked(dir, read.photoFiles[i], budget);
    if (!photo) return Error{where + photo.message()};
    entries[i].photo = std::move(*photo);
    if (!read.heatmapFiles[i].isEmpty()) {
      auto heatmap = readChecked(dir, read.heatmapFiles[i], budget);
      if (!heatmap) return Error{where + heatmap.message()};
      entries[i].camPng = std::move(*heatmap);
    }
  }
  const std::vector<std::vector<size_t>> visits = visitsOf(entries);

  auto petId = store.addPet(pet);
  if (!petId) return petId.error();
  for (const std::vector<size_t>& visit : visits)
    if (auto added = importVisit(store, *petId, visit, read); !added) {
      // Leave no half-imported pet behind: into the trash, purged on the next start.
      (void)store.deletePet(*petId);
      return Error{"import stopped, nothing was added: " + added.message()};
    }
  return *petId;
}

}  // namespace walness::history
