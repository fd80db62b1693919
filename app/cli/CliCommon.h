#pragma once

#include <memory>
#include <optional>
#include <string>

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include "walness/Result.h"
#include "walness/Species.h"

namespace walness::history {
class HistoryStore;
}

namespace walness::cli {

// Exit codes shared by every command (documented in README and `--help`).
enum ExitCode : int {
  kExitOk = 0,
  kExitFailure = 1,
  kExitUsage = 2,
  kExitBadInput = 3,
  kExitModel = 4,
  // The work ran, but some of it could not be saved (history unreachable, disk full): the output
  // says what; running the same command again saves it.
  kExitNotSaved = 5,
};

// The exit code for a failure, from its kind: bad input or something missing is `badInput`, else
// 1. `badInput` is 3 unless the caller knows more of what was wrong: an option's value (2), the
// model bundle (4).
int exitCodeFor(const Error& error, ExitCode badInput = kExitBadInput);

// A mistake in what the user typed or gave, in words for them (kind BadInput).
Error badInputError(const QString& message);

// Prints "command: message" on stderr and returns the error's exit code (exitCodeFor).
int reportFailure(const QString& command, const Error& error, ExitCode badInput = kExitBadInput);

QTextStream& out();
QTextStream& err();

// Outside text (clinic names and addresses from a server, pet names and notes from a shared
// history, file names) made safe to print to a terminal: control characters (C0, DEL, C1, and the
// bidirectional overrides that reorder what is shown) become U+FFFD, so no escape sequence
// reaches the terminal. JSON output needs none of this: its encoder escapes them.
QString terminalSafe(const QString& text);
inline QString terminalSafe(const std::string& text) {
  return terminalSafe(QString::fromStdString(text));
}

// Parses a command's arguments. Returns the exit code when the command is already done: a usage
// error (message printed) or --help (help printed); nullopt when it should run.
std::optional<int> parseOrFinish(QCommandLineParser& parser, const QStringList& arguments);

// Adds `--name` with its help, the value's name (none for a flag) and a default; returns it.
QCommandLineOption addOption(QCommandLineParser& parser, const char* name, const char* help,
                             const char* value = nullptr, const char* fallback = nullptr);

// The shared data folder: $WALNESS_SHARED_DIR, else ../shared beside the source tree.
QString sharedDirectory();

// The model bundle to use: `model` when given, else the bundle the app uses for `species`
// (bundle::ModelChoice: chosen in Settings > Models, else the newest installed). When none is
// found, a NotFound error whose lines say what was searched and installed (exit kExitModel).
Result<std::string> resolveBundleDirectory(const QString& model, Species species);

// Opens the history store at `location` (--history's value; nullopt: this computer's). A location
// that cannot be read is BadInput (for the caller a usage error); a store that cannot be opened is
// Unavailable, whatever the reason.
Result<std::unique_ptr<history::HistoryStore>> openStore(const std::optional<QString>& location);

}  // namespace walness::cli
