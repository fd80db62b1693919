// walness-cli: the engine from a terminal. Exit codes: 0 ok, 1 failure, 2 usage,
// 3 unreadable or invalid input, 4 model bundle problem, 5 ran but some results not saved.
#include <opencv2/core/utils/logger.hpp>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QIODevice>

#include <utility>

#include <walness/Version.h>

#include "BatchCommand.h"
#include "CliCommon.h"
#include "ClinicsCommand.h"
#include "DiagnoseCommand.h"
#include "EnsembleCommand.h"
#include "EvaluateCommand.h"
#include "GateCommands.h"
#include "HistoryCommands.h"
#include "TrainCommand.h"
#include "walness/BuildInfo.h"

using namespace walness::cli;

namespace {

// Output that could not be written (a full disk, /dev/full, a closed pipe) is a failure, said on
// stderr, never a silent success.
int finish(int code) {
  out().flush();
  if (out().status() == QTextStream::Ok) return code;
  const QString reason = out().device() ? out().device()->errorString() : QString();
  err() << "walness-cli: cannot write the output to stdout ("
        << (reason.isEmpty() ? QStringLiteral("write error") : reason) << ")\n";
  err().flush();
  return code == kExitOk ? kExitFailure : code;
}

using Command = int (*)(const QStringList& arguments);

// The command called `name`, or nullptr.
Command commandNamed(const QString& name) {
  const std::pair<const char*, Command> commands[] = {
      {"diagnose", runDiagnose}, {"train", runTrain},     {"evaluate", runEvaluate},
      {"clinics", runClinics},   {"batch", runBatch},     {"train-gate", runTrainGate},
      {"locate", runLocate},     {"history", runHistory}, {"audit", runAudit},
      {"ensemble", runEnsemble}};
  for (const auto& [id, run] : commands)
    if (name == QLatin1String(id)) return run;
  return nullptr;
}

}  // namespace

int main(int argc, char* argv[]) {
  QCoreApplication app(argc, argv);
  QCoreApplication::setApplicationName(QStringLiteral("walness-cli"));
  QCoreApplication::setOrganizationName(QStringLiteral("Walness"));
  QCoreApplication::setApplicationVersion(QStringLiteral(WALNESS_VERSION));
  // Our own messages name the file and the problem; OpenCV's warnings would only repeat them.
  cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT);

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral(
      "Walness command-line tool: pet eye screening on this computer. Photos never leave it.\n\n"
      "Commands:\n"
      "  diagnose   screen eye photos with a model bundle (walness-cli diagnose --help)\n"
      "  train      fine-tune a model on labelled photos (walness-cli train --help)\n"
      "  evaluate   measure a model bundle on labelled photos (walness-cli evaluate --help)\n"
      "  ensemble   join trained bundles into one ensemble bundle (walness-cli ensemble "
      "--help)\n"
      "  train-gate train a bundle's eye gate (walness-cli train-gate --help)\n"
      "  locate     find eyes in whole photos (walness-cli locate --help)\n"
      "  batch      screen a folder of photos into a CSV (walness-cli batch --help)\n"
      "  clinics    veterinary clinics near a point (walness-cli clinics --help)\n"
      "  history    saved checks, the vet's confirmations, labelled export (walness-cli history "
      "--help)\n"
      "  audit      how the model did on this clinic's confirmed checks (walness-cli audit "
      "--help)\n\n"
      "Exit codes: 0 ok, 1 failure (also: the output could not be written), 2 usage, 3 "
      "unreadable or invalid input, 4 model bundle problem, 5 the work ran but some results were "
      "not saved (run it again)."));
  parser.addHelpOption();
  const QCommandLineOption versionOption(
      {QStringLiteral("V"), QStringLiteral("version")},
      QStringLiteral("Print the Walness version and the Qt, LibTorch and OpenCV versions."));
  parser.addOption(versionOption);
  parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("The command to run."));
  // Options after the command belong to the command.
  parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);

  if (!parser.parse(QCoreApplication::arguments())) {
    err() << parser.errorText() << "\n" << parser.helpText();
    return kExitUsage;
  }
  if (parser.isSet(QStringLiteral("help"))) {
    out() << parser.helpText();
    return kExitOk;
  }
  if (parser.isSet(versionOption)) {
    out() << walness::BuildInfo::current().toText();
    return kExitOk;
  }
  const QStringList positional = parser.positionalArguments();
  if (positional.isEmpty()) {
    err() << "walness-cli: no command given.\n\n" << parser.helpText();
    return kExitUsage;
  }
  const QString command = positional.first();
  QStringList commandArguments = positional;
  commandArguments.first() = QStringLiteral("walness-cli ") + command;
  if (const auto run = commandNamed(command)) return finish(run(commandArguments));
  err() << "walness-cli: unknown command '" << command << "'.\n\n" << parser.helpText();
  return kExitUsage;
}
