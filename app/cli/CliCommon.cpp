#include "CliCommon.h"

#include <QDir>
#include <QFile>

#include <cstdio>

#include "walness/bundle/ModelChoice.h"
#include "walness/bundle/ModelLocator.h"

namespace walness::cli {

int exitCodeFor(const Error& error) {
  switch (error.kind) {
    case ErrorKind::BadInput:
    case ErrorKind::NotFound:
      return kExitBadInput;
    case ErrorKind::Failure:
    case ErrorKind::Unavailable:
      break;
  }
  return kExitFailure;
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

std::string resolveBundleDirectory(const QString& command, const QString& model, Species species,
                                   int* exitCode) {
  *exitCode = kExitOk;
  if (!model.isEmpty()) return model.toStdString();
  const auto qs = [](const std::string& text) { return QString::fromStdString(text); };
  const auto searched = bundle::modelSearchDirectories();
  const auto all = bundle::listBundles(searched);
  // The same rule as the app: the bundle chosen in Settings > Models, else the newest installed.
  const auto found = bundle::ModelChoice::active(species);
  if (found) return found->directory;
  err() << "walness-cli " << command << ": no model bundle for "
        << qs(std::string(speciesId(species))) << " is installed.\n";
  if (all.empty()) {
    err() << "No bundles at all were found in:\n";
    for (const auto& directory : searched) err() << "  " << qs(directory) << "\n";
  } else {
    err() << "Installed bundles:\n";
    for (const auto& listing : all)
      err() << "  " << qs(listing.card.id) << " " << qs(listing.card.version) << " ("
            << qs(std::string(speciesId(listing.card.species))) << ") in " << qs(listing.directory)
            << "\n";
  }
  err() << "Train one with `walness-cli train` (see docs/model-card.md) or pass --model DIR.\n";
  *exitCode = kExitModel;
  return {};
}

}  // namespace walness::cli
