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

}  // namespace

int runTrainGate(const QStringList& arguments) {
  QCommandLineParser parser;
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
  const auto model = option("model", "The disease model bundle (required).", "dir");
  const auto data =
      option("data",
             "Folder with dog-eye, cat-eye, not-eye, cat-photos and dog-photos (default: "
             "../shared/data).",
             "dir");
  const auto epochs = option("epochs", "Epochs of the head.", "n", "40");
  const auto limit =
      option("limit", "At most N photos per source and split (quick runs, tests).", "n", "0");
  const auto cache = option("cache", "Folder to keep extracted features in for reruns.", "dir");
  const auto threads = option("threads", "LibTorch threads.", "n", "2");
  const auto version = option("gate-version", "Version of the gate.", "version", "1.0.0");
  const auto reuse = option("reuse-head",
                            "Keep the bundle's gate head: only re-measure it and refit the eye "
                            "finder's cat-face layout.");
  const auto locatorOnly = option("locator-only",
                                  "Keep the bundle's gate head; train only its eye locator (on "
                                  "the boxed cat and dog photos) and re-measure the eye finder.");
  const auto finderOnly = option("finder-only",
                                 "Train nothing: re-measure the eye finder with the bundle's gate "
                                 "and locator and rewrite the card's eye_finder numbers.");
  const auto locatorFor = option(
      "locator-for",
      "The species the eye finder uses the locator for, e.g. cat or cat,dog (default: those it "
      "was trained on).",
      "species");
  const auto locatorEpochs =
      option("locator-epochs", "Epochs of the eye locator's head.", "n", "24");
  const auto locatorSide =
      option("locator-side",
             "The eye locator sees a photo with its longer side scaled to this (multiple of 32).",
             "px", "640");
  const auto catEyeWeight =
      option("cat-eye-weight",
             "Extra weight of the cat-eye class in the head's loss; a comma list (1,1.5,2,3) "
             "picks one by 5-fold cross-validation on the training views.",
             "w[,w...]", "1");
  const auto scores = option("val-scores", "Write every val photo's probabilities as CSV.", "file");
  const auto json = option("json", "Print the card's metrics as JSON on stdout.");
  if (const auto finished = parseOrFinish(parser, arguments)) return *finished;
  if (!parser.isSet(model)) {
    err() << "walness-cli train-gate: give --model DIR.\n";
    return kExitUsage;
  }
  if (!QFileInfo::exists(parser.value(model) + QStringLiteral("/model.json"))) {
    err() << "walness-cli train-gate: " << parser.value(model)
          << " is not a model bundle (no model.json).\n";
    return kExitModel;
  }
  bool ok = true;
  gate::GateTrainingOptions options;
  options.epochs = parser.value(epochs).toInt(&ok);
  if (!ok || options.epochs < 1) {
    err() << "walness-cli train-gate: --epochs must be a whole number above 0.\n";
    return kExitUsage;
  }
  options.locator.epochs = parser.value(locatorEpochs).toInt(&ok);
  if (!ok || options.locator.epochs < 1) {
    err() << "walness-cli train-gate: --locator-epochs must be a whole number above 0.\n";
    return kExitUsage;
  }
  options.locator.settings.inputSide = parser.value(locatorSide).toInt(&ok);
  if (!ok || options.locator.settings.inputSide < 224 ||
      options.locator.settings.inputSide > 2048 || options.locator.settings.inputSide % 32 != 0) {
    err() << "walness-cli train-gate: --locator-side must be a multiple of 32 from 224 to 2048.\n";
    return kExitUsage;
  }
  for (const QString& id : parser.value(locatorFor).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
    const auto species = speciesFromId(id.trimmed().toStdString());
    if (!species) {
      err() << "walness-cli train-gate: --locator-for takes dog and/or cat (\"" << id
            << "\" is neither).\n";
      return kExitUsage;
    }
    options.locatorUsedFor.push_back(*species);
  }
  options.limitPerSource = parser.value(limit).toInt(&ok);
  if (!ok || options.limitPerSource < 0) {
    err() << "walness-cli train-gate: --limit must be 0 or more.\n";
    return kExitUsage;
  }
  options.catEyeWeights.clear();
  for (const QString& text : parser.value(catEyeWeight).split(QLatin1Char(','))) {
    const double weight = text.trimmed().toDouble(&ok);
    if (!ok || weight <= 0 || weight > 100) {
      err() << "walness-cli train-gate: --cat-eye-weight takes numbers above 0 (up to 100), "
               "separated by commas.\n";
      return kExitUsage;
    }
    options.catEyeWeights.push_back(weight);
  }
  const int threadCount = parser.value(threads).toInt(&ok);
  if (!ok || threadCount < 1) {
    err() << "walness-cli train-gate: --threads must be 1 or more.\n";
    return kExitUsage;
  }
  at::set_num_threads(threadCount);
  const QString dataFolder =
      parser.isSet(data) ? parser.value(data) : sharedDirectory() + QStringLiteral("/data");
  options.folders = gate::GateDataFolders::under(dataFolder.toStdString());
  options.featureCache = parser.value(cache).toStdString();
  options.version = parser.value(version).toStdString();
  options.stop = &stopRequested;
  options.reuseHead = parser.isSet(reuse);
  options.valScoresCsv = parser.value(scores).toStdString();
  std::string lastPhase;
  options.progress = [&](const std::string& phase, size_t done, size_t total) {
    if (phase != lastPhase && !lastPhase.empty()) err() << "\n";
    lastPhase = phase;
    err() << "\r" << qs(phase) << " " << done << (total ? "/" + QString::number(total) : QString());
    err().flush();
  };
  std::signal(SIGINT, requestStop);
  std::signal(SIGTERM, requestStop);
  const std::string bundleDirectory = parser.value(model).toStdString();
  auto card = parser.isSet(finderOnly)    ? gate::measureEyeGateFinder(bundleDirectory, options)
              : parser.isSet(locatorOnly) ? gate::trainEyeGateLocator(bundleDirectory, options)
                                          : gate::trainEyeGate(bundleDirectory, options);
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  err() << "\n";
  if (!card) {
    err() << "walness-cli train-gate: " << qs(card.message()) << "\n";
    return kExitFailure;
  }
  const QJsonObject summary = card->metrics.value(QStringLiteral("summary")).toObject();
  if (parser.isSet(json)) {
    out() << QJsonDocument(card->metrics).toJson(QJsonDocument::Compact) << "\n";
  } else {
    out() << "Eye gate written to " << parser.value(model) << "/eye-gate.json\n";
    for (auto it = summary.begin(); it != summary.end(); ++it) {
      const QJsonObject entry = it.value().toObject();
      out() << "  " << it.key() << ": " << entry.value(QStringLiteral("count")).toInt() << " of "
            << entry.value(QStringLiteral("of")).toInt() << " ("
            << QString::number(100 * entry.value(QStringLiteral("share")).toDouble(), 'f', 1)
            << "%)\n";
    }
    const QJsonObject finder = card->metrics.value(QStringLiteral("eye_finder")).toObject();
    for (auto it = finder.begin(); it != finder.end(); ++it) {
      if (!it.value().isObject()) continue;
      const QJsonObject entry = it.value().toObject();
      out() << "  eye finder " << it.key() << ": " << entry.value(QStringLiteral("count")).toInt()
            << " of " << entry.value(QStringLiteral("of")).toInt() << "\n";
    }
  }
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
  int modelExit = kExitOk;
  const std::string bundleDirectory = resolveBundleDirectory(
      QStringLiteral("locate"), parser.value(modelOption), Species::Dog, &modelExit);
  if (modelExit != kExitOk) return modelExit;
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
  for (const QString& image : images) {
    auto decoded = imaging::decodeImageFile(image.toStdString());
    if (!decoded) {
      err() << "walness-cli locate: " << qs(decoded.message()) << "\n";
      exitCode = kExitBadInput;
      continue;
    }
    QJsonArray eyes;
    for (const gate::EyeSquare& eye : finder.find(decoded->rgb, *species, 4)) {
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
  }
  return exitCode;
}

}  // namespace walness::cli
