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

namespace walness::cli {

namespace {

QString qs(const std::string& text) {
  return QString::fromStdString(text);
}

std::optional<cv::Rect> parseRegion(const QString& text, bool* ok) {
  *ok = true;
  if (text.isEmpty()) return std::nullopt;
  const QStringList parts = text.split(QLatin1Char(','));
  int values[4] = {0, 0, 0, 0};
  *ok = parts.size() == 4;
  for (int i = 0; *ok && i < 4; ++i) values[i] = parts[i].trimmed().toInt(ok);
  if (!*ok || values[0] < 0 || values[1] < 0 || values[2] <= 0 || values[3] <= 0) {
    *ok = false;
    return std::nullopt;
  }
  return cv::Rect(values[0], values[1], values[2], values[3]);
}

QString percent(double probability) {
  return QString::number(int(std::lround(probability * 100))) + QLatin1Char('%');
}

QString diseaseName(const std::string& id) {
  const Disease* disease = findDisease(id);
  return disease ? QString::fromUtf8(disease->nameEn.data(), qsizetype(disease->nameEn.size()))
                 : qs(id);
}

void printHuman(const QString& image, const inference::Diagnosis& diagnosis,
                const bundle::ModelCard& card, const QString& camLine) {
  QTextStream& o = out();
  o << image << "\n";
  o << "  Model: " << qs(card.id) << " " << qs(card.version) << " ("
    << qs(std::string(speciesId(card.species))) << ")\n";
  for (const auto& check : diagnosis.quality.checks)
    if (check.severity != imaging::QualitySeverity::Ok)
      o << "  Quality: " << qs(imaging::qualityMessage(check, "en")) << "\n";
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

// Screens one square; prints the human form, returns the JSON form (null on an error, printed).
std::optional<QJsonObject> screenSquare(const DiagnoseRun& run, const QString& image,
                                        const cv::Mat& photo, const SquareToScreen& square,
                                        int* exitCode) {
  auto explained = run.classifier.explain(photo, square.square, run.method);
  if (!explained) {
    err() << "walness-cli diagnose: " << image << ": " << qs(explained.message()) << "\n";
    *exitCode = kExitBadInput;
    return std::nullopt;
  }
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
      if (!cv::imwrite(camFile.toStdString(), overlayBgr)) {
        err() << "walness-cli diagnose: cannot write " << camFile << "\n";
        *exitCode = kExitFailure;
        return std::nullopt;
      }
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

}  // namespace

int runDiagnose(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral(
      "Screens photos of a pet's eye for the diseases a model bundle checks.\n"
      "Exit codes: 0 ok, 2 usage, 3 unreadable or invalid input, 4 model bundle problem."));
  parser.addHelpOption();
  const QCommandLineOption speciesOption =
      addOption(parser, "species", "dog or cat (required).", "species");
  const QCommandLineOption modelOption = addOption(parser, "model",
                                                   "Model bundle folder (default: the installed "
                                                   "bundle for the species).",
                                                   "dir");
  const QCommandLineOption regionOption =
      addOption(parser, "region", "Eye region in the photo, in pixels.", "x,y,w,h");
  const QCommandLineOption camOption = addOption(parser, "cam",
                                                 "Heatmap method: gradcam (default), gradcampp, "
                                                 "hirescam, layercam.",
                                                 "method", "gradcam");
  const QCommandLineOption camOutOption =
      addOption(parser, "cam-out",
                "Write the heatmap over the photo as PNG (with several images: a folder).", "file");
  const QCommandLineOption jsonOption =
      addOption(parser, "json", "One JSON object per image and line.");
  const QCommandLineOption autoCropOption =
      addOption(parser, "auto-crop",
                "Without --region: find the eye in the photo and screen the best square "
                "(the whole photo when none is found).");
  const QCommandLineOption allEyesOption =
      addOption(parser, "all-eyes",
                "With --auto-crop: when both eyes are found, screen each (JSON: one object "
                "per photo with \"eyes\", each named by its side of the photo; --cam-out "
                "files get the side before .png).");
  parser.addPositionalArgument(QStringLiteral("images"), QStringLiteral("Photos to screen."),
                               QStringLiteral("IMAGE..."));

  const auto usage = [&](const QString& message) {
    err() << "walness-cli diagnose: " << message << "\n\n" << parser.helpText();
    return kExitUsage;
  };
  if (!parser.parse(arguments)) return usage(parser.errorText());
  if (parser.isSet(QStringLiteral("help"))) {
    out() << parser.helpText();
    return kExitOk;
  }
  const QStringList images = parser.positionalArguments();
  if (images.isEmpty()) return usage(QStringLiteral("no image given"));
  const auto species = speciesFromId(parser.value(speciesOption).toStdString());
  if (!species) return usage(QStringLiteral("--species must be dog or cat"));
  bool regionOk = true;
  const auto region = parseRegion(parser.value(regionOption), &regionOk);
  if (!regionOk) return usage(QStringLiteral("--region needs x,y,w,h with w and h above 0"));
  const auto method = cam::createCamMethod(parser.value(camOption).toStdString());
  if (!method)
    return usage(QStringLiteral("unknown --cam method '%1'").arg(parser.value(camOption)));
  if (parser.isSet(allEyesOption) && !parser.isSet(autoCropOption))
    return usage(QStringLiteral("--all-eyes needs --auto-crop"));
  const bool json = parser.isSet(jsonOption);
  const QString camOut = parser.value(camOutOption);
  const bool camOutIsFolder = !camOut.isEmpty() && images.size() > 1;
  if (camOutIsFolder && !QDir().mkpath(camOut))
    return usage(QStringLiteral("cannot create the --cam-out folder '%1'").arg(camOut));

  // Photos that are FIFOs or devices are refused before the model loads: at once, not after it.
  const bool anyPlainPath = std::any_of(images.begin(), images.end(), [](const QString& image) {
    const QFileInfo info(image);
    return !info.exists() || info.isFile();
  });
  if (!anyPlainPath) {
    for (const QString& image : images)
      err() << "walness-cli diagnose: " << qs(io::checkRegularFile(image).message()) << "\n";
    return kExitBadInput;
  }

  // The model: named, or the installed one for the species.
  int modelExit = kExitOk;
  const std::string bundleDirectory = resolveBundleDirectory(
      QStringLiteral("diagnose"), parser.value(modelOption), *species, &modelExit);
  if (modelExit != kExitOk) return modelExit;
  auto loaded = inference::Classifier::load(bundleDirectory);
  if (!loaded) {
    err() << "walness-cli diagnose: cannot use the model bundle: " << qs(loaded.message()) << "\n";
    return kExitModel;
  }
  const auto& classifier = *loaded.value();
  if (classifier.card().species != *species) {
    err() << "walness-cli diagnose: the model " << qs(classifier.card().id) << " is for "
          << qs(std::string(speciesId(classifier.card().species))) << ", not "
          << qs(std::string(speciesId(*species))) << "\n";
    return kExitModel;
  }

  const DiagnoseRun run{classifier,
                        *method,
                        json,
                        camOut,
                        camOutIsFolder,
                        parser.isSet(autoCropOption),
                        parser.isSet(allEyesOption)};
  int exitCode = kExitOk;
  for (const QString& image : images) {
    auto decoded = imaging::decodeImageFile(image.toStdString());
    if (!decoded) {
      err() << "walness-cli diagnose: " << qs(decoded.message()) << "\n";
      exitCode = kExitBadInput;
      continue;
    }
    const cv::Mat& photo = decoded->rgb;
    if (region && (*region & cv::Rect(0, 0, photo.cols, photo.rows)).empty()) {
      err() << "walness-cli diagnose: " << image << ": the region lies outside the " << photo.cols
            << " x " << photo.rows << " photo\n";
      exitCode = kExitBadInput;
      continue;
    }
    QJsonArray eyes;
    for (const SquareToScreen& square : squaresToScreen(run, image, photo, region))
      if (auto screened = screenSquare(run, image, photo, square, &exitCode))
        eyes.append(*screened);
    if (json && !eyes.isEmpty())
      out() << QJsonDocument(run.allEyes ? QJsonObject{{QStringLiteral("image"), image},
                                                       {QStringLiteral("eyes"), eyes}}
                                         : eyes.first().toObject())
                   .toJson(QJsonDocument::Compact)
            << "\n";
    out().flush();
  }
  return exitCode;
}

}  // namespace walness::cli
