#include "CliCommon.h"

#include <cstdio>

namespace walness::cli {

QTextStream& out() {
  static QTextStream stream(stdout);
  return stream;
}

QTextStream& err() {
  static QTextStream stream(stderr);
  return stream;
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

}  // namespace walness::cli
