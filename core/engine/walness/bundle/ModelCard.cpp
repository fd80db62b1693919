#include "walness/bundle/ModelCard.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
#include <limits>
#include <set>

#include "walness/Diseases.h"

namespace walness::bundle {

namespace {

// A JSON number as an int; out-of-range or fractional values become -1, which every caller refuses
// (casting them directly would be undefined behaviour; found by fuzzing).
int wholeNumber(double value) {
  if (!(value >= 0 && value <= 1'000'000) || value != std::floor(value)) return -1;
  return int(value);
}

// Reads fields of one JSON object, remembering the first problem with its path.
class CardReader {
 public:
  CardReader(std::string source) : source_(std::move(source)) {}

  bool failed() const { return !problem_.empty(); }
  Error error() const { return Error{source_ + ": invalid model card: " + problem_}; }
  void fail(const std::string& problem) {
    if (problem_.empty()) problem_ = problem;
  }

  std::string string(const QJsonObject& object, const char* key, const std::string& path) {
    const QJsonValue value = object.value(QLatin1String(key));
    if (!value.isString() || value.toString().isEmpty()) {
      fail(path + key + " must be a non-empty string");
      return {};
    }
    return value.toString().toStdString();
  }

  double number(const QJsonObject& object, const char* key, const std::string& path) {
    const QJsonValue value = object.value(QLatin1String(key));
    if (!value.isDouble() || !std::isfinite(value.toDouble())) {
      fail(path + key + " must be a number");
      return 0;
    }
    return value.toDouble();
  }

  QJsonObject object(const QJsonObject& parent, const char* key, const std::string& path,
                     bool required = true) {
    const QJsonValue value = parent.value(QLatin1String(key));
    if (!value.isObject()) {
      if (required || !value.isUndefined()) fail(path + key + " must be an object");
      return {};
    }
    return value.toObject();
  }

  std::vector<float> floats(const QJsonObject& object, const char* key, const std::string& path) {
    std::vector<float> values;
    const QJsonValue value = object.value(QLatin1String(key));
    if (!value.isArray()) {
      fail(path + key + " must be an array of numbers");
      return values;
    }
    for (const QJsonValue& item : value.toArray()) {
      // Beyond float's range the conversion itself would be undefined (found by fuzzing).
      if (!item.isDouble() || !std::isfinite(item.toDouble()) ||
          std::abs(item.toDouble()) > double(std::numeric_limits<float>::max())) {
        fail(path + key + " must hold only numbers");
        return {};
      }
      values.push_back(float(item.toDouble()));
    }
    return values;
  }

 private:
  std::string source_;
  std::string problem_;
};

// The format, id, version, species, architecture and CAM layer.
void readIdentity(CardReader& read, const QJsonObject& root, ModelCard& card) {
  if (root.value(QLatin1String("format")).toString() != QLatin1String("walness-model-card"))
    read.fail("format must be \"walness-model-card\"");
  const int formatVersion = wholeNumber(read.number(root, "format_version", ""));
  if (!read.failed() && formatVersion != ModelCard::kFormatVersion)
    read.fail("format_version " + std::to_string(formatVersion) +
              " is not supported by this Walness (it reads version " +
              std::to_string(ModelCard::kFormatVersion) + ")");

  card.id = read.string(root, "id", "");
  card.version = read.string(root, "version", "");
  const std::string species = read.string(root, "species", "");
  if (auto parsed = speciesFromId(species))
    card.species = *parsed;
  else if (!read.failed())
    read.fail("species must be \"dog\" or \"cat\", not \"" + species + "\"");
  card.architecture = read.string(root, "architecture", "");
  card.camLayer = read.string(root, "cam_layer", "");
}

// The input section: size, resize policy and normalisation.
void readInput(CardReader& read, const QJsonObject& root, ModelCard& card) {
  const QJsonObject input = read.object(root, "input", "");
  if (read.failed()) return;
  card.input.size = wholeNumber(read.number(input, "size", "input."));
  if (!read.failed() && (card.input.size < 32 || card.input.size > 1024))
    read.fail("input.size must be between 32 and 1024");
  const std::string resize = read.string(input, "resize", "input.");
  if (auto policy = imaging::resizePolicyFromId(resize))
    card.input.resize = *policy;
  else if (!read.failed())
    read.fail("input.resize must be \"letterbox\" or \"center_crop\"");
  const auto mean = read.floats(input, "mean", "input.");
  const auto std = read.floats(input, "std", "input.");
  if (!read.failed() && (mean.size() != 3 || std.size() != 3))
    read.fail("input.mean and input.std need three values (R, G, B)");
  if (read.failed()) return;
  for (int c = 0; c < 3; ++c) {
    card.input.mean[c] = mean[c];
    card.input.std[c] = std[c];
    if (std[c] <= 0) read.fail("input.std values must be positive");
  }
}

// The labels: known disease ids, each once, with a threshold strictly between 0 and 1.
void readLabels(CardReader& read, const QJsonObject& root, ModelCard& card) {
  const QJsonValue labels = root.value(QLatin1String("labels"));
  if (!labels.isArray() || labels.toArray().isEmpty())
    read.fail("labels must be a non-empty array");
  std::set<std::string> seen;
  for (const QJsonValue& value : labels.toArray()) {
    if (read.failed()) break;
    if (!value.isObject()) {
      read.fail("each label must be an object with id and threshold");
      break;
    }
    LabelSpec label{read.string(value.toObject(), "id", "labels[]."),
                    read.number(value.toObject(), "threshold", "labels[].")};
    if (read.failed()) break;
    if (!findDisease(label.id)) read.fail("label \"" + label.id + "\" is not a known disease id");
    if (!seen.insert(label.id).second) read.fail("label \"" + label.id + "\" appears twice");
    if (!(label.threshold > 0 && label.threshold < 1))
      read.fail("the threshold of \"" + label.id + "\" must lie between 0 and 1");
    card.labels.push_back(label);
  }
}

// The optional out-of-distribution statistics.
void readOod(CardReader& read, const QJsonObject& root, ModelCard& card) {
  const QJsonObject ood = read.object(root, "ood", "", /*required=*/false);
  if (read.failed() || ood.isEmpty()) return;
  OodStatistics statistics;
  statistics.featureMean = read.floats(ood, "feature_mean", "ood.");
  statistics.featureStd = read.floats(ood, "feature_std", "ood.");
  statistics.threshold = read.number(ood, "threshold", "ood.");
  statistics.description = ood.value(QLatin1String("description")).toString().toStdString();
  if (!read.failed() && (statistics.featureMean.empty() ||
                         statistics.featureMean.size() != statistics.featureStd.size()))
    read.fail("ood.feature_mean and ood.feature_std must have the same, non-zero length");
  for (float value : statistics.featureStd)
    if (!read.failed() && value <= 0) read.fail("ood.feature_std values must be positive");
  card.ood = std::move(statistics);
}

// The weights file: a plain .safetensors name inside the bundle folder, and its SHA-256.
void readWeights(CardReader& read, const QJsonObject& root, ModelCard& card) {
  const QJsonObject weights = read.object(root, "weights", "");
  if (read.failed()) return;
  card.weightsFile = read.string(weights, "file", "weights.");
  card.weightsSha256 = read.string(weights, "sha256", "weights.");
  if (!read.failed() &&
      (card.weightsFile.find('/') != std::string::npos ||
       card.weightsFile.find('\\') != std::string::npos || card.weightsFile.size() <= 12 ||
       !card.weightsFile.ends_with(".safetensors") || card.weightsFile.front() == '.'))
    read.fail("weights.file must be a .safetensors file name inside the bundle folder");
  if (!read.failed() && card.weightsSha256.size() != 64)
    read.fail("weights.sha256 must be 64 hexadecimal digits");
}

QJsonArray toArray(const std::vector<float>& values) {
  QJsonArray array;
  for (float value : values) array.append(double(value));
  return array;
}

QString qs(const std::string& text) {
  return QString::fromStdString(text);
}

}  // namespace

Result<ModelCard> parseModelCard(const QByteArray& json, const std::string& source) {
  QJsonParseError parseError;
  const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
  if (parseError.error != QJsonParseError::NoError)
    return Error{source + ": the model card is not valid JSON (" +
                 parseError.errorString().toStdString() + " at byte " +
                 std::to_string(parseError.offset) + ")"};
  if (!document.isObject()) return Error{source + ": the model card must be a JSON object"};
  const QJsonObject root = document.object();
  CardReader read(source);
  ModelCard card;

  // The order of the steps is the order problems are found in: the reader keeps the first.
  readIdentity(read, root, card);
  readInput(read, root, card);
  readLabels(read, root, card);
  card.temperature = read.number(root, "temperature", "");
  if (!read.failed() && !(card.temperature > 0.01 && card.temperature < 100))
    read.fail("temperature must lie between 0.01 and 100");
  readOod(read, root, card);
  card.metrics = read.object(root, "metrics", "", /*required=*/false);
  card.provenance = read.object(root, "provenance", "", /*required=*/false);
  readWeights(read, root, card);
  card.created = root.value(QLatin1String("created")).toString().toStdString();
  card.trainerVersion = root.value(QLatin1String("trainer"))
                            .toObject()
                            .value(QLatin1String("version"))
                            .toString()
                            .toStdString();

  if (read.failed()) return read.error();
  return card;
}

QByteArray serializeModelCard(const ModelCard& card) {
  QJsonObject root;
  root.insert(QStringLiteral("format"), QStringLiteral("walness-model-card"));
  root.insert(QStringLiteral("format_version"), ModelCard::kFormatVersion);
  root.insert(QStringLiteral("id"), qs(card.id));
  root.insert(QStringLiteral("version"), qs(card.version));
  const std::string_view species = speciesId(card.species);
  root.insert(QStringLiteral("species"), QString::fromLatin1(species.data(), species.size()));
  root.insert(QStringLiteral("architecture"), qs(card.architecture));
  root.insert(
      QStringLiteral("input"),
      QJsonObject{
          {QStringLiteral("size"), card.input.size},
          {QStringLiteral("resize"), qs(imaging::resizePolicyId(card.input.resize))},
          {QStringLiteral("mean"), toArray({card.input.mean.begin(), card.input.mean.end()})},
          {QStringLiteral("std"), toArray({card.input.std.begin(), card.input.std.end()})}});
  QJsonArray labels;
  for (const LabelSpec& label : card.labels)
    labels.append(QJsonObject{{QStringLiteral("id"), qs(label.id)},
                              {QStringLiteral("threshold"), label.threshold}});
  root.insert(QStringLiteral("labels"), labels);
  root.insert(QStringLiteral("cam_layer"), qs(card.camLayer));
  root.insert(QStringLiteral("temperature"), card.temperature);
  if (card.ood)
    root.insert(QStringLiteral("ood"),
                QJsonObject{{QStringLiteral("feature_mean"), toArray(card.ood->featureMean)},
                            {QStringLiteral("feature_std"), toArray(card.ood->featureStd)},
                            {QStringLiteral("threshold"), card.ood->threshold},
                            {QStringLiteral("description"), qs(card.ood->description)}});
  root.insert(QStringLiteral("metrics"), card.metrics);
  root.insert(QStringLiteral("provenance"), card.provenance);
  root.insert(QStringLiteral("weights"),
              QJsonObject{{QStringLiteral("file"), qs(card.weightsFile)},
                          {QStringLiteral("sha256"), qs(card.weightsSha256)}});
  root.insert(QStringLiteral("created"), qs(card.created));
  root.insert(QStringLiteral("trainer"),
              QJsonObject{{QStringLiteral("name"), QStringLiteral("walness-cli train")},
                          {QStringLiteral("version"), qs(card.trainerVersion)}});
  return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

}  // namespace walness::bundle
