#include "CliCommon.h"

#include <QDir>
#include <QFile>

#include <cstdio>

#include "walness/bundle/ModelChoice.h"
#include "walness/bundle/ModelLocator.h"
#include "walness/history/HistoryStore.h"

namespace walness::cli {

int exitCodeFor(const Error& error, ExitCode badInput) {
  switch (error.kind) {
    case ErrorKind::BadInput:
    case ErrorKind::NotFound:
      return badInput;
    case ErrorKind::Failure:
    case ErrorKind::Unavailable:
      break;
  }
  return kExitFailure;
}

Error badInputError(const QString& message) {
  return Error{message.toStdString(), ErrorKind::BadInput};
}

int reportFailure(const QString& command, const Error& error, ExitCode badInput) {
  err() << command << ": " << QString::fromStdString(error.message) << "\n";
  return exitCodeFor(error, badInput);
}

QTextStream& out() {
  // Over the file descriptor itself (not stdio), so a failed write keeps its reason (a full disk)
  // in the device's errorString for the exit check in main.
  static QFile* file = [] {
    auto* device = new QFile;
    device->open(1, QIODevice::WriteOnly | QIODevice::Unbuffered);
    return device;
  }();
  static QTextStream stream(file);
  return stream;
}

QString terminalSafe(const QString& text) {
  QString safe;
  safe.reserve(text.size());
  for (const QChar c : text) {
    const char16_t u = c.unicode();
    const bool control = u < 0x20 || (u >= 0x7f && u <= 0x9f) || (u >= 0x202a && u <= 0x202e) ||
                         (u >= 0x2066 && u <= 0x2069);
    safe += control ? QChar(0xfffd) : c;
  }
  return safe;
}

QTextStream& err() {
  static QTextStream stream(stderr);
  return stream;
}

QCommandLineOption addOption(QCommandLineParser& parser, const char* name, const char* help,
                             const char* value, const char* fallback) {
  // UTF-8: a help text may name Korean folders (train --aihub).
  QCommandLineOption option(QString::fromLatin1(name), QString::fromUtf8(help));
  if (value) option.setValueName(QString::fromUtf8(value));
  if (fallback) option.setDefaultValue(QString::fromUtf8(fallback));
  parser.addOption(option);
  return option;
}

QString sharedDirectory() {
  const QString shared = qEnvironmentVariable("WALNESS_SHARED_DIR");
  return QDir::cleanPath(shared.isEmpty() ? QStringLiteral(WALNESS_SOURCE_DIR "/../shared")
                                          : shared);
}

std::optional<int> parseOrFinish(QCommandLineParser& parser, const QStringList& arguments) {
  if (!parser.parse(arguments)) {
    err() << parser.errorText() << "\n";
    return kExitUsage;
  }
  if (parser.isSet(QStringLiteral("help"))) {
    out() << parser.helpText();
    return kExitOk;
  }
  return std::nullopt;
}

Result<std::string> resolveBundleDirectory(const QString& model, Species species) {
  if (!model.isEmpty()) return model.toStdString();
  // The same rule as the app: the bundle chosen in Settings > Models, else the newest installed.
  if (const auto found = bundle::ModelChoice::active(species)) return found->directory;
  const auto qs = [](const std::string& text) { return QString::fromStdString(text); };
  const auto searched = bundle::modelSearchDirectories();
  const auto all = bundle::listBundles(searched);
  QString message = QStringLiteral("no model bundle for %1 is installed.\n")
                        .arg(qs(std::string(speciesId(species))));
  if (all.empty()) {
    message += QStringLiteral("No bundles at all were found in:\n");
    for (const auto& directory : searched) message += "  " + qs(directory) + "\n";
  } else {
    message += QStringLiteral("Installed bundles:\n");
    for (const auto& listing : all)
      message += "  " + qs(listing.card.id) + " " + qs(listing.card.version) + " (" +
                 qs(std::string(speciesId(listing.card.species))) + ") in " +
                 qs(listing.directory) + "\n";
  }
  message += QStringLiteral(
      "Train one with `walness-cli train` (see docs/model-card.md) or pass --model DIR.");
  return Error{message.toStdString(), ErrorKind::NotFound};
}

Result<std::unique_ptr<history::HistoryStore>> openStore(const std::optional<QString>& location) {
  auto parsed = location ? history::StoreLocation::parse(*location)
                         : Result<history::StoreLocation>(history::StoreLocation::defaultLocal());
  if (!parsed) return Error{parsed.message(), ErrorKind::BadInput};
  auto opened = history::HistoryStore::open(*parsed);
  if (!opened) return Error{opened.message(), ErrorKind::Unavailable};
  return std::move(*opened);
}

}  // namespace walness::cli
