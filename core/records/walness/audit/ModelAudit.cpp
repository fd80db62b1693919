#include "walness/audit/ModelAudit.h"

#include <QJsonArray>
#include <QString>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "walness/metrics/Metrics.h"

namespace walness::audit {

namespace {

std::string percent(double value) {
  return std::to_string(int(std::lround(value * 100))) + "%";
}

std::string plainWords(const DiseaseAudit& d) {
  const int minimum = AuditReport::kMinimumForAuc;
  if (d.positives == 0 && d.negatives == 0)
    return "No confirmed checks yet: nothing can be said about this disease here.";
  std::string words;
  if (d.sensitivity)
    words += "Flagged " + std::to_string(d.truePositives) + " of " + std::to_string(d.positives) +
             " eyes the vet found it in (" + percent(d.sensitivity->value) + ", 95% interval " +
             percent(d.sensitivity->low) + "-" + percent(d.sensitivity->high) + "). ";
  if (d.specificity)
    words += "Left " + std::to_string(d.trueNegatives) + " of " + std::to_string(d.negatives) +
             " eyes without it unflagged (" + percent(d.specificity->value) + ", " +
             percent(d.specificity->low) + "-" + percent(d.specificity->high) + "). ";
  if (d.positives < minimum || d.negatives < minimum)
    words += "Too few checks to judge: at least " + std::to_string(minimum) + " with and " +
             std::to_string(minimum) + " without the disease are needed (" +
             std::to_string(d.positives) + " and " + std::to_string(d.negatives) + " so far).";
  else if (d.auc)
    words += "Ranking quality (AUC) " + QString::number(*d.auc, 'f', 2).toStdString() + ".";
  while (!words.empty() && words.back() == ' ') words.pop_back();
  return words;
}

QJsonValue proportionJson(const std::optional<Proportion>& p) {
  if (!p) return QJsonValue(QJsonValue::Null);
  return QJsonObject{{QStringLiteral("value"), p->value},
                     {QStringLiteral("low"), p->low},
                     {QStringLiteral("high"), p->high},
                     {QStringLiteral("hits"), p->hits},
                     {QStringLiteral("total"), p->total}};
}

}  // namespace

Proportion wilsonProportion(int hits, int total, double z) {
  Proportion p;
  p.hits = hits;
  p.total = total;
  if (total <= 0) return p;
  const double n = total;
  const double phat = hits / n;
  const double z2 = z * z;
  const double centre = (phat + z2 / (2 * n)) / (1 + z2 / n);
  const double half = z / (1 + z2 / n) * std::sqrt(phat * (1 - phat) / n + z2 / (4 * n * n));
  p.value = phat;
  p.low = std::max(0.0, centre - half);
  p.high = std::min(1.0, centre + half);
  return p;
}

AuditReport auditConfirmedChecks(const std::vector<history::ConfirmedCheck>& checks,
                                 const std::string& modelId) {
  AuditReport report;
  struct Cells {
    std::vector<double> scores;
    std::vector<int> truth;
    DiseaseAudit audit;
  };
  struct Version {
    ModelVersionAudit audit;
    std::map<std::string, Cells> cells;
  };
  std::map<std::pair<std::string, std::string>, Version> versions;
  std::set<std::string> checkedByAny;
  std::map<std::string, UncheckedDisease> mentioned;
  for (const history::ConfirmedCheck& check : checks) {
    const inference::Diagnosis& diagnosis = check.record.diagnosis;
    if (!modelId.empty() && diagnosis.modelId != modelId) continue;
    ++report.confirmedChecks;
    Version& version = versions[{diagnosis.modelId, diagnosis.modelVersion}];
    ModelVersionAudit& audit = version.audit;
    if (audit.confirmedChecks == 0) {
      audit.modelId = diagnosis.modelId;
      audit.modelVersion = diagnosis.modelVersion;
      audit.species = diagnosis.species;
      audit.firstCheck = check.record.takenAt;
    }
    ++audit.confirmedChecks;
    audit.lastCheck = std::max(audit.lastCheck, check.record.takenAt);
    audit.firstCheck = std::min(audit.firstCheck, check.record.takenAt);
    for (const history::ConfirmedFinding& finding : check.confirmation.findings) {
      if (finding.status == history::FindingStatus::NotExamined) continue;
      UncheckedDisease& count = mentioned[finding.disease];
      count.disease = finding.disease;
      ++(finding.status == history::FindingStatus::Present ? count.present : count.absent);
    }
    if (diagnosis.abstention) {
      ++audit.abstained;
      continue;
    }
    for (const inference::Finding& finding : diagnosis.findings) {
      checkedByAny.insert(finding.disease);
      Cells& cells = version.cells[finding.disease];
      cells.audit.disease = finding.disease;
      const auto present = check.confirmation.present(finding.disease);
      if (!present) continue;
      cells.scores.push_back(finding.probability);
      cells.truth.push_back(*present ? 1 : 0);
      if (*present)
        ++(finding.positive ? cells.audit.truePositives : cells.audit.falseNegatives);
      else
        ++(finding.positive ? cells.audit.falsePositives : cells.audit.trueNegatives);
    }
  }
  for (auto& [key, version] : versions) {
    for (auto& [disease, cells] : version.cells) {
      DiseaseAudit& d = cells.audit;
      d.positives = d.truePositives + d.falseNegatives;
      d.negatives = d.trueNegatives + d.falsePositives;
      if (d.positives > 0) d.sensitivity = wilsonProportion(d.truePositives, d.positives);
      if (d.negatives > 0) d.specificity = wilsonProportion(d.trueNegatives, d.negatives);
      if (d.positives >= AuditReport::kMinimumForAuc && d.negatives >= AuditReport::kMinimumForAuc)
        d.auc = metrics::rocAuc(cells.scores, cells.truth);
      d.wordsEn = plainWords(d);
      version.audit.diseases.push_back(d);
    }
    report.models.push_back(std::move(version.audit));
  }
  for (const auto& [disease, count] : mentioned)
    if (!checkedByAny.count(disease)) report.unchecked.push_back(count);
  return report;
}

QJsonObject AuditReport::toJson() const {
  QJsonArray modelsJson;
  for (const ModelVersionAudit& model : models) {
    QJsonArray diseasesJson;
    for (const DiseaseAudit& d : model.diseases)
      diseasesJson.append(QJsonObject{
          {QStringLiteral("disease"), QString::fromStdString(d.disease)},
          {QStringLiteral("positives"), d.positives},
          {QStringLiteral("negatives"), d.negatives},
          {QStringLiteral("true_positives"), d.truePositives},
          {QStringLiteral("false_negatives"), d.falseNegatives},
          {QStringLiteral("true_negatives"), d.trueNegatives},
          {QStringLiteral("false_positives"), d.falsePositives},
          {QStringLiteral("sensitivity"), proportionJson(d.sensitivity)},
          {QStringLiteral("specificity"), proportionJson(d.specificity)},
          {QStringLiteral("auc"), d.auc ? QJsonValue(*d.auc) : QJsonValue(QJsonValue::Null)},
          {QStringLiteral("words"), QString::fromStdString(d.wordsEn)}});
    modelsJson.append(
        QJsonObject{{QStringLiteral("id"), QString::fromStdString(model.modelId)},
                    {QStringLiteral("version"), QString::fromStdString(model.modelVersion)},
                    {QStringLiteral("species"),
                     QString::fromLatin1(speciesId(model.species).data(),
                                         qsizetype(speciesId(model.species).size()))},
                    {QStringLiteral("confirmed_checks"), model.confirmedChecks},
                    {QStringLiteral("abstained"), model.abstained},
                    {QStringLiteral("first_check"), QString::fromStdString(model.firstCheck)},
                    {QStringLiteral("last_check"), QString::fromStdString(model.lastCheck)},
                    {QStringLiteral("diseases"), diseasesJson}});
  }
  QJsonArray uncheckedJson;
  for (const UncheckedDisease& u : unchecked)
    uncheckedJson.append(QJsonObject{{QStringLiteral("disease"), QString::fromStdString(u.disease)},
                                     {QStringLiteral("present"), u.present},
                                     {QStringLiteral("absent"), u.absent}});
  return QJsonObject{{QStringLiteral("confirmed_checks"), confirmedChecks},
                     {QStringLiteral("minimum_per_class_for_auc"), kMinimumForAuc},
                     {QStringLiteral("models"), modelsJson},
                     {QStringLiteral("unchecked_diseases"), uncheckedJson}};
}

}  // namespace walness::audit
