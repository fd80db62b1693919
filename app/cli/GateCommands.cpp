#include "GateCommands.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <ATen/Parallel.h>

#include <atomic>
#include <csignal>

#include "CliCommon.h"
#include "walness/gate/EyeFinder.h"
#include "walness/imaging/ImageDecoder.h"
#include "walness/inference/Classifier.h"
#include "walness/training/gate/GateTrainer.h"

namespace walness::cli {

namespace {

std::atomic<bool> stopRequested{false};
extern "C" void requestStop(int) {
  stopRequested = true;
}

QString qs(const std::string& text) {
  return QString::fromStdString(text);
}

void addTrainGateOptions(QCommandLineParser& parser) {
  parser.setApplicationDescription(QStringLiteral(
      "Trains the eye gate of a disease model bundle: a small head on the model's own backbone "
      "features that tells a dog's eye close-up, a cat's eye close-up and anything else apart. "
      "Measures it on the val splits and writes eye-gate.json and eye-gate.safetensors into the "
      "bundle. Run it again whenever the bundle's weights change."));
  parser.addHelpOption();
  const auto option = [&](const char* name, const char* help, const char* value = nullptr,
                          const char* fallback = nullptr) {
    return addOption(parser, name, help, value, fallback);
  };
  option("model", "The disease model bundle (required).", "dir");
  option("data",
         "Folder with dog-eye, cat-eye, not-eye, cat-photos and dog-photos (default: "
         "../shared/data).",
         "dir");
  option("epochs", "Epochs of the head.", "n", "40");
  option("limit", "At most N photos per source and split (quick runs, tests).", "n", "0");
  option("cache", "Folder to keep extracted features in for reruns.", "dir");
  option("threads", "LibTorch threads.", "n", "2");
  option("gate-version", "Version of the gate.", "version", "1.0.0");
  option("reuse-head",
         "Keep the bundle's gate head: only re-measure it and refit the eye "
         "finder's cat-face layout.");
  option("locator-only",
         "Keep the bundle's gate head; train only its eye locator (on "
         "the boxed cat and dog photos) and re-measure the eye finder.");
  option("finder-only",
         "Train nothing: re-measure the eye finder with the bundle's gate "
         "and locator and rewrite the card's eye_finder numbers.");
  option("locator-for",
         "The species the eye finder uses the locator for, e.g. cat or cat,dog (default: those it "
         "was trained on).",
         "species");
  option("locator-epochs", "Epochs of the eye locator's head.", "n", "24");
  option("locator-side",
         "The eye locator sees a photo with its longer side scaled to this (multiple of 32).", "px",
         "640");
  option("locator-eye-free-views",
         "Views of each eye-free not-eye photo (objects, no animal) the eye locator learns as "
         "background; 0 leaves them out (measured: fewer sure squares on eye-free photos, 5 fewer "
         "cat photos found; docs/eye-gate.md).",
         "n", "0");
  option("cat-eye-weight",
         "Extra weight of the cat-eye class in the head's loss; a comma list (1,1.5,2,3) "
         "picks one by 5-fold cross-validation on the training views.",
         "w[,w...]", "1");
  option("val-scores", "Write every val photo's probabilities as CSV.", "file");
  option("json", "Print the card's metrics as JSON on stdout.");
}

// What `train-gate` was told: the bundle, the trainer's options and what to train.
struct TrainGateSettings {
  QString model;
  gate::GateTrainingOptions options;
  int threads = 2;
  bool finderOnly = false;
  bool locatorOnly = false;
  bool json = false;
};

// --locator-for: "cat" or "cat,dog"; empty: the species the locator was trained on.
Result<std::vector<Species>> readLocatorSpecies(const QString& text) {
  std::vector<Species> all;
  for (const QString& id : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
    const auto species = speciesFromId(id.trimmed().toStdString());
    if (!species)
      return badInputError(
          QStringLiteral("--locator-for takes dog and/or cat (\"%1\" is neither).").arg(id));
    all.push_back(*species);
  }
  return all;
}

// --cat-eye-weight: one weight, or a comma list to pick from by cross-validation.
Result<std::vector<double>> readCatEyeWeights(const QString& text) {
  std::vector<double> weights;
  for (const QString& part : text.split(QLatin1Char(','))) {
    bool ok = false;
    const double weight = part.trimmed().toDouble(&ok);
    if (!ok || weight <= 0 || weight > 100)
      return badInputError(
          QStringLiteral("--cat-eye-weight takes numbers above 0 (up to 100), separated by "
                         "commas."));
    weights.push_back(weight);
  }
  return weights;
}

// The numbers of the options; every error is a usage error.
Status readTrainGateNumbers(const QCommandLineParser& parser, TrainGateSettings& settings) {
  const auto value = [&](const char* name) { return parser.value(QLatin1String(name)); };
  gate::GateTrainingOptions& options = settings.options;
  bool ok = true;
  options.epochs = value("epochs").toInt(&ok);
  if (!ok || options.epochs < 1)
    return badInputError(QStringLiteral("--epochs must be a whole number above 0."));
  options.locator.epochs = value("locator-epochs").toInt(&ok);
  if (!ok || options.locator.epochs < 1)
    return badInputError(QStringLiteral("--locator-epochs must be a whole number above 0."));
  const int side = options.locator.settings.inputSide = value("locator-side").toInt(&ok);
  if (!ok || side < 224 || side > 2048 || side % 32 != 0)
    return badInputError(
        QStringLiteral("--locator-side must be a multiple of 32 from 224 to 2048."));
  options.locator.eyeFreeViewsPerPhoto = value("locator-eye-free-views").toInt(&ok);
  if (!ok || options.locator.eyeFreeViewsPerPhoto < 0 || options.locator.eyeFreeViewsPerPhoto > 64)
    return badInputError(
        QStringLiteral("--locator-eye-free-views must be a whole number from 0 to 64."));
  auto locatorFor = readLocatorSpecies(value("locator-for"));
  if (!locatorFor) return locatorFor.error();
  options.locatorUsedFor = std::move(*locatorFor);
  options.limitPerSource = value("limit").toInt(&ok);
  if (!ok || options.limitPerSource < 0)
    return badInputError(QStringLiteral("--limit must be 0 or more."));
  auto weights = readCatEyeWeights(value("cat-eye-weight"));
  if (!weights) return weights.error();
  options.catEyeWeights = std::move(*weights);
  settings.threads = value("threads").toInt(&ok);
  if (!ok || settings.threads < 1)
    return badInputError(QStringLiteral("--threads must be 1 or more."));
  return Ok{};
}

// The options in the order they are checked. A --model that is no bundle is NotFound (exit 4);
// every other error is a usage error.
Result<TrainGateSettings> readTrainGateSettings(const QCommandLineParser& parser) {
  const auto value = [&](const char* name) { return parser.value(QLatin1String(name)); };
  const auto given = [&](const char* name) { return parser.isSet(QLatin1String(name)); };
  TrainGateSettings settings;
  settings.model = value("model");
  if (!given("model")) return badInputError(QStringLiteral("give --model DIR."));
  if (!QFileInfo::exists(settings.model + QStringLiteral("/model.json")))
    return Error{
        (settings.model + QStringLiteral(" is not a model bundle (no model.json).")).toStdString(),
        ErrorKind::NotFound};
  if (auto numbers = readTrainGateNumbers(parser, settings); !numbers) return numbers.error();
  gate::GateTrainingOptions& options = settings.options;
  const QString dataFolder =
      given("data") ? value("data") : sharedDirectory() + QStringLiteral("/data");
  options.folders = gate::GateDataFolders::under(dataFolder.toStdString());
  options.featureCache = value("cache").toStdString();
  options.version = value("gate-version").toStdString();
  options.reuseHead = given("reuse-head");
  options.valScoresCsv = value("val-scores").toStdString();
  settings.finderOnly = given("finder-only");
  settings.locatorOnly = given("locator-only");
  settings.json = given("json");
  return settings;
}

// Trains (or only measures) as told, with progress on stderr; Ctrl+C stops it.
Result<gate::EyeGateCard> trainGate(const TrainGateSettings& settings) {
  gate::GateTrainingOptions options = settings.options;
  options.stop = &stopRequested;
  std::string lastPhase;
  options.progress = [&](const std::string& phase, size_t done, size_t total) {
    if (phase != lastPhase && !lastPhase.empty()) err() << "\n";
    lastPhase = phase;
    err() << "\r" << qs(phase) << " " << done << (total ? "/" + QString::number(total) : QString());
    err().flush();
  };
  std::signal(SIGINT, requestStop);
  std::signal(SIGTERM, requestStop);
  const std::string bundleDirectory = settings.model.toStdString();
  auto card = settings.finderOnly    ? gate::measureEyeGateFinder(bundleDirectory, options)
              : settings.locatorOnly ? gate::trainEyeGateLocator(bundleDirectory, options)
                                     : gate::trainEyeGate(bundleDirectory, options);
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  err() << "\n";
  return card;
}

void printGateSummary(const gate::EyeGateCard& card, const QString& model) {
  out() << "Eye gate written to " << model << "/eye-gate.json\n";
  const QJsonObject summary = card.metrics.value(QStringLiteral("summary")).toObject();
  for (auto it = summary.begin(); it != summary.end(); ++it) {
    const QJsonObject entry = it.value().toObject();
    out() << "  " << it.key() << ": " << entry.value(QStringLiteral("count")).toInt() << " of "
          << entry.value(QStringLiteral("of")).toInt() << " ("
          << QString::number(100 * entry.value(QStringLiteral("share")).toDouble(), 'f', 1)
          << "%)\n";
  }
  const QJsonObject finder = card.metrics.value(QStringLiteral("eye_finder")).toObject();
  for (auto it = finder.begin(); it != finder.end(); ++it) {
    if (!it.value().isObject()) continue;
    const QJsonObject entry = it.value().toObject();
    out() << "  eye finder " << it.key() << ": " << entry.value(QStringLiteral("count")).toInt()
          << " of " << entry.value(QStringLiteral("of")).toInt() << "\n";
  }
}

// One JSON line with the eyes found in `image`; false when it cannot be read (said on stderr).
bool printEyesFound(const gate::EyeFinder& finder, const QString& image, Species species) {
  auto decoded = imaging::decodeImageFile(image.toStdString());
  if (!decoded) {
    err() << "walness-cli locate: " << qs(decoded.message()) << "\n";
    return false;
  }
  QJsonArray eyes;
  for (const gate::EyeSquare& eye : finder.find(decoded->rgb, species, 4)) {
    QJsonObject found{{QStringLiteral("x"), eye.square.x},
                      {QStringLiteral("y"), eye.square.y},
                      {QStringLiteral("size"), std::max(eye.square.width, eye.square.height)},
                      {QStringLiteral("score"), eye.score},
                      {QStringLiteral("how"), qs(eye.how)}};
    if (eye.how == "locator") found.insert(QStringLiteral("locator_score"), eye.located);
    eyes.append(found);
  }
  out() << QJsonDocument(QJsonObject{{QStringLiteral("file"), image},
                                     {QStringLiteral("width"), decoded->rgb.cols},
                                     {QStringLiteral("height"), decoded->rgb.rows},
                                     {QStringLiteral("eyes"), eyes}})
               .toJson(QJsonDocument::Compact)
        << "\n";
  out().flush();
  return true;
}

}  // namespace

int runTrainGate(const QStringList& arguments) {
  const QString command = QStringLiteral("walness-cli train-gate");
  QCommandLineParser parser;
  addTrainGateOptions(parser);
  if (const auto finished = parseOrFinish(parser, arguments)) return *finished;
  const auto settings = readTrainGateSettings(parser);
  if (!settings)
    return reportFailure(command, settings.error(),
                         settings.error().kind == ErrorKind::NotFound ? kExitModel : kExitUsage);
  at::set_num_threads(settings->threads);
  auto card = trainGate(*settings);
  if (!card) {
    err() << command << ": " << qs(card.message()) << "\n";
    return kExitFailure;
  }
  if (settings->json)
    out() << QJsonDocument(card->metrics).toJson(QJsonDocument::Compact) << "\n";
  else
    printGateSummary(*card, settings->model);
  return kExitOk;
}

int runLocate(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral(
      "Finds eyes in whole photos: per photo one JSON line {\"file\", \"width\", \"height\", "
      "\"eyes\": [{\"x\", \"y\", \"size\", \"score\"}, ...]} with at most 4 squares, best first, "
      "in pixels of the upright photo. Needs a model bundle with an eye gate.\n"
      "Exit codes: 0 ok, 2 usage, 3 unreadable input, 4 model bundle problem."));
  parser.addHelpOption();
  const QCommandLineOption speciesOption =
      addOption(parser, "species", "dog or cat (required).", "species");
  const QCommandLineOption modelOption =
      addOption(parser, "model",
                "Model bundle folder (default: the installed dog bundle, whose gate knows "
                "both species).",
                "dir");
  const QCommandLineOption jsonOption =
      addOption(parser, "json", "JSON lines (the default and only format).");
  parser.addPositionalArgument(QStringLiteral("images"), QStringLiteral("Photos."),
                               QStringLiteral("IMAGE..."));
  if (const auto finished = parseOrFinish(parser, arguments)) return *finished;
  const QStringList images = parser.positionalArguments();
  const auto species = speciesFromId(parser.value(speciesOption).toStdString());
  if (images.isEmpty() || !species) {
    err() << "walness-cli locate: give --species dog|cat and at least one photo.\n";
    return kExitUsage;
  }
  // The gate lives beside a disease model; today only the dog model has one, and its gate
  // scores cat eyes too.
  const auto resolved = resolveBundleDirectory(parser.value(modelOption), Species::Dog);
  if (!resolved)
    return reportFailure(QStringLiteral("walness-cli locate"), resolved.error(), kExitModel);
  const std::string& bundleDirectory = *resolved;
  auto loaded = inference::Classifier::load(bundleDirectory);
  if (!loaded) {
    err() << "walness-cli locate: cannot use the model bundle: " << qs(loaded.message()) << "\n";
    return kExitModel;
  }
  const auto& classifier = *loaded.value();
  if (!classifier.eyeGate()) {
    err() << "walness-cli locate: the model bundle " << qs(bundleDirectory)
          << " has no eye gate; train one with 'walness-cli train-gate --model DIR'.\n";
    return kExitModel;
  }
  const gate::EyeFinder finder(classifier.network(), *classifier.eyeGate(),
                               classifier.card().input);
  int exitCode = kExitOk;
  for (const QString& image : images)
    if (!printEyesFound(finder, image, *species)) exitCode = kExitBadInput;
  return exitCode;
}

}  // namespace walness::cli
