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

// --history's value; empty: this computer's store.
std::optional<QString> historyLocation(const QString& value) {
  return value.isEmpty() ? std::nullopt : std::optional<QString>(value);
}

QString speciesText(Species species) {
  return QString::fromLatin1(speciesId(species).data(), qsizetype(speciesId(species).size()));
}

// One saved check: a JSON line, or a row of the table.
void printCheck(const history::DiagnosisRecord& record, const history::Pet& pet, bool isConfirmed,
                bool json) {
  const inference::Diagnosis& d = record.diagnosis;
  const QString top =
      d.abstention
          ? QStringLiteral("(no findings: %1)").arg(qs(inference::abstentionId(*d.abstention)))
      : d.top() ? QStringLiteral("%1 %2%")
                      .arg(qs(d.top()->disease))
                      .arg(int(d.top()->probability * 100 + 0.5))
                : QString();
  if (json) {
    out() << QJsonDocument(
                 QJsonObject{{QStringLiteral("id"), qint64(record.id)},
                             {QStringLiteral("pet"), qs(pet.name)},
                             {QStringLiteral("species"), speciesText(pet.species)},
                             {QStringLiteral("taken_at"), qs(record.takenAt)},
                             {QStringLiteral("model"), qs(d.modelId + " " + d.modelVersion)},
                             {QStringLiteral("top"), top},
                             {QStringLiteral("confirmed"), isConfirmed}})
                 .toJson(QJsonDocument::Compact)
          << "\n";
    return;
  }
  out() << QStringLiteral("%1  %2  %3  %4  %5  %6\n")
               .arg(record.id, 6)
               .arg(terminalSafe(pet.name), -16)
               .arg(qs(record.takenAt.substr(0, 16)), -16)
               .arg(qs(d.modelVersion), -7)
               .arg(isConfirmed ? QStringLiteral("confirmed") : QStringLiteral("-        "))
               .arg(top);
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
  auto opened = openStore(historyLocation(parser.value(history)));
  if (!opened) return reportFailure(arguments.first(), opened.error(), kExitUsage);
  const std::unique_ptr<history::HistoryStore>& store = *opened;
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
    for (const history::DiagnosisRecord& record : *checks)
      printCheck(record, p, confirmed->count(record.id) > 0, parser.isSet(json));
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

// What `history confirm` was told: the check and the vet's answer for it.
struct ConfirmSettings {
  qint64 checkId = 0;
  history::Confirmation confirmation;
  QString history;
  bool json = false;
};

void addConfirmOptions(QCommandLineParser& parser) {
  parser.setApplicationDescription(QStringLiteral(
      "Records the vet's answer for a saved check (an edit adds a revision; earlier ones are "
      "kept). Disease ids as in `walness-cli diagnose` output, e.g. cataract, epiphora; any of "
      "the 15 AI Hub eye diseases may be named, not only those the model checks."));
  parser.addHelpOption();
  parser.addPositionalArgument(QStringLiteral("check"), QStringLiteral("The check's id."));
  addOption(parser, "history", kHistoryHelp, "location");
  addOption(parser, "by", "Who examined the pet (required).", "name");
  addOption(parser, "present", "Diseases found, comma-separated.", "ids");
  addOption(parser, "absent", "Diseases examined and not found.", "ids");
  addOption(parser, "not-examined", "Diseases explicitly not examined.", "ids");
  addOption(parser, "grade", "Severity grade of a disease, DISEASE=GRADE (repeatable).", "d=g");
  addOption(parser, "note", "A note.", "text");
  addOption(parser, "json", "Print the stored answer as JSON.");
}

// --present, --absent and --not-examined as findings; each disease named once.
Status addNamedFindings(const QCommandLineParser& parser, history::Confirmation& confirmation) {
  const std::pair<const char*, history::FindingStatus> lists[] = {
      {"present", history::FindingStatus::Present},
      {"absent", history::FindingStatus::Absent},
      {"not-examined", history::FindingStatus::NotExamined}};
  for (const auto& [option, status] : lists) {
    QString unknown;
    const auto ids = diseaseList(parser.value(QLatin1String(option)), &unknown);
    if (!ids) return badInputError(QStringLiteral("unknown disease '%1'").arg(unknown));
    for (const QString& id : *ids) {
      if (confirmation.finding(id.toStdString()))
        return badInputError(QStringLiteral("'%1' is named twice").arg(id));
      confirmation.findings.push_back({id.toStdString(), status, {}});
    }
  }
  if (confirmation.findings.empty())
    return badInputError(
        QStringLiteral("name at least one disease with --present, --absent or --not-examined"));
  return Ok{};
}

// Each --grade DISEASE=GRADE onto the finding named above.
Status addGrades(const QCommandLineParser& parser, history::Confirmation& confirmation) {
  for (const QString& value : parser.values(QStringLiteral("grade"))) {
    const qsizetype equals = value.indexOf(QLatin1Char('='));
    const std::string disease = value.left(equals).trimmed().toStdString();
    auto* finding = const_cast<history::ConfirmedFinding*>(confirmation.finding(disease));
    if (equals <= 0 || !finding)
      return badInputError(
          QStringLiteral("--grade %1: give DISEASE=GRADE for a disease named above").arg(value));
    finding->grade = value.mid(equals + 1).trimmed().toStdString();
  }
  return Ok{};
}

// The options as a confirmation; every error is a usage error.
Result<ConfirmSettings> readConfirmSettings(const QCommandLineParser& parser) {
  ConfirmSettings settings;
  bool ok = false;
  settings.checkId = parser.positionalArguments().value(0).toLongLong(&ok);
  if (parser.positionalArguments().size() != 1 || !ok)
    return badInputError(QStringLiteral("give one check id"));
  const QString by = parser.value(QStringLiteral("by")).trimmed();
  if (by.isEmpty()) return badInputError(QStringLiteral("--by NAME is required"));
  settings.confirmation.confirmedBy = by.toStdString();
  settings.confirmation.note = parser.value(QStringLiteral("note")).toStdString();
  if (auto named = addNamedFindings(parser, settings.confirmation); !named) return named.error();
  if (auto graded = addGrades(parser, settings.confirmation); !graded) return graded.error();
  settings.history = parser.value(QStringLiteral("history"));
  settings.json = parser.isSet(QStringLiteral("json"));
  return settings;
}

void printConfirmation(qint64 checkId, const history::Confirmation& stored, bool json) {
  if (!json) {
    out() << "Check " << checkId << " confirmed by " << terminalSafe(stored.confirmedBy)
          << " (revision " << stored.revision << ")\n";
    return;
  }
  QJsonArray findings;
  for (const auto& f : stored.findings)
    findings.append(
        QJsonObject{{QStringLiteral("disease"), qs(f.disease)},
                    {QStringLiteral("status"), qs(std::string(history::findingStatusId(f.status)))},
                    {QStringLiteral("grade"), qs(f.grade)}});
  out() << QJsonDocument(QJsonObject{{QStringLiteral("check"), checkId},
                                     {QStringLiteral("revision"), stored.revision},
                                     {QStringLiteral("confirmed_by"), qs(stored.confirmedBy)},
                                     {QStringLiteral("confirmed_at"), qs(stored.confirmedAt)},
                                     {QStringLiteral("note"), qs(stored.note)},
                                     {QStringLiteral("findings"), findings}})
               .toJson(QJsonDocument::Compact)
        << "\n";
}

int runConfirm(const QStringList& arguments) {
  QCommandLineParser parser;
  addConfirmOptions(parser);
  if (const auto finished = parseOrFinish(parser, arguments)) return *finished;
  const auto settings = readConfirmSettings(parser);
  if (!settings) return reportFailure(arguments.first(), settings.error(), kExitUsage);
  auto store = openStore(historyLocation(settings->history));
  if (!store) return reportFailure(arguments.first(), store.error(), kExitUsage);
  auto stored = (*store)->confirm(settings->checkId, settings->confirmation);
  if (!stored) return reportFailure(arguments.first(), stored.error());
  printConfirmation(settings->checkId, *stored, settings->json);
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
  auto opened = openStore(historyLocation(parser.value(history)));
  if (!opened) return reportFailure(arguments.first(), opened.error(), kExitUsage);
  const std::unique_ptr<history::HistoryStore>& store = *opened;
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

// One model version's audit: its counts, then a row and plain words per disease.
void printModelAudit(const audit::ModelVersionAudit& m) {
  const auto percent = [](const std::optional<audit::Proportion>& p) {
    return p ? QStringLiteral("%1% (%2-%3)")
                   .arg(qRound(p->value * 100))
                   .arg(qRound(p->low * 100))
                   .arg(qRound(p->high * 100))
             : QStringLiteral("-");
  };
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
  auto opened = openStore(historyLocation(parser.value(history)));
  if (!opened) return reportFailure(arguments.first(), opened.error(), kExitUsage);
  const std::unique_ptr<history::HistoryStore>& store = *opened;
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
  for (const audit::ModelVersionAudit& m : report.models) printModelAudit(m);
  for (const audit::UncheckedDisease& u : report.unchecked)
    out() << "\nNot checked by any model: " << qs(u.disease) << " (found " << u.present
          << ", absent " << u.absent << ")\n";
  return kExitOk;
}

}  // namespace walness::cli
