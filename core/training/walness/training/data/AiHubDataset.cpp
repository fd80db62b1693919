#include "walness/training/data/AiHubDataset.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <limits>
#include <map>

#include "walness/Diseases.h"

namespace walness::training {

namespace {

struct NameMapping {
  Species species;
  const char* korean;
  const char* id;
};

constexpr NameMapping kNames[] = {
    {Species::Dog, "결막염", "conjunctivitis"},
    {Species::Dog, "궤양성각막질환", "ulcerative_keratitis"},
    {Species::Dog, "백내장", "cataract"},
    {Species::Dog, "비궤양성각막질환", "nonulcerative_keratitis"},
    {Species::Dog, "색소침착성각막염", "pigmentary_keratitis"},
    {Species::Dog, "안검내반증", "entropion"},
    {Species::Dog, "안검염", "blepharitis"},
    {Species::Dog, "안검종양", "eyelid_tumor"},
    {Species::Dog, "유루증", "epiphora"},
    {Species::Dog, "핵경화", "nuclear_sclerosis"},
    {Species::Cat, "각막궤양", "corneal_ulcer"},
    {Species::Cat, "각막부골편", "corneal_sequestrum"},
    {Species::Cat, "결막염", "conjunctivitis"},
    {Species::Cat, "비궤양성각막염", "nonulcerative_keratitis"},
    {Species::Cat, "안검염", "blepharitis"},
};

std::string normalizedSplit(const QString& folder) {
  const QString lower = folder.toLower();
  if (lower.startsWith(QLatin1String("train"))) return "train";
  if (lower.startsWith(QLatin1String("val"))) return "val";
  if (lower.startsWith(QLatin1String("test"))) return "test";
  return lower.toStdString();
}

// label_bbox as [x, y, width, height] or [[x1, y1], [x2, y2]].
std::optional<cv::Rect> parseBox(const QJsonValue& value) {
  const QJsonArray box = value.toArray();
  if (box.size() == 4 && box[0].isDouble()) {
    const cv::Rect rect(box[0].toInt(), box[1].toInt(), box[2].toInt(), box[3].toInt());
    if (rect.width > 0 && rect.height > 0) return rect;
  }
  if (box.size() == 2 && box[0].isArray() && box[1].isArray()) {
    const QJsonArray a = box[0].toArray(), b = box[1].toArray();
    if (a.size() == 2 && b.size() == 2) {
      const cv::Rect rect(cv::Point(a[0].toInt(), a[1].toInt()),
                          cv::Point(b[0].toInt(), b[1].toInt()));
      if (rect.width > 0 && rect.height > 0) return rect;
    }
  }
  return std::nullopt;
}

struct Assessment {
  std::string imagePath;
  std::string split;
  std::string disease;
  bool present = false;
  std::string grade;
  std::optional<cv::Rect> region;
};

// Grades: 무 = absent; 유 = present; anything else is a severity grade (present).
void readGrades(const QJsonObject& label, const QStringList& parts, Assessment& assessment) {
  std::vector<std::string> grades;
  for (const char* key : {"label_disease_lv_1", "label_disease_lv_2", "label_disease_lv_3"}) {
    const QString value = label.value(QLatin1String(key)).toString().trimmed();
    if (!value.isEmpty()) grades.push_back(value.toStdString());
  }
  if (grades.empty()) grades.push_back(parts[parts.size() - 2].toStdString());
  assessment.present = std::find(grades.begin(), grades.end(), "무") == grades.end();
  for (const std::string& grade : grades)
    if (grade != "유" && grade != "무") assessment.grade = grade;
  if (assessment.present && assessment.grade.empty()) assessment.grade = "유";
}

// The photo a label file names (its own base name with .jpg when the name is missing or a path).
Result<std::string> labelledPhotoPath(const QString& jsonPath, const QJsonObject& label) {
  QString imageName = label.value(QStringLiteral("label_filename")).toString();
  const QFileInfo jsonInfo(jsonPath);
  if (imageName.isEmpty() || imageName.contains(QLatin1Char('/')) ||
      imageName.contains(QLatin1Char('\\')))
    imageName = jsonInfo.completeBaseName() + QStringLiteral(".jpg");
  const QString imagePath = jsonInfo.absoluteDir().absoluteFilePath(imageName);
  if (!QFileInfo::exists(imagePath))
    return Error{jsonPath.toStdString() + ": its photo " + imagePath.toStdString() + " is missing"};
  return imagePath.toStdString();
}

// One label file, at <split>/<species>/안구/일반/<disease>/<grade>/<file>.json (`parts`).
Result<Assessment> readAssessment(const QString& jsonPath, const QStringList& parts,
                                  Species species) {
  QFile file(jsonPath);
  if (!file.open(QIODevice::ReadOnly))
    return Error{jsonPath.toStdString() + ": cannot read (" + file.errorString().toStdString() +
                 ")"};
  QJsonParseError parseError;
  const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
  if (!document.isObject())
    return Error{jsonPath.toStdString() + ": not a JSON object (" +
                 parseError.errorString().toStdString() + ")"};
  const QJsonObject label = document.object().value(QStringLiteral("label")).toObject();
  const QString diseaseName = label.value(QStringLiteral("label_disease_nm")).toString();
  const std::string folderDisease = parts[parts.size() - 3].toStdString();
  const std::string name = diseaseName.isEmpty() ? folderDisease : diseaseName.toStdString();
  const auto id = aiHubDiseaseId(species, name);
  if (!id)
    return Error{jsonPath.toStdString() + ": unknown " + std::string(speciesId(species)) +
                 " disease name '" + name + "'"};

  Assessment assessment;
  assessment.split = normalizedSplit(parts[0]);
  assessment.disease = *id;
  readGrades(label, parts, assessment);
  auto imagePath = labelledPhotoPath(jsonPath, label);
  if (!imagePath) return imagePath.error();
  assessment.imagePath = std::move(imagePath.value());
  assessment.region = parseBox(label.value(QStringLiteral("label_bbox")));
  return assessment;
}

// Every label file of `speciesFolder` under `rootDir`, in the order the folders list them.
Result<std::vector<Assessment>> readAssessments(const QDir& rootDir, const QString& speciesFolder,
                                                Species species) {
  std::vector<Assessment> assessments;
  QDirIterator it(rootDir.absolutePath(), {QStringLiteral("*.json")}, QDir::Files,
                  QDirIterator::Subdirectories);
  while (it.hasNext()) {
    const QString jsonPath = it.next();
    const QStringList parts = rootDir.relativeFilePath(jsonPath).split(QLatin1Char('/'));
    // <split>/<species>/안구/일반/<disease>/<grade>/<file>.json
    if (parts.size() < 7 || parts[1] != speciesFolder) continue;
    auto assessment = readAssessment(jsonPath, parts, species);
    if (!assessment) return assessment.error();
    assessments.push_back(std::move(assessment.value()));
  }
  return assessments;
}

// The diseases of `species` that some assessment is about, in kNames' order.
std::vector<std::string> assessedDiseases(const std::vector<Assessment>& assessments,
                                          Species species) {
  std::vector<std::string> diseases;
  for (const NameMapping& mapping : kNames) {
    if (mapping.species != species) continue;
    const bool seen = std::any_of(assessments.begin(), assessments.end(),
                                  [&](const Assessment& a) { return a.disease == mapping.id; });
    if (seen) diseases.push_back(mapping.id);
  }
  return diseases;
}

// The same photo (by file name within a split) filed under several diseases: one image.
void mergeAssessments(std::vector<Assessment> assessments, LabeledDataset& dataset) {
  std::map<std::string, size_t> diseaseIndex;
  for (size_t d = 0; d < dataset.diseases.size(); ++d) diseaseIndex[dataset.diseases[d]] = d;
  std::map<std::pair<std::string, std::string>, size_t> imageIndex;
  std::sort(assessments.begin(), assessments.end(),
            [](const Assessment& a, const Assessment& b) { return a.imagePath < b.imagePath; });
  for (const Assessment& assessment : assessments) {
    const std::string fileName =
        QFileInfo(QString::fromStdString(assessment.imagePath)).fileName().toStdString();
    const auto key = std::make_pair(assessment.split, fileName);
    auto found = imageIndex.find(key);
    if (found == imageIndex.end()) {
      LabeledImage image;
      image.path = assessment.imagePath;
      image.split = assessment.split;
      image.framing = "crop";
      image.labels.assign(dataset.diseases.size(), std::numeric_limits<float>::quiet_NaN());
      image.grades.assign(dataset.diseases.size(), std::string());
      image.region = assessment.region;
      found = imageIndex.emplace(key, dataset.images.size()).first;
      dataset.images.push_back(std::move(image));
    }
    LabeledImage& image = dataset.images[found->second];
    if (!image.region && assessment.region) image.region = assessment.region;
    const size_t d = diseaseIndex.at(assessment.disease);
    image.labels[d] = assessment.present ? 1.0f : 0.0f;
    image.grades[d] = assessment.grade;
  }
}

}  // namespace

std::optional<std::string> aiHubDiseaseId(Species species, const std::string& koreanName) {
  for (const NameMapping& mapping : kNames)
    if (mapping.species == species && koreanName == mapping.korean) return std::string(mapping.id);
  return std::nullopt;
}

Result<LabeledDataset> readAiHubDataset(const std::string& root, Species species) {
  const QDir rootDir(QString::fromStdString(root));
  if (!rootDir.exists()) return Error{root + ": no such folder"};
  const QString speciesFolder =
      species == Species::Dog ? QStringLiteral("개") : QStringLiteral("고양이");
  auto assessments = readAssessments(rootDir, speciesFolder, species);
  if (!assessments) return assessments.error();
  if (assessments->empty())
    return Error{root + ": no " + std::string(speciesId(species)) +
                 " eye labels found (expected <split>/" + speciesFolder.toStdString() +
                 "/안구/일반/<disease>/<grade>/*.json)"};

  LabeledDataset dataset;
  dataset.species = species;
  dataset.source = rootDir.absolutePath().toStdString() + " (AI Hub layout)";
  dataset.diseases = assessedDiseases(assessments.value(), species);
  mergeAssessments(std::move(assessments.value()), dataset);
  return dataset;
}

}  // namespace walness::training
