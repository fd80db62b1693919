#include "walness/history/LabelExport.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "walness/Diseases.h"
#include "walness/imaging/ImageDecoder.h"
#include "walness/io/Csv.h"

namespace walness::history {

namespace {

Status writeFile(const QString& path, const QByteArray& bytes) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
    return Error{"cannot write " + path.toStdString() + " (" + file.errorString().toStdString() +
                 ")"};
  return Ok{};
}

// The checks with findings and at least one disease answered present or absent; the diseases
// answered go into `answered`, the checks left out are counted in `summary`.
std::vector<const ConfirmedCheck*> usableChecks(const std::vector<ConfirmedCheck>& checks,
                                                std::set<std::string>& answered,
                                                LabelExportSummary& summary) {
  std::vector<const ConfirmedCheck*> usable;
  for (const ConfirmedCheck& check : checks) {
    if (check.record.diagnosis.abstention) {
      ++summary.skippedAbstained;
      continue;
    }
    bool any = false;
    for (const ConfirmedFinding& finding : check.confirmation.findings)
      if (finding.status != FindingStatus::NotExamined) {
        answered.insert(finding.disease);
        any = true;
      }
    if (!any) {
      ++summary.skippedUnlabelled;
      continue;
    }
    usable.push_back(&check);
  }
  return usable;
}

// Held-back pets: a seeded shuffle of the pet ids, the first share of them.
std::set<int64_t> chooseHeldBackPets(const std::vector<const ConfirmedCheck*>& usable,
                                     const LabelExportOptions& options,
                                     LabelExportSummary& summary) {
  std::vector<int64_t> pets;
  for (const ConfirmedCheck* check : usable)
    if (std::find(pets.begin(), pets.end(), check->petId) == pets.end())
      pets.push_back(check->petId);
  std::sort(pets.begin(), pets.end());
  std::mt19937_64 random(options.seed);
  std::shuffle(pets.begin(), pets.end(), random);
  size_t heldBack = size_t(std::lround(options.heldBackShare * double(pets.size())));
  if (pets.size() >= 2) heldBack = std::clamp<size_t>(heldBack, 1, pets.size() - 1);
  const std::set<int64_t> heldBackPets(pets.begin(), pets.begin() + int64_t(heldBack));
  summary.heldBackPets = int(heldBackPets.size());
  summary.trainPets = int(pets.size() - heldBackPets.size());
  return heldBackPets;
}

// Writes the eye square the model saw as images/check-<id>.jpg and returns that relative name.
Result<std::string> writeEyeSquare(const HistoryStore& store, const QDir& folder,
                                   const ConfirmedCheck& check, int maxSide) {
  auto bytes = store.photo(check.record.photoHash);
  if (!bytes) return bytes.error();
  auto decoded =
      imaging::decodeImageBytes(reinterpret_cast<const unsigned char*>(bytes->data()),
                                size_t(bytes->size()), "check " + std::to_string(check.record.id));
  if (!decoded) return Error{"check " + std::to_string(check.record.id) + ": " + decoded.message()};
  const cv::Rect region =
      check.record.region & cv::Rect(0, 0, decoded->rgb.cols, decoded->rgb.rows);
  if (region.area() == 0)
    return Error{"check " + std::to_string(check.record.id) +
                 ": its eye region is outside the photo"};
  cv::Mat square = decoded->rgb(region);
  const int side = std::max(square.cols, square.rows);
  if (side > maxSide) {
    const double scale = double(maxSide) / side;
    cv::resize(square, square, cv::Size(), scale, scale, cv::INTER_AREA);
  }
  cv::Mat bgr;
  cv::cvtColor(square, bgr, cv::COLOR_RGB2BGR);
  std::vector<unsigned char> jpeg;
  if (!cv::imencode(".jpg", bgr, jpeg, {cv::IMWRITE_JPEG_QUALITY, 95}))
    return Error{"check " + std::to_string(check.record.id) + ": cannot encode its eye square"};
  const std::string name = "images/check-" + std::to_string(check.record.id) + ".jpg";
  if (auto written =
          writeFile(folder.filePath(QString::fromStdString(name)),
                    QByteArray(reinterpret_cast<const char*>(jpeg.data()), qsizetype(jpeg.size())));
      !written)
    return written.error();
  return name;
}

// export.json: what was exported, for the model card.
QJsonObject aboutExport(const HistoryStore& store, const LabelExportOptions& options,
                        const LabelExportSummary& summary) {
  QJsonArray diseases;
  for (const std::string& disease : summary.diseases)
    diseases.append(QString::fromStdString(disease));
  return QJsonObject{
      {QStringLiteral("origin"), QString::fromStdString(summary.describe())},
      {QStringLiteral("history"), store.location().describe()},
      {QStringLiteral("species"),
       QString::fromLatin1(speciesId(options.species).data(),
                           qsizetype(speciesId(options.species).size()))},
      {QStringLiteral("photos"), summary.written},
      {QStringLiteral("train_photos"), summary.trainPhotos},
      {QStringLiteral("val_photos"), summary.heldBackPhotos},
      {QStringLiteral("train_pets"), summary.trainPets},
      {QStringLiteral("val_pets"), summary.heldBackPets},
      {QStringLiteral("first_check"), QString::fromStdString(summary.firstCheck)},
      {QStringLiteral("last_check"), QString::fromStdString(summary.lastCheck)},
      {QStringLiteral("diseases"), diseases},
      {QStringLiteral("label_semantics"),
       QStringLiteral("1 the vet found the disease, 0 the vet examined and found it absent, "
                      "empty not examined")}};
}

}  // namespace

std::string LabelExportSummary::describe() const {
  std::string text = std::to_string(written) + " confirmed checks from this clinic";
  if (!firstCheck.empty())
    text += ", " + firstCheck.substr(0, 10) + " to " + lastCheck.substr(0, 10);
  return text;
}

Result<LabelExportSummary> exportConfirmedLabels(const HistoryStore& store,
                                                 const std::string& directory,
                                                 const LabelExportOptions& options) {
  const QDir folder(QString::fromStdString(directory));
  if (QFileInfo::exists(folder.filePath(QStringLiteral("labels.csv"))))
    return Error{directory + " already has a labels.csv; choose an empty folder"};
  if (!QDir().mkpath(folder.filePath(QStringLiteral("images"))))
    return Error{"cannot create " + directory + "/images"};
  auto checks = store.confirmedChecks(options.species);
  if (!checks) return checks.error();

  LabelExportSummary summary;
  std::set<std::string> answered;
  const std::vector<const ConfirmedCheck*> usable = usableChecks(*checks, answered, summary);
  if (usable.empty())
    return Error{"no confirmed " + std::string(speciesId(options.species)) +
                 " checks with a disease answered present or absent (and findings) to export"};
  // Columns in the app's disease order, so the file reads like the shared data.
  for (const Disease& disease : allDiseases())
    if (answered.count(std::string(disease.id))) summary.diseases.emplace_back(disease.id);
  const std::set<int64_t> heldBackPets = chooseHeldBackPets(usable, options, summary);

  std::vector<std::string> header{"image",    "split",     "framing", "pet",
                                  "taken_at", "visit_uid", "eye_side"};
  header.insert(header.end(), summary.diseases.begin(), summary.diseases.end());
  std::string csv = io::joinCsvLine(header) + "\n";
  for (const ConfirmedCheck* check : usable) {
    auto name = writeEyeSquare(store, folder, *check, options.maxSide);
    if (!name) return name.error();
    const bool held = heldBackPets.count(check->petId) > 0;
    ++(held ? summary.heldBackPhotos : summary.trainPhotos);
    std::vector<std::string> row{*name,
                                 held ? "val" : "train",
                                 "confirmed",
                                 std::to_string(check->petId),
                                 check->record.takenAt,
                                 check->record.visitUid,
                                 check->record.eyeSide};
    for (const std::string& disease : summary.diseases) {
      const auto present = check->confirmation.present(disease);
      row.push_back(present ? (*present ? "1" : "0") : "");
    }
    csv += io::joinCsvLine(row) + "\n";
    ++summary.written;
    if (summary.firstCheck.empty() || check->record.takenAt < summary.firstCheck)
      summary.firstCheck = check->record.takenAt;
    summary.lastCheck = std::max(summary.lastCheck, check->record.takenAt);
  }
  if (auto written = writeFile(folder.filePath(QStringLiteral("export.json")),
                               QJsonDocument(aboutExport(store, options, summary)).toJson());
      !written)
    return written.error();
  // labels.csv last: a folder with one is complete.
  if (auto written =
          writeFile(folder.filePath(QStringLiteral("labels.csv")), QByteArray::fromStdString(csv));
      !written)
    return written.error();
  return summary;
}

}  // namespace walness::history
