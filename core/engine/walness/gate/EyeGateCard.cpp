#include "walness/gate/EyeGateCard.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace walness::gate {

namespace {

QString qs(const std::string& text) {
  return QString::fromStdString(text);
}

QJsonArray speciesIds(const std::vector<Species>& species) {
  QJsonArray ids;
  for (const Species one : species) ids.append(QString::fromLatin1(speciesId(one).data()));
  return ids;
}

// Reads one card, remembering the first problem with the field that has it.
class GateCardReader {
 public:
  explicit GateCardReader(std::string source) : source_(std::move(source)) {}
  bool failed() const { return !problem_.empty(); }
  Error error() const { return Error{source_ + ": invalid eye gate card: " + problem_}; }

  std::string string(const QJsonObject& object, const char* key) {
    const QJsonValue value = object.value(QLatin1String(key));
    if (!value.isString() || value.toString().isEmpty())
      fail(std::string(key) + " must be a non-empty string");
    return value.toString().toStdString();
  }
  double number(const QJsonObject& object, const char* key, double low, double high) {
    const QJsonValue value = object.value(QLatin1String(key));
    const double number = value.toDouble(std::nan(""));
    if (!value.isDouble() || !(number >= low && number <= high))
      fail(std::string(key) + " must be a number from " + std::to_string(low) + " to " +
           std::to_string(high));
    return number;
  }
  int64_t whole(const QJsonObject& object, const char* key, int64_t low, int64_t high) {
    const double value = number(object, key, double(low), double(high));
    if (!failed() && value != std::floor(value)) fail(std::string(key) + " must be a whole number");
    return failed() ? 0 : int64_t(value);
  }
  void fail(const std::string& problem) {
    if (problem_.empty()) problem_ = problem;
  }

 private:
  std::string source_;
  std::string problem_;
};

// The backbone the head reads, the head's size and its decision thresholds.
void readHead(GateCardReader& read, const QJsonObject& root, EyeGateCard& card) {
  const QJsonObject backbone = root.value(QStringLiteral("backbone")).toObject();
  card.backboneModelId = read.string(backbone, "model_id");
  card.backboneWeightsSha256 = read.string(backbone, "weights_sha256");
  card.featureChannels = read.whole(backbone, "feature_channels", 1, 100000);
  card.hidden = read.whole(root, "hidden", 1, 100000);
  const QJsonObject decision = root.value(QStringLiteral("decision")).toObject();
  card.notEyeThreshold = read.number(decision, "not_eye_threshold", 0, 1);
  card.otherSpeciesThreshold = read.number(decision, "other_species_threshold", 0, 1);
  card.finderMinScore = read.number(decision, "finder_min_score", 0, 1);
}

CatEyeLayout readCatEyeLayout(GateCardReader& read, const QJsonObject& cat) {
  CatEyeLayout layout;
  layout.leftX = read.number(cat, "left_x", -1, 2);
  layout.leftY = read.number(cat, "left_y", -1, 2);
  layout.rightX = read.number(cat, "right_x", -1, 2);
  layout.rightY = read.number(cat, "right_y", -1, 2);
  layout.side = read.number(cat, "side", 0.001, 2);
  layout.cascade = read.string(cat, "cascade");
  if (layout.cascade.find('/') != std::string::npos ||
      layout.cascade.find("..") != std::string::npos)
    read.fail("cat_eye_layout.cascade must be a file name from OpenCV's data folder");
  return layout;
}

// The species the locator finds eyes of; absent means the settings' default.
void readLocatorSpecies(GateCardReader& read, const QJsonObject& located,
                        locator::EyeLocatorSettings& settings) {
  if (!located.contains(QStringLiteral("species"))) return;
  settings.species.clear();
  for (const QJsonValue& id : located.value(QStringLiteral("species")).toArray()) {
    const auto species = speciesFromId(id.toString().toStdString());
    if (species)
      settings.species.push_back(*species);
    else
      read.fail("eye_locator.species: unknown species \"" + id.toString().toStdString() + "\"");
  }
  if (settings.species.empty()) read.fail("eye_locator.species names no species");
}

locator::EyeLocatorSettings readEyeLocator(GateCardReader& read, const QJsonObject& located) {
  locator::EyeLocatorSettings settings;
  settings.inputSide = read.whole(located, "input_side", 64, 4096);
  settings.fineChannels = read.whole(located, "fine_channels", 1, 100000);
  settings.deepChannels = read.whole(located, "deep_channels", 1, 100000);
  settings.hidden = read.whole(located, "hidden", 1, 100000);
  settings.minScore = read.number(located, "min_score", 0, 1);
  settings.squareMargin = read.number(located, "square_margin", 0.1, 10);
  readLocatorSpecies(read, located, settings);
  const QJsonObject locatorWeights = located.value(QStringLiteral("weights")).toObject();
  settings.weightsFile = read.string(locatorWeights, "file");
  settings.weightsSha256 = read.string(locatorWeights, "sha256");
  if (settings.weightsFile.find('/') != std::string::npos ||
      settings.weightsFile.find("..") != std::string::npos)
    read.fail("eye_locator.weights.file must be a file name inside the bundle");
  settings.metrics = located.value(QStringLiteral("metrics")).toObject();
  settings.training = located.value(QStringLiteral("training")).toObject();
  return settings;
}

}  // namespace

Result<EyeGateCard> parseEyeGateCard(const QByteArray& json, const std::string& source) {
  QJsonParseError parseError;
  const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
  if (!document.isObject())
    return Error{source + ": not a JSON object (" + parseError.errorString().toStdString() + ")"};
  const QJsonObject root = document.object();
  GateCardReader read(source);
  if (root.value(QStringLiteral("format")).toString() != QLatin1String("walness-eye-gate"))
    read.fail("format must be \"walness-eye-gate\"");
  if (read.whole(root, "format_version", 1, 1000) > EyeGateCard::kFormatVersion)
    read.fail("format_version is newer than this Walness understands; update Walness");

  // The order of the steps is the order problems are found in: the reader keeps the first.
  EyeGateCard card;
  card.id = read.string(root, "id");
  card.version = read.string(root, "version");
  readHead(read, root, card);
  card.catEyes = readCatEyeLayout(read, root.value(QStringLiteral("cat_eye_layout")).toObject());
  const QJsonObject weights = root.value(QStringLiteral("weights")).toObject();
  card.weightsFile = read.string(weights, "file");
  card.weightsSha256 = read.string(weights, "sha256");
  if (card.weightsFile.find('/') != std::string::npos ||
      card.weightsFile.find("..") != std::string::npos)
    read.fail("weights.file must be a file name inside the bundle");
  if (root.contains(QStringLiteral("eye_locator")))
    card.locator = readEyeLocator(read, root.value(QStringLiteral("eye_locator")).toObject());
  card.metrics = root.value(QStringLiteral("metrics")).toObject();
  card.provenance = root.value(QStringLiteral("provenance")).toObject();
  card.created = root.value(QStringLiteral("created")).toString().toStdString();
  card.trainerVersion = root.value(QStringLiteral("trainer"))
                            .toObject()
                            .value(QStringLiteral("version"))
                            .toString()
                            .toStdString();
  if (read.failed()) return read.error();
  return card;
}

QByteArray serializeEyeGateCard(const EyeGateCard& card) {
  QJsonObject root{
      {QStringLiteral("format"), QStringLiteral("walness-eye-gate")},
      {QStringLiteral("format_version"), EyeGateCard::kFormatVersion},
      {QStringLiteral("id"), qs(card.id)},
      {QStringLiteral("version"), qs(card.version)},
      {QStringLiteral("classes"),
       QJsonArray{QStringLiteral("dog_eye"), QStringLiteral("cat_eye"), QStringLiteral("not_eye")}},
      {QStringLiteral("backbone"),
       QJsonObject{{QStringLiteral("model_id"), qs(card.backboneModelId)},
                   {QStringLiteral("weights_sha256"), qs(card.backboneWeightsSha256)},
                   {QStringLiteral("feature_channels"), double(card.featureChannels)},
                   {QStringLiteral("pooling"), QStringLiteral("mean and max over the CAM layer")}}},
      {QStringLiteral("hidden"), double(card.hidden)},
      {QStringLiteral("decision"),
       QJsonObject{{QStringLiteral("not_eye_threshold"), card.notEyeThreshold},
                   {QStringLiteral("other_species_threshold"), card.otherSpeciesThreshold},
                   {QStringLiteral("finder_min_score"), card.finderMinScore}}},
      {QStringLiteral("cat_eye_layout"),
       QJsonObject{{QStringLiteral("left_x"), card.catEyes.leftX},
                   {QStringLiteral("left_y"), card.catEyes.leftY},
                   {QStringLiteral("right_x"), card.catEyes.rightX},
                   {QStringLiteral("right_y"), card.catEyes.rightY},
                   {QStringLiteral("side"), card.catEyes.side},
                   {QStringLiteral("cascade"), qs(card.catEyes.cascade)}}},
      {QStringLiteral("weights"), QJsonObject{{QStringLiteral("file"), qs(card.weightsFile)},
                                              {QStringLiteral("sha256"), qs(card.weightsSha256)}}},
      {QStringLiteral("metrics"), card.metrics},
      {QStringLiteral("provenance"), card.provenance},
      {QStringLiteral("created"), qs(card.created)},
      {QStringLiteral("trainer"),
       QJsonObject{{QStringLiteral("name"), QStringLiteral("walness-cli train-gate")},
                   {QStringLiteral("version"), qs(card.trainerVersion)}}}};
  if (card.locator) {
    const locator::EyeLocatorSettings& l = *card.locator;
    root.insert(
        QStringLiteral("eye_locator"),
        QJsonObject{
            {QStringLiteral("what"),
             QStringLiteral("per cell of the backbone's stride-16 map (features.13, with "
                            "features.17 upsampled): the probability that an eye's centre lies "
                            "there, where in the cell, and the eye's size")},
            {QStringLiteral("input_side"), double(l.inputSide)},
            {QStringLiteral("fine_channels"), double(l.fineChannels)},
            {QStringLiteral("deep_channels"), double(l.deepChannels)},
            {QStringLiteral("hidden"), double(l.hidden)},
            {QStringLiteral("min_score"), l.minScore},
            {QStringLiteral("square_margin"), l.squareMargin},
            {QStringLiteral("species"), speciesIds(l.species)},
            {QStringLiteral("weights"),
             QJsonObject{{QStringLiteral("file"), qs(l.weightsFile)},
                         {QStringLiteral("sha256"), qs(l.weightsSha256)}}},
            {QStringLiteral("metrics"), l.metrics},
            {QStringLiteral("training"), l.training}});
  }
  return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

}  // namespace walness::gate
