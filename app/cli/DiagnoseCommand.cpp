#include "DiagnoseCommand.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <memory>

#include "CliCommon.h"
#include "walness/Diseases.h"
#include "walness/cam/CamMethod.h"
#include "walness/cam/Heatmap.h"
#include "walness/gate/EyeFinder.h"
#include "walness/gate/EyePair.h"
#include "walness/imaging/ImageDecoder.h"
#include "walness/inference/Classifier.h"
#include "walness/inference/ScreeningJson.h"
#include "walness/io/RegularFile.h"
#include "walness/knowledge/Advice.h"

namespace walness::cli {

namespace {

QString qs(const std::string& text) {
  return QString::fromStdString(text);
}

// --region x,y,w,h (empty: none); an error is a usage error.
Result<std::optional<cv::Rect>> parseRegion(const QString& text) {
  if (text.isEmpty()) return std::optional<cv::Rect>();
  const QStringList parts = text.split(QLatin1Char(','));
  int values[4] = {0, 0, 0, 0};
  bool ok = parts.size() == 4;
  for (int i = 0; ok && i < 4; ++i) values[i] = parts[i].trimmed().toInt(&ok);
  if (!ok || values[0] < 0 || values[1] < 0 || values[2] <= 0 || values[3] <= 0)
    return badInputError(QStringLiteral("--region needs x,y,w,h with w and h above 0"));
  return std::optional<cv::Rect>(cv::Rect(values[0], values[1], values[2], values[3]));
}

QString percent(double probability) {
  return QString::number(int(std::lround(probability * 100))) + QLatin1Char('%');
}

// The command line speaks English (its JSON is for programs); the words come from the same
// translation system as the app's.
const Words& english() {
  static const Words words(Language::English);
  return words;
}

QString diseaseName(const std::string& id) {
  return walness::diseaseName(id, english());
}

void printAdvice(const inference::Diagnosis& diagnosis) {
  const knowledge::DiseaseKnowledge* known = knowledge::shippedKnowledge();
  if (!known) return;
  const auto advice = knowledge::adviceFor(diagnosis, *known, english());
  if (advice.empty()) return;
  out() << "  What to do, most urgent first:\n"
        << knowledge::adviceText(advice, english(), QStringLiteral("    "));
}

void printHuman(const QString& image, const inference::Diagnosis& diagnosis,
                const bundle::ModelCard& card, const QString& camLine) {
  QTextStream& o = out();
  o << image << "\n";
  o << "  Model: " << qs(card.id) << " " << qs(card.version) << " ("
    << qs(std::string(speciesId(card.species))) << ")\n";
  for (const auto& check : diagnosis.quality.checks)
    if (check.severity != imaging::QualitySeverity::Ok)
      o << "  Quality: " << imaging::qualityMessage(check, english()) << "\n";
  if (diagnosis.abstention) {
    o << "  No result: " << qs(diagnosis.abstention->message) << "\n";
  } else {
    if (diagnosis.anyPositive()) {
      const auto* top = diagnosis.top();
      o << "  Signs consistent with " << diseaseName(top->disease) << ": "
        << percent(top->probability) << "\n";
    } else {
      o << "  None of the diseases this model checks reached its threshold. This does not mean "
           "the eye is healthy.\n";
    }
    for (const auto& finding : diagnosis.findings)
      o << "    " << diseaseName(finding.disease).leftJustified(26) << " "
        << percent(finding.probability).rightJustified(4) << "  (threshold "
        << percent(finding.threshold) << ")" << (finding.positive ? "  positive" : "") << "\n";
    printAdvice(diagnosis);
  }
  QStringList checked;
  for (const auto& label : card.labels) checked << diseaseName(label.id);
  o << "  This model checks only for: " << checked.join(QStringLiteral(", "))
    << ". It cannot confirm a healthy eye.\n";
  if (!camLine.isEmpty()) o << "  " << camLine << "\n";
  o << "  A screening aid, not a veterinary diagnosis.\n";
}

// What every photo of one `diagnose` run is screened with.
struct DiagnoseRun {
  const inference::Classifier& classifier;
  const cam::CamMethod& method;
  bool json = false;
  QString camOut;  // a file, or a folder with several photos; empty: no heatmap file
  bool camOutIsFolder = false;
  bool autoCrop = false;
  bool allEyes = false;
};

// The --cam-out file for one square of `image`: with two eyes the photo's side goes before ".png".
QString camFileFor(const DiagnoseRun& run, const QString& image, gate::PhotoSide side) {
  if (run.camOut.isEmpty()) return {};
  QString file =
      run.camOutIsFolder
          ? QDir(run.camOut)
                .filePath(QFileInfo(image).completeBaseName() + QStringLiteral(".cam.png"))
          : run.camOut;
  if (side == gate::PhotoSide::Only) return file;
  const QString sideId = QString::fromStdString(gate::photoSideId(side));
  const qsizetype dot = file.lastIndexOf(QLatin1Char('.'));
  const qsizetype slash = file.lastIndexOf(QLatin1Char('/'));
  return dot > slash ? file.left(dot) + QLatin1Char('.') + sideId + file.mid(dot)
                     : file + QLatin1Char('.') + sideId;
}

// The squares to screen in one photo: the given region, the eyes found (the best one, or with
// --all-eyes both eyes of a pair), or the whole photo (an empty square).
struct SquareToScreen {
  std::optional<cv::Rect> square;
  gate::PhotoSide side = gate::PhotoSide::Only;
  QJsonValue autoCrop = QJsonValue::Null;  // the found square as `auto_crop` reports it
};

std::vector<SquareToScreen> squaresToScreen(const DiagnoseRun& run, const QString& image,
                                            const cv::Mat& photo,
                                            const std::optional<cv::Rect>& region) {
  if (region || !run.autoCrop || !run.classifier.eyeGate()) return {{region}};
  const gate::EyeFinder finder(run.classifier.network(), *run.classifier.eyeGate(),
                               run.classifier.card().input);
  const auto found = finder.find(photo, run.classifier.card().species, run.allEyes ? 4 : 1);
  // Without --all-eyes the finder returns one square, so there is nothing to pair.
  const std::vector<gate::PlacedEye> eyes = gate::eyesToScreen(found, finder.pairRule());
  std::vector<SquareToScreen> squares;
  for (const gate::PlacedEye& eye : eyes)
    squares.push_back({eye.eye.square, eye.side,
                       QJsonObject{{QStringLiteral("x"), eye.eye.square.x},
                                   {QStringLiteral("y"), eye.eye.square.y},
                                   {QStringLiteral("size"), eye.eye.square.width},
                                   {QStringLiteral("score"), eye.eye.score}}});
  if (!run.json) {
    out() << image << ": ";
    if (squares.empty())
      out() << "no eye found; screening the whole photo\n";
    else if (squares.size() == 1)
      out() << QStringLiteral("eye found at %1,%2 (%3 px square)\n")
                   .arg(squares[0].square->x)
                   .arg(squares[0].square->y)
                   .arg(squares[0].square->width);
    else
      out() << "two eyes found, each screened\n";
  }
  if (squares.empty()) squares.push_back({});
  return squares;
}

// Screens one square; prints the human form, returns the JSON form. The error names the photo
// (BadInput) or the heatmap file that could not be written (Failure).
Result<QJsonObject> screenSquare(const DiagnoseRun& run, const QString& image, const cv::Mat& photo,
                                 const SquareToScreen& square) {
  auto explained = run.classifier.explain(photo, square.square, run.method);
  if (!explained)
    return Error{(image + QStringLiteral(": ")).toStdString() + explained.message(),
                 ErrorKind::BadInput};
  const inference::Diagnosis& diagnosis = explained->diagnosis;
  inference::ScreenedPhoto screened;
  screened.image = image;
  screened.region = explained->region;
  QString camLine;
  if (!explained->heatmaps.empty()) {
    const auto& [disease, heatmap] = *explained->heatmaps.begin();
    const QString camFile = camFileFor(run, image, square.side);
    if (!camFile.isEmpty()) {
      cv::Mat overlayBgr;
      cv::cvtColor(cam::overlayHeatmap(photo, heatmap, 0.45, explained->region), overlayBgr,
                   cv::COLOR_RGB2BGR);
      if (!cv::imwrite(camFile.toStdString(), overlayBgr))
        return Error{"cannot write " + camFile.toStdString(), ErrorKind::Failure};
      camLine = QStringLiteral("Heatmap (%1, %2): %3")
                    .arg(qs(explained->camMethod), diseaseName(disease), camFile);
    }
    screened.camMethod = explained->camMethod;
    screened.camDisease = disease;
    screened.camFile = camFile;
  }
  // The shape the eye-check page saves too.
  QJsonObject object = inference::screeningToJson(diagnosis, screened);
  if (run.autoCrop) object.insert(QStringLiteral("auto_crop"), square.autoCrop);
  if (run.allEyes)
    object.insert(QStringLiteral("photo_side"),
                  QString::fromStdString(gate::photoSideId(square.side)));
  if (!run.json) {
    if (square.side != gate::PhotoSide::Only)
      out() << (square.side == gate::PhotoSide::Left ? "Eye on the left of the photo: "
                                                     : "Eye on the right of the photo: ");
    printHuman(image, diagnosis, run.classifier.card(), camLine);
  }
  return object;
}

// Everything `diagnose` was told, checked.
struct DiagnoseSettings {
  QStringList images;
  Species species = Species::Dog;
  QString model;
  std::optional<cv::Rect> region;
  std::unique_ptr<cam::CamMethod> method;
  bool json = false;
  QString camOut;
  bool camOutIsFolder = false;
  bool autoCrop = false;
  bool allEyes = false;
};

void addDiagnoseOptions(QCommandLineParser& parser) {
  parser.setApplicationDescription(QStringLiteral(
      "Screens photos of a pet's eye for the diseases a model bundle checks.\n"
      "Exit codes: 0 ok, 2 usage, 3 unreadable or invalid input, 4 model bundle problem."));
  parser.addHelpOption();
  addOption(parser, "species", "dog or cat (required).", "species");
  addOption(parser, "model",
            "Model bundle folder (default: the installed "
            "bundle for the species).",
            "dir");
  addOption(parser, "region", "Eye region in the photo, in pixels.", "x,y,w,h");
  addOption(parser, "cam",
            "Heatmap method: gradcam (default), gradcampp, "
            "hirescam, layercam.",
            "method", "gradcam");
  addOption(parser, "cam-out",
            "Write the heatmap over the photo as PNG (with several images: a folder).", "file");
  addOption(parser, "json", "One JSON object per image and line.");
  addOption(parser, "auto-crop",
            "Without --region: find the eye in the photo and screen the best square "
            "(the whole photo when none is found).");
  addOption(parser, "all-eyes",
            "With --auto-crop: when both eyes are found, screen each (JSON: one object "
            "per photo with \"eyes\", each named by its side of the photo; --cam-out "
            "files get the side before .png).");
  parser.addPositionalArgument(QStringLiteral("images"), QStringLiteral("Photos to screen."),
                               QStringLiteral("IMAGE..."));
}

// The options, in the order they are checked; every error is a usage error. Creates the
// --cam-out folder when there are several photos.
Result<DiagnoseSettings> readDiagnoseSettings(const QCommandLineParser& parser) {
  DiagnoseSettings settings;
  settings.images = parser.positionalArguments();
  if (settings.images.isEmpty()) return badInputError(QStringLiteral("no image given"));
  const auto species = speciesFromId(parser.value(QStringLiteral("species")).toStdString());
  if (!species) return badInputError(QStringLiteral("--species must be dog or cat"));
  settings.species = *species;
  settings.model = parser.value(QStringLiteral("model"));
  auto region = parseRegion(parser.value(QStringLiteral("region")));
  if (!region) return region.error();
  settings.region = *region;
  const QString camName = parser.value(QStringLiteral("cam"));
  settings.method = cam::createCamMethod(camName.toStdString());
  if (!settings.method)
    return badInputError(QStringLiteral("unknown --cam method '%1'").arg(camName));
  settings.autoCrop = parser.isSet(QStringLiteral("auto-crop"));
  settings.allEyes = parser.isSet(QStringLiteral("all-eyes"));
  if (settings.allEyes && !settings.autoCrop)
    return badInputError(QStringLiteral("--all-eyes needs --auto-crop"));
  settings.json = parser.isSet(QStringLiteral("json"));
  settings.camOut = parser.value(QStringLiteral("cam-out"));
  settings.camOutIsFolder = !settings.camOut.isEmpty() && settings.images.size() > 1;
  if (settings.camOutIsFolder && !QDir().mkpath(settings.camOut))
    return badInputError(
        QStringLiteral("cannot create the --cam-out folder '%1'").arg(settings.camOut));
  return settings;
}

// Whether some photo is a plain file or missing (missing ones get their message per photo later);
// when none is, FIFOs and devices are refused before the model loads: at once, not after it.
bool anyPlainPath(const QStringList& images) {
  return std::any_of(images.begin(), images.end(), [](const QString& image) {
    const QFileInfo info(image);
    return !info.exists() || info.isFile();
  });
}

// The model, named or the installed one for the species; every error is a model problem.
Result<std::unique_ptr<inference::Classifier>> loadClassifier(const DiagnoseSettings& settings) {
  auto bundleDirectory = resolveBundleDirectory(settings.model, settings.species);
  if (!bundleDirectory) return bundleDirectory.error();
  auto loaded = inference::Classifier::load(*bundleDirectory);
  if (!loaded)
    return Error{"cannot use the model bundle: " + loaded.message(), ErrorKind::BadInput};
  const bundle::ModelCard& card = (*loaded)->card();
  if (card.species != settings.species)
    return Error{"the model " + card.id + " is for " + std::string(speciesId(card.species)) +
                     ", not " + std::string(speciesId(settings.species)),
                 ErrorKind::BadInput};
  return loaded;
}

// Screens every square of one photo and prints the results; returns the exit code of the last
// problem, or kExitOk.
int screenPhoto(const DiagnoseRun& run, const QString& image,
                const std::optional<cv::Rect>& region) {
  auto decoded = imaging::decodeImageFile(image.toStdString());
  if (!decoded) {
    err() << "walness-cli diagnose: " << qs(decoded.message()) << "\n";
    return kExitBadInput;
  }
  const cv::Mat& photo = decoded->rgb;
  if (region && (*region & cv::Rect(0, 0, photo.cols, photo.rows)).empty()) {
    err() << "walness-cli diagnose: " << image << ": the region lies outside the " << photo.cols
          << " x " << photo.rows << " photo\n";
    return kExitBadInput;
  }
  int exitCode = kExitOk;
  QJsonArray eyes;
  for (const SquareToScreen& square : squaresToScreen(run, image, photo, region)) {
    if (auto screened = screenSquare(run, image, photo, square))
      eyes.append(*screened);
    else
      exitCode = reportFailure(QStringLiteral("walness-cli diagnose"), screened.error());
  }
  if (run.json && !eyes.isEmpty())
    out() << QJsonDocument(run.allEyes ? QJsonObject{{QStringLiteral("image"), image},
                                                     {QStringLiteral("eyes"), eyes}}
                                       : eyes.first().toObject())
                 .toJson(QJsonDocument::Compact)
          << "\n";
  out().flush();
  return exitCode;
}

}  // namespace

int runDiagnose(const QStringList& arguments) {
  QCommandLineParser parser;
  addDiagnoseOptions(parser);
  const auto usage = [&](const QString& message) {
    err() << "walness-cli diagnose: " << message << "\n\n" << parser.helpText();
    return kExitUsage;
  };
  if (!parser.parse(arguments)) return usage(parser.errorText());
  if (parser.isSet(QStringLiteral("help"))) {
    out() << parser.helpText();
    return kExitOk;
  }
  const auto settings = readDiagnoseSettings(parser);
  if (!settings) return usage(qs(settings.message()));
  if (!anyPlainPath(settings->images)) {
    for (const QString& image : settings->images)
      err() << "walness-cli diagnose: " << qs(io::checkRegularFile(image).message()) << "\n";
    return kExitBadInput;
  }
  const auto loaded = loadClassifier(*settings);
  if (!loaded)
    return reportFailure(QStringLiteral("walness-cli diagnose"), loaded.error(), kExitModel);
  const DiagnoseRun run{**loaded,         *settings->method,        settings->json,
                        settings->camOut, settings->camOutIsFolder, settings->autoCrop,
                        settings->allEyes};
  int exitCode = kExitOk;
  for (const QString& image : settings->images)
    if (const int code = screenPhoto(run, image, settings->region); code != kExitOk)
      exitCode = code;
  return exitCode;
}

}  // namespace walness::cli
