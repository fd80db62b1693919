#include "EnsembleCommand.h"

#include <torch/torch.h>

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "CliCommon.h"
#include "EvaluateCommand.h"
#include "walness/bundle/ModelBundle.h"
#include "walness/nn/Architectures.h"
#include "walness/nn/EnsembleNetwork.h"
#include "walness/nn/Safetensors.h"
#include "walness/nn/StateDict.h"
#include "walness/training/BundleFinalizer.h"
#include "walness/training/data/LabeledDataset.h"

namespace walness::cli {

namespace {

QString qs(const std::string& text) {
  return QString::fromStdString(text);
}

void addEnsembleOptions(QCommandLineParser& parser) {
  parser.setApplicationDescription(QStringLiteral(
      "Joins two or more trained model bundles (e.g. MobileNetV2 and MobileNet-EdgeTPU, or "
      "several seeds) into one ensemble bundle: each member's probabilities, calibrated with its "
      "own temperature, are averaged; one temperature, each disease's threshold and the "
      "out-of-distribution statistics are fitted on the val split of --data (never its held-out "
      "test half). The members must screen the same species for the same diseases from the same "
      "input. The members' eye gates are not copied: run walness-cli train-gate --model OUT "
      "afterwards."));
  parser.addHelpOption();
  addOption(parser, "member", "A member bundle folder (give it two or more times).", "dir");
  addOption(parser, "data", "labels.csv (image,split,<disease ids>...), as for train --data.",
            "csv");
  addOption(parser, "out", "Bundle folder to write (new or empty).", "dir");
  addOption(parser, "id", "Bundle id (default: <species>-eye-ensemble).", "id");
  addOption(parser, "model-version", "Bundle version.", "version", "1.0.0");
  addOption(parser, "threads", "LibTorch threads.", "n", "2");
  addOption(parser, "workers", "Image loading threads.", "n", "1");
  addOption(parser, "json", "Print the result as one JSON object on stdout.");
}

// What `ensemble` was told.
struct EnsembleSettings {
  QStringList members;
  QString data;
  QString bundleDirectory;  // absolute
  std::optional<QString> id;
  QString version;
  int threads = 2;
  int workers = 1;
  bool json = false;
};

// The options; every error is a usage error.
Result<EnsembleSettings> readEnsembleSettings(const QCommandLineParser& parser) {
  const auto value = [&](const char* name) { return parser.value(QLatin1String(name)); };
  const auto given = [&](const char* name) { return parser.isSet(QLatin1String(name)); };
  EnsembleSettings settings;
  settings.members = parser.values(QStringLiteral("member"));
  if (settings.members.size() < 2 || !given("data") || !given("out"))
    return badInputError(
        QStringLiteral("give --member DIR at least twice, --data labels.csv and --out DIR."));
  settings.data = value("data");
  settings.bundleDirectory = QFileInfo(value("out")).absoluteFilePath();
  const QDir out(settings.bundleDirectory);
  if (QFileInfo::exists(settings.bundleDirectory) &&
      (!QFileInfo(settings.bundleDirectory).isDir() ||
       !out.entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty()))
    return badInputError(QStringLiteral("--out %1 exists and is not an empty folder; the "
                                        "ensemble is written into a new one.")
                             .arg(settings.bundleDirectory));
  if (given("id")) settings.id = value("id");
  settings.version = value("model-version");
  bool ok = false;
  settings.threads = value("threads").toInt(&ok);
  if (!ok || settings.threads < 1)
    return badInputError(QStringLiteral("--threads must be a whole number above 0."));
  settings.workers = value("workers").toInt(&ok);
  if (!ok || settings.workers < 1)
    return badInputError(QStringLiteral("--workers must be a whole number above 0."));
  settings.json = given("json");
  return settings;
}

std::string labelList(const bundle::ModelCard& card) {
  std::string list;
  for (const auto& label : card.labels) list += (list.empty() ? "" : ", ") + label.id;
  return list;
}

bool sameInput(const imaging::InputSpec& a, const imaging::InputSpec& b) {
  return a.size == b.size && a.resize == b.resize && a.mean == b.mean && a.std == b.std;
}

// Why `member` cannot join an ensemble whose first member is `first`; empty when it can.
std::string mismatch(const bundle::ModelCard& first, const QString& firstDirectory,
                     const bundle::ModelCard& member, const QString& directory) {
  const std::string where = directory.toStdString() + ": ";
  const std::string reference = " (" + firstDirectory.toStdString() + ": ";
  if (member.species != first.species)
    return where + "screens " + std::string(speciesId(member.species)) + " eyes" + reference +
           std::string(speciesId(first.species)) + ")";
  std::vector<std::string> ids, firstIds;
  for (const auto& label : member.labels) ids.push_back(label.id);
  for (const auto& label : first.labels) firstIds.push_back(label.id);
  if (ids != firstIds)
    return where + "checks " + labelList(member) + reference + labelList(first) +
           "): members need the same diseases in the same order";
  if (!sameInput(member.input, first.input))
    return where + "reads " + std::to_string(member.input.size) + " px " +
           imaging::resizePolicyId(member.input.resize) + " input with its own normalisation" +
           reference + std::to_string(first.input.size) + " px " +
           imaging::resizePolicyId(first.input.resize) +
           "): members need the same input size, resizing and normalisation";
  return {};
}

// Every member, loaded and checked against the first; errors are BadInput (a model problem for
// the caller).
Result<std::vector<bundle::ModelBundle>> loadMembers(const QStringList& directories) {
  std::vector<bundle::ModelBundle> members;
  for (const QString& directory : directories) {
    auto member = bundle::loadModelBundle(directory.toStdString());
    if (!member) return Error{member.message(), ErrorKind::BadInput};
    if (nn::isEnsembleArchitecture(member->card.architecture))
      return Error{directory.toStdString() + ": is itself an ensemble (" +
                       member->card.architecture + "); give its members instead",
                   ErrorKind::BadInput};
    if (!members.empty())
      if (const std::string problem =
              mismatch(members.front().card, directories.front(), member->card, directory);
          !problem.empty())
        return Error{problem, ErrorKind::BadInput};
    members.push_back(std::move(member.value()));
  }
  return members;
}

// The train and val splits of --data, read as `train --data` reads them (its held-out test half
// of val stays out of both), with the members' labels; errors are BadInput.
Result<std::pair<training::LabeledDataset, training::LabeledDataset>> readSplits(
    const QString& data, const bundle::ModelCard& card) {
  auto dataset = training::readLabelsCsv(data.toStdString(), card.species);
  if (!dataset) return Error{dataset.message(), ErrorKind::BadInput};
  auto aligned = alignedTo(*dataset, card);
  if (!aligned) return Error{data.toStdString() + ": " + aligned.message(), ErrorKind::BadInput};
  training::LabeledDataset trainSet = aligned->subset("train");
  training::LabeledDataset valSet = aligned->subset("val");
  if (trainSet.images.empty() || valSet.images.empty())
    return badInputError(QStringLiteral("%1 needs rows in both splits 'train' (for the "
                                        "out-of-distribution statistics) and 'val' (to calibrate)")
                             .arg(data));
  return std::pair(std::move(trainSet), std::move(valSet));
}

// The ensemble's starting weights: each member's under members.<i>., its temperature in
// member_temperatures, no logit shift.
std::map<std::string, at::Tensor> ensembleWeights(nn::EnsembleNetworkImpl& network,
                                                  const std::vector<bundle::ModelBundle>& members) {
  std::vector<double> temperatures;
  for (const auto& member : members) temperatures.push_back(member.card.temperature);
  network.setMemberTemperatures(temperatures);
  std::map<std::string, at::Tensor> weights = nn::stateDict(network);
  for (size_t i = 0; i < members.size(); ++i)
    for (const auto& [name, tensor] : nn::stateDict(*members[i].network))
      weights["members." + std::to_string(i) + "." + name] = tensor;
  return weights;
}

// The card's provenance.ensemble: how it combines and what each member was, with its own card's
// metrics.
QJsonObject ensembleProvenance(const std::vector<bundle::ModelBundle>& members,
                               const QStringList& directories) {
  QJsonArray list;
  for (size_t i = 0; i < members.size(); ++i) {
    const bundle::ModelCard& card = members[i].card;
    list.append(QJsonObject{
        {QStringLiteral("id"), qs(card.id)},
        {QStringLiteral("version"), qs(card.version)},
        {QStringLiteral("architecture"), qs(card.architecture)},
        {QStringLiteral("weights_sha256"), qs(card.weightsSha256)},
        {QStringLiteral("temperature"), card.temperature},
        {QStringLiteral("bundle"), QFileInfo(directories[qsizetype(i)]).absoluteFilePath()},
        {QStringLiteral("metrics"), card.metrics}});
  }
  return QJsonObject{
      {QStringLiteral("combination"),
       QStringLiteral("The mean of the members' calibrated probabilities (each member's logits "
                      "divided by its own temperature), as a logit; the card's temperature and "
                      "thresholds were fitted on that mean. Grad-CAM runs over all members' CAM "
                      "layers at once.")},
      {QStringLiteral("members"), list}};
}

// Every 10% of a phase on stderr.
void printProgress(const training::TrainingProgress& progress) {
  static size_t lastDecile = size_t(-1);
  const size_t decile = progress.total ? 10 * progress.done / progress.total : 10;
  if (decile == lastDecile && progress.done != progress.total) return;
  lastDecile = progress.done == progress.total ? size_t(-1) : decile;
  err() << "finalize " << progress.done << "/" << progress.total << "\n";
  err().flush();
}

void printResult(const EnsembleSettings& settings, const std::vector<bundle::ModelBundle>& members,
                 const training::TrainingOutcome& outcome) {
  const training::EvaluationReport& report = outcome.validation;
  if (settings.json) {
    QJsonArray memberList;
    for (const auto& member : members)
      memberList.append(
          QJsonObject{{QStringLiteral("id"), qs(member.card.id)},
                      {QStringLiteral("version"), qs(member.card.version)},
                      {QStringLiteral("architecture"), qs(member.card.architecture)}});
    QJsonObject result{{QStringLiteral("bundle"), settings.bundleDirectory},
                       {QStringLiteral("architecture"), qs(outcome.card.architecture)},
                       {QStringLiteral("members"), memberList},
                       {QStringLiteral("temperature"), outcome.card.temperature},
                       {QStringLiteral("validation"), report.toJson()}};
    result[QStringLiteral("val_macro_auc")] =
        report.macroAuc ? QJsonValue(*report.macroAuc) : QJsonValue(QJsonValue::Null);
    out() << QJsonDocument(result).toJson(QJsonDocument::Compact) << "\n";
    return;
  }
  out() << "Wrote " << settings.bundleDirectory << " (" << terminalSafe(outcome.card.architecture)
        << " of";
  for (size_t i = 0; i < members.size(); ++i)
    out() << (i ? ", " : " ") << terminalSafe(members[i].card.id) << " "
          << terminalSafe(members[i].card.version);
  out() << ")\n";
  out() << "Validation macro AUC "
        << (report.macroAuc ? QString::number(*report.macroAuc, 'f', 4) : QStringLiteral("n/a"))
        << ", ECE " << QString::number(report.ece, 'f', 4) << ", temperature "
        << QString::number(outcome.card.temperature, 'f', 3) << "\n";
  for (const std::string& label : report.labels) {
    const auto& m = report.perLabel.at(label);
    out() << QStringLiteral("  %1 AUC %2 sens %3 spec %4 (threshold %5)\n")
                 .arg(qs(label), -24)
                 .arg(m.auc ? QString::number(*m.auc, 'f', 4) : QStringLiteral("n/a"))
                 .arg(m.sensitivity, 0, 'f', 3)
                 .arg(m.specificity, 0, 'f', 3)
                 .arg(m.threshold, 0, 'f', 3);
  }
  out() << "It has no eye gate yet: walness-cli train-gate --model " << settings.bundleDirectory
        << "\n";
}

}  // namespace

int runEnsemble(const QStringList& arguments) {
  const QString command = QStringLiteral("walness-cli ensemble");
  QCommandLineParser parser;
  addEnsembleOptions(parser);
  if (const auto finished = parseOrFinish(parser, arguments)) return *finished;
  const auto settings = readEnsembleSettings(parser);
  if (!settings) return reportFailure(command, settings.error(), kExitUsage);
  torch::set_num_threads(settings->threads);

  auto members = loadMembers(settings->members);
  if (!members) return reportFailure(command, members.error(), kExitModel);
  const bundle::ModelCard& first = members->front().card;
  auto splits = readSplits(settings->data, first);
  if (!splits) return reportFailure(command, splits.error());

  std::vector<std::string> architectures;
  for (const auto& member : *members) architectures.push_back(member.card.architecture);
  training::TrainingConfig config;
  config.architecture = nn::ensembleArchitecture(architectures);
  config.inputSize = first.input.size;
  config.epochs = 0;
  auto created = nn::createArchitecture(config.architecture, int64_t(first.labels.size()));
  if (!created) return reportFailure(command, Error{created.message()});
  auto* network = dynamic_cast<nn::EnsembleNetworkImpl*>(created->get());

  // The finalizer starts from a weights file, as after training.
  QTemporaryDir scratch;
  const std::string initialWeights =
      scratch.filePath(QStringLiteral("ensemble.safetensors")).toStdString();
  if (!scratch.isValid())
    return reportFailure(command, Error{"cannot create a temporary folder for the ensemble's "
                                        "weights (" +
                                        scratch.errorString().toStdString() + ")"});
  nn::TensorFile file;
  file.tensors = ensembleWeights(*network, *members);
  if (auto written = nn::writeSafetensors(initialWeights, file); !written)
    return reportFailure(command, Error{written.message()});

  err() << "Calibrating on " << splits->second.images.size()
        << " val photos; out-of-distribution statistics from up to 3000 of "
        << splits->first.images.size() << " train photos\n";
  training::BundleFinalizer finalizer(*network, splits->first, splits->second, first.input, config,
                                      settings->workers,
                                      std::vector<float>(first.labels.size(), 1.0f));
  finalizer.setProgressHandler(printProgress);
  finalizer.setExtraProvenance(
      QJsonObject{{QStringLiteral("ensemble"), ensembleProvenance(*members, settings->members)}});
  training::TrainingOutcome outcome;
  outcome.initialisation = "the members' trained weights, unchanged (an ensemble is not trained)";
  outcome.stopReason = "not trained: an ensemble of trained members";
  const std::string id = settings->id ? settings->id->toStdString()
                                      : std::string(speciesId(first.species)) + "-eye-ensemble";
  if (auto written =
          finalizer.write(initialWeights, outcome, settings->bundleDirectory.toStdString(),
                          {id, settings->version.toStdString()});
      !written)
    return reportFailure(command, written.error());
  printResult(*settings, *members, outcome);
  return kExitOk;
}

}  // namespace walness::cli
