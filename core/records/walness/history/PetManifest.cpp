#include "walness/history/PetManifest.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "walness/inference/DiagnosisJson.h"

namespace walness::history {

namespace {

// A visit id Walness writes is a UUID (36 characters); anything far longer is not one of ours.
constexpr size_t kMaxVisitUidBytes = 200;

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

}  // namespace

Result<PetManifest> parsePetManifest(const QByteArray& json) {
  QJsonParseError parseError;
  const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
  const QJsonObject root = document.object();
  if (parseError.error != QJsonParseError::NoError || !document.isObject())
    return Error{"pet.json is not valid JSON: " + parseError.errorString().toStdString()};
  if (root.value(QStringLiteral("format")).toString() != QLatin1String("walness-pet"))
    return Error{"pet.json is not a Walness pet export"};
  if (root.value(QStringLiteral("version")).toInt() > kPetArchiveVersion)
    return Error{"this pet was exported by a newer Walness; update the app to import it"};

  const QJsonObject petJson = root.value(QStringLiteral("pet")).toObject();
  PetManifest manifest;
  Pet& pet = manifest.pet;
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
    const QString photo = object.value(QStringLiteral("photo")).toString();
    if (photo.isEmpty()) return Error{where + "no photo is named"};
    const QJsonValue heatmap = object.value(QStringLiteral("heatmap"));
    if (!heatmap.isNull() && !heatmap.isUndefined() && !heatmap.isString())
      return Error{where + "the heatmap is not a file name"};
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
    // Version 3: absent before, and then the check is one on its own.
    entry.visitUid = object.value(QStringLiteral("visit_uid")).toString().toStdString();
    entry.eyeSide = object.value(QStringLiteral("eye_side")).toString().toStdString();
    if (entry.visitUid.size() > kMaxVisitUidBytes)
      return Error{where + "visit_uid is longer than " + std::to_string(kMaxVisitUidBytes) +
                   " bytes"};
    if (!isKnownEyeSide(entry.eyeSide))
      return Error{where + "eye_side is not left_of_photo, right_of_photo or empty"};
    auto confirmations = confirmationsFrom(object.value(QStringLiteral("confirmations")).toArray());
    if (!confirmations) return Error{where + confirmations.message()};
    manifest.entries.push_back(std::move(entry));
    manifest.photoFiles.push_back(photo);
    manifest.heatmapFiles.push_back(heatmap.toString());
    manifest.answers.push_back(std::move(*confirmations));
  }
  return manifest;
}

}  // namespace walness::history
