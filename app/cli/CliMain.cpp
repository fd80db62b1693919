// walness-cli: the engine from a terminal. Exit codes: 0 success, 1 failure, 2 usage error.
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

#include <walness/Version.h>

#include "BuildInfo.h"

namespace {

constexpr int kExitUsage = 2;

QTextStream& out() {
  static QTextStream stream(stdout);
  return stream;
}

QTextStream& err() {
  static QTextStream stream(stderr);
  return stream;
}

}  // namespace

int main(int argc, char* argv[]) {
  QCoreApplication app(argc, argv);
  QCoreApplication::setApplicationName(QStringLiteral("walness-cli"));
  QCoreApplication::setOrganizationName(QStringLiteral("Walness"));
  QCoreApplication::setApplicationVersion(QStringLiteral(WALNESS_VERSION));

  QCommandLineParser parser;
  parser.setApplicationDescription(
      QStringLiteral("Walness command-line tool: pet eye screening on this computer.\n"
                     "Photos never leave this computer."));
  parser.addHelpOption();
  const QCommandLineOption versionOption(
      {QStringLiteral("V"), QStringLiteral("version")},
      QStringLiteral("Print the Walness version and the Qt, LibTorch and OpenCV versions."));
  parser.addOption(versionOption);
  parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("The command to run."));
  parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);

  if (!parser.parse(QCoreApplication::arguments())) {
    err() << parser.errorText() << "\n" << parser.helpText();
    return kExitUsage;
  }
  if (parser.isSet(QStringLiteral("help"))) {
    out() << parser.helpText();
    return 0;
  }
  if (parser.isSet(versionOption)) {
    out() << walness::BuildInfo::current().toText();
    return 0;
  }
  const QStringList positional = parser.positionalArguments();
  if (positional.isEmpty()) {
    err() << "walness-cli: no command given.\n\n" << parser.helpText();
    return kExitUsage;
  }
  err() << "walness-cli: unknown command '" << positional.first() << "'.\n\n" << parser.helpText();
  return kExitUsage;
}
