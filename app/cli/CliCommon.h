#pragma once

#include <QString>
#include <QStringList>
#include <QTextStream>

namespace walness::cli {

// Exit codes shared by every command (documented in README and `--help`).
enum ExitCode : int {
  kExitOk = 0,
  kExitFailure = 1,
  kExitUsage = 2,
  kExitBadInput = 3,
  kExitModel = 4,
};

QTextStream& out();
QTextStream& err();

}  // namespace walness::cli
