#include "walness/training/gate/GateDataset.h"

#include <QDir>
#include <QFile>

#include <algorithm>
#include <map>
#include <sstream>

#include "walness/io/Csv.h"
#include "walness/training/data/HeldOutTest.h"

namespace walness::gate {

namespace {

// ImageNet's classes 0-397 are animals; from 398 (abacus) on, objects, food and scenes.
constexpr int kFirstImagenetObjectClass = 398;

// The rows of a labels.csv as column name -> cell, with the image path made absolute.
Result<std::vector<std::map<std::string, std::string>>> readRows(const std::string& folder) {
  const QString path = QDir(QString::fromStdString(folder)).filePath(QStringLiteral("labels.csv"));
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    return Error{path.toStdString() + ": cannot be read (" + file.errorString().toStdString() +
                 ")"};
  const QByteArray bytes = file.readAll();
  auto records = io::splitCsvRecords(std::string_view(bytes.constData(), size_t(bytes.size())));
  if (!records) return Error{path.toStdString() + ": " + records.message()};
  if (records->empty()) return Error{path.toStdString() + ": empty"};
  const std::vector<std::string> header = records->front().cells;
  std::vector<std::map<std::string, std::string>> rows;
  for (size_t r = 1; r < records->size(); ++r) {
    const auto& cells = (*records)[r].cells;
    std::map<std::string, std::string> row;
    for (size_t c = 0; c < header.size() && c < cells.size(); ++c) row[header[c]] = cells[c];
    if (row["image"].empty())
      return Error{path.toStdString() + " line " + std::to_string((*records)[r].line) +
                   ": no image"};
    row["image"] = QDir(QString::fromStdString(folder))
                       .filePath(QString::fromStdString(row["image"]))
                       .toStdString();
    rows.push_back(std::move(row));
  }
  return rows;
}

// "cx cy w h;cx cy w h" (YOLO, 0..1) -> boxes as (x, y, w, h) in 0..1.
std::vector<cv::Rect2d> parseBoxes(const std::string& text) {
  std::vector<cv::Rect2d> boxes;
  std::stringstream all(text);
  std::string one;
  while (std::getline(all, one, ';')) {
    std::stringstream numbers(one);
    double cx, cy, w, h;
    if (numbers >> cx >> cy >> w >> h && w > 0 && h > 0)
      boxes.emplace_back(cx - w / 2, cy - h / 2, w, h);
  }
  return boxes;
}

}  // namespace

std::string gateSourceId(GateSource source) {
  switch (source) {
    case GateSource::DogEye:
      return "dog_eye";
    case GateSource::DogFace:
      return "dog_face";
    case GateSource::CatEye:
      return "cat_eye";
    case GateSource::CatEyeUnusable:
      return "cat_eye_closed_or_dark";
    case GateSource::NotEye:
      return "not_eye";
    case GateSource::CatPhoto:
      return "cat_photo";
    case GateSource::DogPhoto:
      return "dog_photo";
  }
  return "?";
}

GateDataFolders GateDataFolders::under(const std::string& dataDirectory) {
  const QDir data(QString::fromStdString(dataDirectory));
  return {data.filePath(QStringLiteral("dog-eye")).toStdString(),
          data.filePath(QStringLiteral("cat-eye")).toStdString(),
          data.filePath(QStringLiteral("not-eye")).toStdString(),
          data.filePath(QStringLiteral("cat-photos")).toStdString(),
          data.filePath(QStringLiteral("dog-photos")).toStdString()};
}

Result<std::vector<GateSample>> readGateSamples(const GateDataFolders& folders) {
  std::vector<GateSample> samples;
  auto dogs = readRows(folders.dogEye);
  if (!dogs) return dogs.error();
  // The disease model's held-out test photos stay out of the gate's training and choices too.
  const size_t dogValRows = size_t(
      std::count_if(dogs->begin(), dogs->end(), [](auto& row) { return row["split"] == "val"; }));
  for (auto& row : dogs.value()) {
    const bool face = row["framing"] == "fullframe";
    samples.push_back({row["image"],
                       training::heldOutSplit(row["split"], row["image"], dogValRows),
                       face ? GateSource::DogFace : GateSource::DogEye,
                       kDogEye,
                       {}});
  }
  auto cats = readRows(folders.catEye);
  if (!cats) return cats.error();
  for (auto& row : cats.value()) {
    // "Dark Img", "Dark Imgs", "Dark Img;Eyes Closed", ...: any mention makes the crop unusable.
    const std::string& look = row["look"];
    const bool unusable =
        look.find("Eyes Closed") != std::string::npos || look.find("Dark Img") != std::string::npos;
    samples.push_back({row["image"],
                       row["split"],
                       unusable ? GateSource::CatEyeUnusable : GateSource::CatEye,
                       unusable ? kNotEye : kCatEye,
                       {}});
  }
  auto others = readRows(folders.notEye);
  if (!others) return others.error();
  for (auto& row : others.value()) {
    bool known = false;
    const int imagenetIndex = QString::fromStdString(row["imagenet_index"]).toInt(&known);
    samples.push_back({row["image"],
                       row["split"],
                       GateSource::NotEye,
                       kNotEye,
                       {},
                       known && imagenetIndex >= kFirstImagenetObjectClass});
  }
  auto catPhotos = readRows(folders.catPhotos);
  if (!catPhotos) return catPhotos.error();
  for (auto& row : catPhotos.value())
    samples.push_back({row["image"], row["split"], GateSource::CatPhoto, kNotEye,
                       parseBoxes(row["left_eye_boxes"])});
  auto dogPhotos = readRows(folders.dogPhotos);
  if (!dogPhotos) return dogPhotos.error();
  for (auto& row : dogPhotos.value())
    samples.push_back(
        {row["image"], row["split"], GateSource::DogPhoto, kNotEye, parseBoxes(row["eye_boxes"])});
  return samples;
}

}  // namespace walness::gate
