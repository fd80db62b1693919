#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace walness::test {

struct CliRun {
  int exitCode = -1;  // -1: crashed or timed out
  QString out;
  QString err;
};

// Runs the built walness-cli; `modelsDir` (if given) is put in front of the model search path.
// The CLI reads the app's settings (the model chosen in Settings > Models): from `configHome`
// when given, else from an empty folder, never the user's own.
// How much longer this build's commands take than a plain build's: WALNESS_TEST_TIME_SCALE, which
// the sanitize test preset sets (AddressSanitizer makes the CLI several times slower).
inline int scaledTimeoutMs(int timeoutMs) {
  bool ok = false;
  const double scale = qEnvironmentVariable("WALNESS_TEST_TIME_SCALE").toDouble(&ok);
  return ok && scale > 1 ? int(timeoutMs * scale) : timeoutMs;
}

// The time limit is generous because CI runs two test processes at once on two cores.
inline CliRun runCli(const QStringList& arguments, const QString& modelsDir = QString(),
                     int timeoutMs = 120000, const QString& configHome = QString()) {
  static QTemporaryDir emptyConfig;
  QProcess process;
  QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
  if (!modelsDir.isEmpty()) environment.insert(QStringLiteral("WALNESS_MODELS_DIR"), modelsDir);
  environment.insert(QStringLiteral("XDG_CONFIG_HOME"),
                     configHome.isEmpty() ? emptyConfig.path() : configHome);
  process.setProcessEnvironment(environment);
  process.start(QStringLiteral(WALNESS_CLI_PATH), arguments);
  CliRun run;
  const int limitMs = scaledTimeoutMs(timeoutMs);
  if (!process.waitForFinished(limitMs)) {
    run.err = QStringLiteral("walness-cli did not finish within %1 s").arg(limitMs / 1000);
    return run;
  }
  run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
  run.out = QString::fromUtf8(process.readAllStandardOutput());
  run.err = QString::fromUtf8(process.readAllStandardError());
  return run;
}

}  // namespace walness::test
