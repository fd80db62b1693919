#include "HistoryCommands.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <memory>

#include "CliCommon.h"
#include "walness/Diseases.h"
#include "walness/audit/ModelAudit.h"
#include "walness/history/HistoryStore.h"
#include "walness/history/LabelExport.h"
#include "walness/inference/DiagnosisJson.h"

namespace walness::cli {

namespace {

QString qs(const std::string& text) {
  return QString::fromStdString(text);
}

const char* kHistoryHelp =
    "History store: a folder or postgresql://user@host[:port]/db (default: this computer's, "
    "shared with the app).";

// Opens --history (or the default store); prints the problem and returns nullptr on failure.
std::unique_ptr<history::HistoryStore> openStore(const QString& command, const QString& value,
                                                 int* exitCode) {
  auto location = value.isEmpty()
                      ? Result<history::StoreLocation>(history::StoreLocation::defaultLocal())
                      : history::StoreLocation::parse(value);
  if (!location) {
    err() << command << ": " << qs(location.message()) << "\n";
    *exitCode = kExitUsage;
    return nullptr;
  }
  auto opened = history::HistoryStore::open(*location);
  if (!opened) {
    err() << command << ": " << qs(opened.message()) << "\n";
    *exitCode = kExitFailure;
    return nullptr;
  }
  return std::move(*opened);
}

QString speciesText(Species species) {
  return QString::fromLatin1(speciesId(species).data(), qsizetype(speciesId(species).size()));
}

int runChecks(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral(
      "Lists saved checks: id (for `history confirm`), pet, date, model, top finding and whether "
      "the vet has confirmed it."));
  parser.addHelpOption();
  const auto history = addOption(parser, "history", kHistoryHelp, "location");
  const auto pet = addOption(parser, "pet", "Only this pet's checks.", "name");
  const auto json = addOption(parser, "json", "One JSON object per line.");
  if (const auto finished = parseOrFinish(parser, arguments)) return *finished;
  int exitCode = kExitOk;
  auto store = openStore(arguments.first(), parser.value(history), &exitCode);
  if (!store) return exitCode;
  auto pets = store->pets();
  if (!pets) {
    err() << arguments.first() << ": " << qs(pets.message()) << "\n";
    return kExitFailure;
  }
  bool anyPet = false;
  for (const history::Pet& p : *pets) {
    if (parser.isSet(pet) && qs(p.name) != parser.value(pet)) continue;
    anyPet = true;
    auto checks = store->diagnoses(p.id);
    auto confirmed = store->confirmedDiagnoses(p.id);
    if (!checks || !confirmed) {
      err() << arguments.first() << ": " << qs(checks ? confirmed.message() : checks.message())
            << "\n";
      return kExitFailure;
    }
    for (const history::DiagnosisRecord& record : *checks) {
      const inference::Diagnosis& d = record.diagnosis;
      const bool isConfirmed = confirmed->count(record.id) > 0;
      const QString top =
          d.abstention
              ? QStringLiteral("(no findings: %1)").arg(qs(inference::abstentionId(*d.abstention)))
          : d.top() ? QStringLiteral("%1 %2%")
                          .arg(qs(d.top()->disease))
                          .arg(int(d.top()->probability * 100 + 0.5))
                    : QString();
      if (parser.isSet(json)) {
        out() << QJsonDocument(
                     QJsonObject{{QStringLiteral("id"), qint64(record.id)},
                                 {QStringLiteral("pet"), qs(p.name)},
                                 {QStringLiteral("species"), speciesText(p.species)},
                                 {QStringLiteral("taken_at"), qs(record.takenAt)},
                                 {QStringLiteral("model"), qs(d.modelId + " " + d.modelVersion)},
                                 {QStringLiteral("top"), top},
                                 {QStringLiteral("confirmed"), isConfirmed}})
                     .toJson(QJsonDocument::Compact)
              << "\n";
      } else {
        out() << QStringLiteral("%1  %2  %3  %4  %5  %6\n")
                     .arg(record.id, 6)
                     .arg(terminalSafe(p.name), -16)
                     .arg(qs(record.takenAt.substr(0, 16)), -16)
                     .arg(qs(d.modelVersion), -7)
                     .arg(isConfirmed ? QStringLiteral("confirmed") : QStringLiteral("-        "))
                     .arg(top);
      }
    }
  }
  if (parser.isSet(pet) && !anyPet) {
    err() << arguments.first() << ": no pet named '" << parser.value(pet) << "'.\n";
    return kExitBadInput;
  }
  return kExitOk;
}

// "a,b" -> ids, each checked against Diseases.h.
std::optional<QStringList> diseaseList(const QString& value, QString* unknown) {
  QStringList ids;
  for (const QString& part : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
    const QString id = part.trimmed();
    if (!findDisease(id.toStdString())) {
      *unknown = id;
      return std::nullopt;
    }
    ids << id;
  }
  return ids;
}

int runConfirm(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral(
      "Records the vet's answer for a saved check (an edit adds a revision; earlier ones are "
      "kept). Disease ids as in `walness-cli diagnose` output, e.g. cataract, epiphora; any of "
      "the 15 AI Hub eye diseases may be named, not only those the model checks."));
  parser.addHelpOption();
  parser.addPositionalArgument(QStringLiteral("check"), QStringLiteral("The check's id."));
  const auto history = addOption(parser, "history", kHistoryHelp, "location");
  const auto by = addOption(parser, "by", "Who examined the pet (required).", "name");
  const auto present = addOption(parser, "present", "Diseases found, comma-separated.", "ids");
  const auto absent = addOption(parser, "absent", "Diseases examined and not found.", "ids");
  const auto notExamined =
      addOption(parser, "not-examined", "Diseases explicitly not examined.", "ids");
  const auto grade =
      addOption(parser, "grade", "Severity grade of a disease, DISEASE=GRADE (repeatable).", "d=g");
  const auto note = addOption(parser, "note", "A note.", "text");
  const auto json = addOption(parser, "json", "Print the stored answer as JSON.");
  if (const auto finished = parseOrFinish(parser, arguments)) return *finished;
  const auto usage = [&](const QString& message) {
    err() << arguments.first() << ": " << message << "\n";
    return int(kExitUsage);
  };
  bool ok = false;
  const qint64 checkId = parser.positionalArguments().value(0).toLongLong(&ok);
  if (parser.positionalArguments().size() != 1 || !ok)
    return usage(QStringLiteral("give one check id"));
  if (parser.value(by).trimmed().isEmpty()) return usage(QStringLiteral("--by NAME is required"));
  history::Confirmation confirmation;
  confirmation.confirmedBy = parser.value(by).trimmed().toStdString();
  confirmation.note = parser.value(note).toStdString();
  const std::pair<const QCommandLineOption*, history::FindingStatus> lists[] = {
      {&present, history::FindingStatus::Present},
      {&absent, history::FindingStatus::Absent},
      {&notExamined, history::FindingStatus::NotExamined}};
  for (const auto& [option, status] : lists) {
    QString unknown;
    const auto ids = diseaseList(parser.value(*option), &unknown);
    if (!ids) return usage(QStringLiteral("unknown disease '%1'").arg(unknown));
    for (const QString& id : *ids) {
      if (confirmation.finding(id.toStdString()))
        return usage(QStringLiteral("'%1' is named twice").arg(id));
      confirmation.findings.push_back({id.toStdString(), status, {}});
    }
  }
  if (confirmation.findings.empty())
    return usage(
        QStringLiteral("name at least one disease with --present, --absent or --not-examined"));
  for (const QString& value : parser.values(grade)) {
    const qsizetype equals = value.indexOf(QLatin1Char('='));
    const std::string disease = value.left(equals).trimmed().toStdString();
    auto* finding = const_cast<history::ConfirmedFinding*>(confirmation.finding(disease));
    if (equals <= 0 || !finding)
      return usage(
          QStringLiteral("--grade %1: give DISEASE=GRADE for a disease named above").arg(value));
    finding->grade = value.mid(equals + 1).trimmed().toStdString();
  }
  int exitCode = kExitOk;
  auto store = openStore(arguments.first(), parser.value(history), &exitCode);
  if (!store) return exitCode;
  auto stored = store->confirm(checkId, confirmation);
  if (!stored) {
    err() << arguments.first() << ": " << qs(stored.message()) << "\n";
    return exitCodeFor(stored.error());
  }
  if (parser.isSet(json)) {
    QJsonArray findings;
    for (const auto& f : stored->findings)
      findings.append(QJsonObject{
          {QStringLiteral("disease"), qs(f.disease)},
          {QStringLiteral("status"), qs(std::string(history::findingStatusId(f.status)))},
          {QStringLiteral("grade"), qs(f.grade)}});
    out() << QJsonDocument(QJsonObject{{QStringLiteral("check"), checkId},
                                       {QStringLiteral("revision"), stored->revision},
                                       {QStringLiteral("confirmed_by"), qs(stored->confirmedBy)},
                                       {QStringLiteral("confirmed_at"), qs(stored->confirmedAt)},
                                       {QStringLiteral("note"), qs(stored->note)},
                                       {QStringLiteral("findings"), findings}})
                 .toJson(QJsonDocument::Compact)
          << "\n";
  } else {
    out() << "Check " << checkId << " confirmed by " << terminalSafe(stored->confirmedBy)
          << " (revision " << stored->revision << ")\n";
  }
  return kExitOk;
}

int runExportLabels(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral(
      "Writes the confirmed checks of one species as a training set: images/ (the eye squares "
      "the model saw) and labels.csv in the format of the shared dog-eye data (1 found, 0 "
      "examined and not found, empty not examined), with whole pets held back as split 'val'. "
      "For `walness-cli train --init BUNDLE --data DIR/labels.csv`."));
  parser.addHelpOption();
  const auto history = addOption(parser, "history", kHistoryHelp, "location");
  const auto species = addOption(parser, "species", "dog or cat (required).", "species");
  const auto output = addOption(parser, "out", "Folder to write (new or empty).", "dir");
  const auto heldBack =
      addOption(parser, "held-back", "Share of the pets held back for validation.", "x", "0.2");
  const auto json = addOption(parser, "json", "Print the summary as JSON.");
  if (const auto finished = parseOrFinish(parser, arguments)) return *finished;
  const auto speciesValue = speciesFromId(parser.value(species).toStdString());
  if (!speciesValue || !parser.isSet(output)) {
    err() << arguments.first() << ": give --species dog|cat and --out DIR.\n";
    return kExitUsage;
  }
  bool ok = false;
  history::LabelExportOptions options;
  options.species = *speciesValue;
  options.heldBackShare = parser.value(heldBack).toDouble(&ok);
  if (!ok || options.heldBackShare <= 0 || options.heldBackShare >= 1) {
    err() << arguments.first() << ": --held-back must be between 0 and 1.\n";
    return kExitUsage;
  }
  int exitCode = kExitOk;
  auto store = openStore(arguments.first(), parser.value(history), &exitCode);
  if (!store) return exitCode;
  auto summary =
      history::exportConfirmedLabels(*store, parser.value(output).toStdString(), options);
  if (!summary) {
    err() << arguments.first() << ": " << qs(summary.message()) << "\n";
    return kExitBadInput;
  }
  if (parser.isSet(json)) {
    QJsonArray diseases;
    for (const auto& d : summary->diseases) diseases.append(qs(d));
    out() << QJsonDocument(
                 QJsonObject{{QStringLiteral("photos"), summary->written},
                             {QStringLiteral("train_photos"), summary->trainPhotos},
                             {QStringLiteral("val_photos"), summary->heldBackPhotos},
                             {QStringLiteral("train_pets"), summary->trainPets},
                             {QStringLiteral("val_pets"), summary->heldBackPets},
                             {QStringLiteral("skipped_abstained"), summary->skippedAbstained},
                             {QStringLiteral("skipped_unlabelled"), summary->skippedUnlabelled},
                             {QStringLiteral("diseases"), diseases}})
                 .toJson(QJsonDocument::Compact)
          << "\n";
  } else {
    out() << "Wrote " << summary->written << " photos (" << summary->trainPhotos << " train from "
          << summary->trainPets << " pets, " << summary->heldBackPhotos << " held back from "
          << summary->heldBackPets << " pets) to " << parser.value(output) << "; skipped "
          << summary->skippedAbstained << " without findings and " << summary->skippedUnlabelled
          << " without a present/absent answer\n";
  }
  return kExitOk;
}

}  // namespace

int runHistory(const QStringList& arguments) {
  const QString sub = arguments.value(1);
  QStringList rest = arguments.mid(1);
  if (!rest.isEmpty()) rest.first() = arguments.first() + QLatin1Char(' ') + sub;
  if (sub == QLatin1String("checks")) return runChecks(rest);
  if (sub == QLatin1String("confirm")) return runConfirm(rest);
  if (sub == QLatin1String("export-labels")) return runExportLabels(rest);
  const bool help = sub == QLatin1String("--help") || sub == QLatin1String("-h");
  (help ? out() : err()) << "Usage: walness-cli history checks|confirm|export-labels [options]\n"
                            "  checks         list saved checks with their ids\n"
                            "  confirm        record the vet's answer for a check\n"
                            "  export-labels  write confirmed checks as a labelled training set\n"
                            "Each has --help.\n";
  return help ? kExitOk : kExitUsage;
}

int runAudit(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral(
      "How each model version did on this clinic's confirmed checks: per disease the confirmed "
      "counts, sensitivity and specificity at the threshold each check was screened with (95% "
      "Wilson intervals), AUC when both classes have at least 10 checks, and plain words when "
      "counts are too small to say anything."));
  parser.addHelpOption();
  const auto history = addOption(parser, "history", kHistoryHelp, "location");
  const auto model = addOption(parser, "model", "Only this model id.", "id");
  const auto json = addOption(parser, "json", "Print JSON.");
  if (const auto finished = parseOrFinish(parser, arguments)) return *finished;
  int exitCode = kExitOk;
  auto store = openStore(arguments.first(), parser.value(history), &exitCode);
  if (!store) return exitCode;
  auto checks = store->confirmedChecks();
  if (!checks) {
    err() << arguments.first() << ": " << qs(checks.message()) << "\n";
    return kExitFailure;
  }
  const audit::AuditReport report =
      audit::auditConfirmedChecks(*checks, parser.value(model).toStdString());
  if (parser.isSet(json)) {
    QJsonObject result = report.toJson();
    result[QStringLiteral("history")] = store->location().describe();
    out() << QJsonDocument(result).toJson(QJsonDocument::Compact) << "\n";
    return kExitOk;
  }
  out() << report.confirmedChecks << " confirmed checks in " << store->location().describe()
        << "\n";
  if (report.models.empty()) out() << "Nothing to audit yet: no check has the vet's answer.\n";
  const auto percent = [](const std::optional<audit::Proportion>& p) {
    return p ? QStringLiteral("%1% (%2-%3)")
                   .arg(qRound(p->value * 100))
                   .arg(qRound(p->low * 100))
                   .arg(qRound(p->high * 100))
             : QStringLiteral("-");
  };
  for (const audit::ModelVersionAudit& m : report.models) {
    out() << "\n"
          << qs(m.modelId) << " " << qs(m.modelVersion) << " (" << speciesText(m.species)
          << "): " << m.confirmedChecks << " confirmed checks, " << m.abstained
          << " without findings\n";
    out() << QStringLiteral("  %1 %2 %3 %4 %5\n")
                 .arg(QStringLiteral("disease"), -24)
                 .arg(QStringLiteral("with/without"), 12)
                 .arg(QStringLiteral("sensitivity"), 16)
                 .arg(QStringLiteral("specificity"), 16)
                 .arg(QStringLiteral("AUC"), 5);
    for (const audit::DiseaseAudit& d : m.diseases) {
      out() << QStringLiteral("  %1 %2 %3 %4 %5\n")
                   .arg(qs(d.disease), -24)
                   .arg(QStringLiteral("%1/%2").arg(d.positives).arg(d.negatives), 12)
                   .arg(percent(d.sensitivity), 16)
                   .arg(percent(d.specificity), 16)
                   .arg(d.auc ? QString::number(*d.auc, 'f', 2) : QStringLiteral("-"), 5);
      out() << "    " << qs(d.wordsEn) << "\n";
    }
  }
  for (const audit::UncheckedDisease& u : report.unchecked)
    out() << "\nNot checked by any model: " << qs(u.disease) << " (found " << u.present
          << ", absent " << u.absent << ")\n";
  return kExitOk;
}

}  // namespace walness::cli
