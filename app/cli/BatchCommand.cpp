#include "BatchCommand.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

#include <unistd.h>

#include <chrono>

#include "CliCommon.h"
#include "walness/batch/BatchRunner.h"
#include "walness/history/HistoryStore.h"
#include "walness/inference/ScreeningSession.h"

namespace walness::cli {

namespace {

QString qs(const std::string& text) {
  return QString::fromStdString(text);
}

// A bar redrawn in place on a terminal; a line every tenth of the way when stderr is a file.
class ProgressBar {
 public:
  ProgressBar() : terminal_(::isatty(STDERR_FILENO) == 1) {}
  void show(const batch::BatchProgress& progress) {
    constexpr int kWidth = 28;
    const int filled = progress.total > 0 ? kWidth * progress.done / progress.total : kWidth;
    const QString line =
        QStringLiteral("[%1%2] %3/%4  %5 elapsed, %6 left  %7")
            .arg(QString(filled, QLatin1Char('#')), QString(kWidth - filled, QLatin1Char('.')))
            .arg(progress.done)
            .arg(progress.total)
            .arg(batch::clockText(progress.elapsedSeconds),
                 progress.remainingSeconds < 0 ? QStringLiteral("?")
                                               : batch::clockText(progress.remainingSeconds),
                 progress.file.left(40));
    if (terminal_) {
      err() << "\r" << line.leftJustified(width_) << (progress.done == progress.total ? "\n" : "");
      width_ = int(line.size());
      err().flush();
    } else if (progress.done * 10 / std::max(1, progress.total) >
                   (progress.done - 1) * 10 / std::max(1, progress.total) ||
               progress.done == progress.total) {
      err() << line << "\n";
      err().flush();
    }
  }

 private:
  bool terminal_;
  int width_ = 0;
};

}  // namespace

int runBatch(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral(
      "Screens every photo in a folder with one model and writes a CSV row per photo: file, "
      "status, abstained, one probability per disease, top finding, message. Resumable: photos "
      "already in the CSV are skipped. A photo that cannot be read gets a row with its error and "
      "the batch goes on.\n"
      "With --pet, a result that could not be saved to the history (after retrying for "
      "--save-retry seconds) gets status not_saved; running the same command again saves exactly "
      "those.\n"
      "Exit codes: 0 the batch ran (see the summary for failed photos), 5 it ran but some results "
      "or reports were not saved (run it again), 2 usage, 3 unusable folder or CSV, 4 model bundle "
      "problem, 1 other failure."));
  parser.addHelpOption();
  const QCommandLineOption speciesOption =
      addOption(parser, "species", "dog or cat (required).", "species");
  const QCommandLineOption modelOption =
      addOption(parser, "model",
                "Model bundle folder (default: the installed bundle for the species).", "dir");
  const QCommandLineOption csvOption = addOption(
      parser, "csv", "The CSV to write or resume (default: DIR/walness-batch.csv).", "file");
  const QCommandLineOption reportOption =
      addOption(parser, "report-dir",
                "Also write a report (HTML and JSON, with the heatmap) per photo here.", "dir");
  const QCommandLineOption languageOption =
      addOption(parser, "language", "Report language: en (default) or ko.", "code", "en");
  const QCommandLineOption petOption =
      addOption(parser, "pet",
                "Save every result to this pet's history (created if it does not exist).", "name");
  const QCommandLineOption historyOption =
      addOption(parser, "history",
                "History store for --pet: a folder or postgresql://user@host[:port]/db "
                "(default: this computer's, shared with the app).",
                "location");
  const QCommandLineOption retryOption =
      addOption(parser, "save-retry",
                "How long a save to an unreachable history is retried before the photo is "
                "marked not_saved, in seconds (default 30).",
                "seconds", "30");
  parser.addPositionalArgument(QStringLiteral("folder"), QStringLiteral("Folder of photos."),
                               QStringLiteral("DIR"));

  const auto usage = [&](const QString& message) {
    err() << "walness-cli batch: " << message << "\n\n" << parser.helpText();
    return kExitUsage;
  };
  if (!parser.parse(arguments)) return usage(parser.errorText());
  if (parser.isSet(QStringLiteral("help"))) {
    out() << parser.helpText();
    return kExitOk;
  }
  if (parser.positionalArguments().size() != 1) return usage(QStringLiteral("give one folder"));
  const QString folder = parser.positionalArguments().first();
  const auto species = speciesFromId(parser.value(speciesOption).toStdString());
  if (!species) return usage(QStringLiteral("--species must be dog or cat"));
  const QString language = parser.value(languageOption);
  if (language != QLatin1String("en") && language != QLatin1String("ko"))
    return usage(QStringLiteral("--language must be en or ko"));
  if (!QFileInfo(folder).isDir()) {
    err() << "walness-cli batch: " << folder << " is not a folder\n";
    return kExitBadInput;
  }
  bool retryNumber = false;
  const double retrySeconds = parser.value(retryOption).toDouble(&retryNumber);
  if (!retryNumber || retrySeconds < 0 || retrySeconds > 3600)
    return usage(QStringLiteral("--save-retry must be a number of seconds from 0 to 3600"));

  int modelExit = kExitOk;
  const std::string bundleDirectory = resolveBundleDirectory(
      QStringLiteral("batch"), parser.value(modelOption), *species, &modelExit);
  if (modelExit != kExitOk) return modelExit;
  // Loaded once for the whole folder.
  auto session = inference::ScreeningSession::open(bundleDirectory);
  if (!session) {
    err() << "walness-cli batch: cannot use the model bundle: " << qs(session.message()) << "\n";
    return kExitModel;
  }
  if ((*session)->card().species != *species) {
    err() << "walness-cli batch: the model " << qs((*session)->card().id) << " is for "
          << qs(std::string(speciesId((*session)->card().species))) << ", not "
          << qs(std::string(speciesId(*species))) << "\n";
    return kExitModel;
  }

  batch::BatchOptions options;
  options.folder = folder;
  options.csvPath = parser.isSet(csvOption)
                        ? parser.value(csvOption)
                        : QDir(folder).filePath(QStringLiteral("walness-batch.csv"));
  options.reportFolder = parser.value(reportOption);
  options.reportLanguage = language.toStdString();

  std::unique_ptr<history::HistoryStore> store;
  if (parser.isSet(petOption)) {
    const std::string name = parser.value(petOption).trimmed().toStdString();
    if (name.empty()) return usage(QStringLiteral("--pet needs a name"));
    auto location = parser.isSet(historyOption)
                        ? history::StoreLocation::parse(parser.value(historyOption))
                        : Result<history::StoreLocation>(history::StoreLocation::defaultLocal());
    if (!location) return usage(qs(location.message()));
    auto opened = history::HistoryStore::open(*location);
    if (!opened) {
      err() << "walness-cli batch: " << qs(opened.message()) << "\n";
      return kExitFailure;
    }
    store = std::move(*opened);
    store->setRetryWindow(std::chrono::milliseconds(qint64(retrySeconds * 1000)));
    auto existing = store->findPet(name, *species);
    if (!existing) {
      err() << "walness-cli batch: " << qs(existing.message()) << "\n";
      return kExitFailure;
    }
    if (*existing) {
      options.petId = (*existing)->id;
    } else {
      history::Pet pet;
      pet.name = name;
      pet.species = *species;
      auto added = store->addPet(pet);
      if (!added) {
        err() << "walness-cli batch: " << qs(added.message()) << "\n";
        return kExitFailure;
      }
      options.petId = *added;
      err() << "New pet \"" << qs(name) << "\" in " << store->location().describe() << "\n";
    }
    options.store = store.get();
  }

  ProgressBar bar;
  batch::BatchRunner runner(**session, options);
  auto summary = runner.run([&](const batch::BatchProgress& progress) { bar.show(progress); });
  if (!summary) {
    err() << "walness-cli batch: " << qs(summary.message()) << "\n";
    return kExitBadInput;
  }
  const int ran = summary->screened + summary->abstained + summary->failed;
  out() << QStringLiteral(
               "%1 photos: %2 screened, %3 without findings (photo not fit to judge), %4 failed, "
               "%5 skipped (already in the CSV). %6 s (%7 ms per photo). CSV: %8")
               .arg(summary->found)
               .arg(summary->screened)
               .arg(summary->abstained)
               .arg(summary->failed)
               .arg(summary->skipped)
               .arg(summary->seconds, 0, 'f', 1)
               .arg(ran > 0 ? summary->seconds * 1000 / ran : 0.0, 0, 'f', 0)
               .arg(options.csvPath)
        << "\n";
  if (summary->notSaved > 0 || summary->reportsNotWritten > 0) {
    if (summary->notSaved > 0)
      err() << "walness-cli batch: " << summary->notSaved
            << " result(s) were NOT saved to the history (status not_saved in the CSV); run the "
               "same command again to save them\n";
    if (summary->reportsNotWritten > 0)
      err() << "walness-cli batch: " << summary->reportsNotWritten
            << " report(s) could not be written (see the CSV's messages)\n";
    return kExitNotSaved;
  }
  return kExitOk;
}

}  // namespace walness::cli
