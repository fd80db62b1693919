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

// Everything `batch` was told, checked.
struct BatchSettings {
  QString folder;
  Species species = Species::Dog;
  QString model;
  std::optional<QString> csv;  // nullopt: DIR/walness-batch.csv
  QString reportFolder;
  QString language;
  std::optional<QString> pet;
  std::optional<QString> history;  // nullopt: this computer's
  double retrySeconds = 30;
};

void addBatchOptions(QCommandLineParser& parser) {
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
  addOption(parser, "species", "dog or cat (required).", "species");
  addOption(parser, "model", "Model bundle folder (default: the installed bundle for the species).",
            "dir");
  addOption(parser, "csv", "The CSV to write or resume (default: DIR/walness-batch.csv).", "file");
  addOption(parser, "report-dir",
            "Also write a report (HTML and JSON, with the heatmap) per photo here.", "dir");
  addOption(parser, "language", "Report language: en (default) or ko.", "code", "en");
  addOption(parser, "pet",
            "Save every result to this pet's history (created if it does not exist).", "name");
  addOption(parser, "history",
            "History store for --pet: a folder or postgresql://user@host[:port]/db "
            "(default: this computer's, shared with the app).",
            "location");
  addOption(parser, "save-retry",
            "How long a save to an unreachable history is retried before the photo is "
            "marked not_saved, in seconds (default 30).",
            "seconds", "30");
  parser.addPositionalArgument(QStringLiteral("folder"), QStringLiteral("Folder of photos."),
                               QStringLiteral("DIR"));
}

// The options in the order they are checked. A folder that is not one is NotFound (exit 3);
// every other error is a usage error.
Result<BatchSettings> readBatchSettings(const QCommandLineParser& parser) {
  const auto value = [&](const char* name) { return parser.value(QLatin1String(name)); };
  const auto given = [&](const char* name) {
    return parser.isSet(QLatin1String(name)) ? std::optional<QString>(value(name)) : std::nullopt;
  };
  if (parser.positionalArguments().size() != 1)
    return badInputError(QStringLiteral("give one folder"));
  BatchSettings settings;
  settings.folder = parser.positionalArguments().first();
  const auto species = speciesFromId(value("species").toStdString());
  if (!species) return badInputError(QStringLiteral("--species must be dog or cat"));
  settings.species = *species;
  settings.language = value("language");
  if (settings.language != QLatin1String("en") && settings.language != QLatin1String("ko"))
    return badInputError(QStringLiteral("--language must be en or ko"));
  if (!QFileInfo(settings.folder).isDir())
    return Error{(settings.folder + QStringLiteral(" is not a folder")).toStdString(),
                 ErrorKind::NotFound};
  bool retryNumber = false;
  settings.retrySeconds = value("save-retry").toDouble(&retryNumber);
  if (!retryNumber || settings.retrySeconds < 0 || settings.retrySeconds > 3600)
    return badInputError(QStringLiteral("--save-retry must be a number of seconds from 0 to 3600"));
  settings.model = value("model");
  settings.csv = given("csv");
  settings.reportFolder = value("report-dir");
  settings.pet = given("pet");
  settings.history = given("history");
  return settings;
}

// The model, named or the installed one for the species, loaded once for the whole folder;
// every error is a model problem.
Result<std::unique_ptr<inference::ScreeningSession>> openSession(const BatchSettings& settings) {
  auto bundleDirectory = resolveBundleDirectory(settings.model, settings.species);
  if (!bundleDirectory) return bundleDirectory.error();
  auto session = inference::ScreeningSession::open(*bundleDirectory);
  if (!session)
    return Error{"cannot use the model bundle: " + session.message(), ErrorKind::BadInput};
  const bundle::ModelCard& card = (*session)->card();
  if (card.species != settings.species)
    return Error{"the model " + card.id + " is for " + std::string(speciesId(card.species)) +
                     ", not " + std::string(speciesId(settings.species)),
                 ErrorKind::BadInput};
  return session;
}

// With --pet: opens the history and finds the pet, adding it when new, into `options`. A bad
// name or location is BadInput (a usage error); anything else the history says is a failure.
Result<std::unique_ptr<history::HistoryStore>> openPetHistory(const BatchSettings& settings,
                                                              batch::BatchOptions& options) {
  const std::string name = settings.pet->trimmed().toStdString();
  if (name.empty()) return badInputError(QStringLiteral("--pet needs a name"));
  auto opened = openStore(settings.history);
  if (!opened) return opened.error();
  std::unique_ptr<history::HistoryStore> store = std::move(*opened);
  store->setRetryWindow(std::chrono::milliseconds(qint64(settings.retrySeconds * 1000)));
  auto existing = store->findPet(name, settings.species);
  if (!existing) return Error{existing.message(), ErrorKind::Failure};
  if (*existing) {
    options.petId = (*existing)->id;
  } else {
    history::Pet pet;
    pet.name = name;
    pet.species = settings.species;
    auto added = store->addPet(pet);
    if (!added) return Error{added.message(), ErrorKind::Failure};
    options.petId = *added;
    err() << "New pet \"" << qs(name) << "\" in " << store->location().describe() << "\n";
  }
  options.store = store.get();
  return store;
}

batch::BatchOptions batchOptions(const BatchSettings& settings) {
  batch::BatchOptions options;
  options.folder = settings.folder;
  options.csvPath =
      settings.csv.value_or(QDir(settings.folder).filePath(QStringLiteral("walness-batch.csv")));
  options.reportFolder = settings.reportFolder;
  options.reportLanguage = settings.language.toStdString();
  return options;
}

// The summary line on stdout, and on stderr what was not saved; returns the exit code.
int printSummary(const batch::BatchSummary& summary, const QString& csvPath) {
  const int ran = summary.screened + summary.abstained + summary.failed;
  out() << QStringLiteral(
               "%1 photos: %2 screened, %3 without findings (photo not fit to judge), %4 failed, "
               "%5 skipped (already in the CSV). %6 s (%7 ms per photo). CSV: %8")
               .arg(summary.found)
               .arg(summary.screened)
               .arg(summary.abstained)
               .arg(summary.failed)
               .arg(summary.skipped)
               .arg(summary.seconds, 0, 'f', 1)
               .arg(ran > 0 ? summary.seconds * 1000 / ran : 0.0, 0, 'f', 0)
               .arg(csvPath)
        << "\n";
  if (summary.notSaved == 0 && summary.reportsNotWritten == 0) return kExitOk;
  if (summary.notSaved > 0)
    err() << "walness-cli batch: " << summary.notSaved
          << " result(s) were NOT saved to the history (status not_saved in the CSV); run the "
             "same command again to save them\n";
  if (summary.reportsNotWritten > 0)
    err() << "walness-cli batch: " << summary.reportsNotWritten
          << " report(s) could not be written (see the CSV's messages)\n";
  return kExitNotSaved;
}

}  // namespace

int runBatch(const QStringList& arguments) {
  const QString command = QStringLiteral("walness-cli batch");
  QCommandLineParser parser;
  addBatchOptions(parser);
  const auto usage = [&](const QString& message) {
    err() << command << ": " << message << "\n\n" << parser.helpText();
    return kExitUsage;
  };
  if (!parser.parse(arguments)) return usage(parser.errorText());
  if (parser.isSet(QStringLiteral("help"))) {
    out() << parser.helpText();
    return kExitOk;
  }
  const auto settings = readBatchSettings(parser);
  if (!settings)
    return settings.error().kind == ErrorKind::BadInput ? usage(qs(settings.message()))
                                                        : reportFailure(command, settings.error());
  auto session = openSession(*settings);
  if (!session) return reportFailure(command, session.error(), kExitModel);
  batch::BatchOptions options = batchOptions(*settings);
  std::unique_ptr<history::HistoryStore> store;
  if (settings->pet) {
    auto opened = openPetHistory(*settings, options);
    if (!opened)
      return opened.error().kind == ErrorKind::BadInput ? usage(qs(opened.message()))
                                                        : reportFailure(command, opened.error());
    store = std::move(*opened);
  }
  ProgressBar bar;
  batch::BatchRunner runner(**session, options);
  auto summary = runner.run([&](const batch::BatchProgress& progress) { bar.show(progress); });
  if (!summary) {
    err() << command << ": " << qs(summary.message()) << "\n";
    return kExitBadInput;
  }
  return printSummary(*summary, options.csvPath);
}

}  // namespace walness::cli
