#include "walness/training/data/LabeledDataset.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <limits>

#include "walness/Diseases.h"
#include "walness/io/Csv.h"
#include "walness/training/data/HeldOutTest.h"

namespace walness::training {

LabeledDataset LabeledDataset::subset(const std::string& split) const {
  LabeledDataset result;
  result.diseases = diseases;
  result.species = species;
  result.source = source + " (" + split + ")";
  for (const LabeledImage& image : images)
    if (image.split == split) result.images.push_back(image);
  return result;
}

std::vector<int64_t> LabeledDataset::positives() const {
  std::vector<int64_t> counts(diseases.size(), 0);
  for (const LabeledImage& image : images)
    for (size_t d = 0; d < diseases.size(); ++d)
      if (image.labels[d] == 1.0f) ++counts[d];
  return counts;
}

std::vector<int64_t> LabeledDataset::knownCounts() const {
  std::vector<int64_t> counts(diseases.size(), 0);
  for (const LabeledImage& image : images)
    for (size_t d = 0; d < diseases.size(); ++d)
      if (LabeledImage::known(image.labels[d])) ++counts[d];
  return counts;
}

Result<LabeledDataset> readLabelsCsv(const std::string& csvPath, Species species) {
  QFile file(QString::fromStdString(csvPath));
  if (!file.open(QIODevice::ReadOnly))
    return Error{csvPath + ": cannot read the labels file (" + file.errorString().toStdString() +
                 ")"};
  const QDir folder = QFileInfo(file).absoluteDir();

  LabeledDataset dataset;
  dataset.species = species;
  dataset.source = QFileInfo(file).absoluteFilePath().toStdString();
  int imageColumn = -1, splitColumn = -1, framingColumn = -1;
  std::vector<std::pair<int, size_t>> diseaseColumns;  // column -> label index
  size_t columnCount = 0;
  int lineNumber = 0;
  while (!file.atEnd()) {
    std::string line = file.readLine().toStdString();
    ++lineNumber;
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    if (lineNumber == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // BOM
    if (line.empty()) continue;
    const auto cells = io::splitCsvLine(line);
    const std::string where = csvPath + " line " + std::to_string(lineNumber);
    if (!cells) return Error{where + ": unterminated quote"};
    if (lineNumber == 1) {
      columnCount = cells->size();
      for (size_t c = 0; c < cells->size(); ++c) {
        const std::string& name = (*cells)[c];
        if (name == "image")
          imageColumn = int(c);
        else if (name == "split")
          splitColumn = int(c);
        else if (name == "framing")
          framingColumn = int(c);
        else if (findDisease(name)) {
          diseaseColumns.emplace_back(int(c), dataset.diseases.size());
          dataset.diseases.push_back(name);
        }
      }
      if (imageColumn < 0) return Error{where + ": no 'image' column in the header"};
      if (diseaseColumns.empty())
        return Error{where +
                     ": no disease column in the header (expected ids such as "
                     "conjunctivitis, cataract)"};
      continue;
    }
    if (cells->size() != columnCount)
      return Error{where + ": " + std::to_string(cells->size()) + " cells, the header has " +
                   std::to_string(columnCount)};
    LabeledImage image;
    const std::string& relative = (*cells)[size_t(imageColumn)];
    if (relative.empty()) return Error{where + ": empty image path"};
    image.path =
        QDir::cleanPath(folder.absoluteFilePath(QString::fromStdString(relative))).toStdString();
    if (splitColumn >= 0) image.split = (*cells)[size_t(splitColumn)];
    if (framingColumn >= 0) image.framing = (*cells)[size_t(framingColumn)];
    image.zerosAssumed = image.framing == "crop";
    image.labels.assign(dataset.diseases.size(), std::numeric_limits<float>::quiet_NaN());
    image.grades.assign(dataset.diseases.size(), std::string());
    for (const auto& [column, index] : diseaseColumns) {
      const std::string& cell = (*cells)[size_t(column)];
      if (cell == "1")
        image.labels[index] = 1.0f;
      else if (cell == "0")
        image.labels[index] = 0.0f;
      else if (!cell.empty())
        return Error{where + ": column '" + dataset.diseases[index] + "' holds '" + cell +
                     "'; expected 1, 0 or an empty cell (unknown)"};
    }
    dataset.images.push_back(std::move(image));
  }
  if (lineNumber == 0) return Error{csvPath + ": the labels file is empty"};
  if (dataset.images.empty()) return Error{csvPath + ": the labels file has no rows"};
  separateHeldOutTest(dataset);
  return dataset;
}

}  // namespace walness::training
