#include "walness/inference/DiagnosisJson.h"

#include <QJsonArray>

namespace walness::inference {

namespace {

struct ReasonId {
  AbstentionReason reason;
  std::string_view id;
};
// The only place abstention reasons are spelled: how JSON and the history name them.
constexpr ReasonId kReasonIds[] = {
    {AbstentionReason::Quality, "quality"},
    {AbstentionReason::EyeTooSmall, "eye_too_small"},
    {AbstentionReason::NotAnEye, "not_an_eye"},
    {AbstentionReason::OtherSpecies, "other_species"},
    {AbstentionReason::OutOfDistribution, "out_of_distribution"},
};

QString qs(const std::string& text) {
  return QString::fromStdString(text);
}

QString severityId(imaging::QualitySeverity severity) {
  return severity == imaging::QualitySeverity::Ok        ? QStringLiteral("ok")
         : severity == imaging::QualitySeverity::Warning ? QStringLiteral("warning")
                                                         : QStringLiteral("severe");
}

QJsonObject qualityJson(const imaging::QualityReport& report) {
  QJsonObject quality;
  for (const auto& check : report.checks) {
    QJsonObject entry{{QStringLiteral("value"), check.value},
                      {QStringLiteral("threshold"), check.threshold},
                      {QStringLiteral("status"), severityId(check.severity)}};
    if (check.severity != imaging::QualitySeverity::Ok)
      entry.insert(QStringLiteral("message"),
                   imaging::qualityMessage(check, Words(Language::English)));
    quality.insert(qs(check.key), entry);
  }
  return quality;
}

}  // namespace

std::string_view abstentionReasonId(AbstentionReason reason) {
  for (const ReasonId& entry : kReasonIds)
    if (entry.reason == reason) return entry.id;
  return "unrecognised";
}

AbstentionReason abstentionReasonFromId(std::string_view id) {
  for (const ReasonId& entry : kReasonIds)
    if (entry.id == id) return entry.reason;
  return AbstentionReason::Unrecognised;
}

std::string abstentionId(const Abstention& abstention) {
  if (abstention.reason == AbstentionReason::Unrecognised) return abstention.unrecognisedId;
  return std::string(abstentionReasonId(abstention.reason));
}

QJsonObject diagnosisToJson(const Diagnosis& diagnosis) {
  QJsonArray findings;
  for (const auto& finding : diagnosis.findings)
    findings.append(QJsonObject{{QStringLiteral("disease"), qs(finding.disease)},
                                {QStringLiteral("probability"), finding.probability},
                                {QStringLiteral("threshold"), finding.threshold},
                                {QStringLiteral("positive"), finding.positive}});
  QJsonObject object{{QStringLiteral("species"), qs(std::string(speciesId(diagnosis.species)))},
                     {QStringLiteral("model"),
                      QJsonObject{{QStringLiteral("id"), qs(diagnosis.modelId)},
                                  {QStringLiteral("version"), qs(diagnosis.modelVersion)}}},
                     {QStringLiteral("quality"), qualityJson(diagnosis.quality)},
                     {QStringLiteral("abstained"),
                      diagnosis.abstention ? QJsonValue(qs(abstentionId(*diagnosis.abstention)))
                                           : QJsonValue(QJsonValue::Null)},
                     {QStringLiteral("findings"), findings}};
  if (diagnosis.abstention)
    object.insert(QStringLiteral("abstention_message"), qs(diagnosis.abstention->message));
  if (diagnosis.abstention && diagnosis.abstention->reason == AbstentionReason::EyeTooSmall) {
    object.insert(QStringLiteral("eye_size_px"), diagnosis.abstention->eyePixels);
    object.insert(QStringLiteral("eye_size_needed_px"), diagnosis.abstention->neededPixels);
  }
  object.insert(QStringLiteral("eye_gate"),
                diagnosis.eyeGate ? QJsonValue(QJsonObject{
                                        {QStringLiteral("dog_eye"), diagnosis.eyeGate->dogEye},
                                        {QStringLiteral("cat_eye"), diagnosis.eyeGate->catEye},
                                        {QStringLiteral("not_eye"), diagnosis.eyeGate->notEye}})
                                  : QJsonValue(QJsonValue::Null));
  if (diagnosis.detectedSpecies)
    object.insert(QStringLiteral("detected_species"),
                  qs(std::string(speciesId(*diagnosis.detectedSpecies))));
  if (diagnosis.oodThreshold > 0)
    object.insert(QStringLiteral("out_of_distribution"),
                  QJsonObject{{QStringLiteral("score"), diagnosis.oodScore},
                              {QStringLiteral("threshold"), diagnosis.oodThreshold}});
  return object;
}

Result<Diagnosis> diagnosisFromJson(const QJsonObject& object) {
  Diagnosis diagnosis;
  const auto species =
      speciesFromId(object.value(QStringLiteral("species")).toString().toStdString());
  const QJsonObject model = object.value(QStringLiteral("model")).toObject();
  diagnosis.modelId = model.value(QStringLiteral("id")).toString().toStdString();
  diagnosis.modelVersion = model.value(QStringLiteral("version")).toString().toStdString();
  if (!species || diagnosis.modelId.empty() || !object.value(QStringLiteral("findings")).isArray())
    return Error{"not a Walness diagnosis (species, model id or findings missing)"};
  diagnosis.species = *species;
  const QJsonObject quality = object.value(QStringLiteral("quality")).toObject();
  for (auto it = quality.begin(); it != quality.end(); ++it) {
    const QJsonObject entry = it.value().toObject();
    imaging::QualityCheck check;
    check.key = it.key().toStdString();
    check.value = entry.value(QStringLiteral("value")).toDouble();
    check.threshold = entry.value(QStringLiteral("threshold")).toDouble();
    const QString status = entry.value(QStringLiteral("status")).toString();
    check.severity = status == QLatin1String("severe")    ? imaging::QualitySeverity::Severe
                     : status == QLatin1String("warning") ? imaging::QualitySeverity::Warning
                                                          : imaging::QualitySeverity::Ok;
    diagnosis.quality.checks.push_back(check);
  }
  const QJsonValue abstained = object.value(QStringLiteral("abstained"));
  if (abstained.isString()) {
    const std::string id = abstained.toString().toStdString();
    Abstention abstention;
    abstention.reason = abstentionReasonFromId(id);
    abstention.message =
        object.value(QStringLiteral("abstention_message")).toString().toStdString();
    if (abstention.reason == AbstentionReason::Unrecognised) abstention.unrecognisedId = id;
    abstention.eyePixels = object.value(QStringLiteral("eye_size_px")).toDouble();
    abstention.neededPixels = object.value(QStringLiteral("eye_size_needed_px")).toDouble();
    diagnosis.abstention = std::move(abstention);
  }
  for (const QJsonValue& value : object.value(QStringLiteral("findings")).toArray()) {
    const QJsonObject entry = value.toObject();
    Finding finding;
    finding.disease = entry.value(QStringLiteral("disease")).toString().toStdString();
    finding.probability = entry.value(QStringLiteral("probability")).toDouble(-1);
    finding.threshold = entry.value(QStringLiteral("threshold")).toDouble(-1);
    finding.positive = entry.value(QStringLiteral("positive")).toBool();
    if (finding.disease.empty() || finding.probability < 0 || finding.probability > 1 ||
        finding.threshold < 0 || finding.threshold > 1)
      return Error{"a finding has no disease or a probability outside 0..1"};
    diagnosis.findings.push_back(finding);
  }
  const QJsonObject gate = object.value(QStringLiteral("eye_gate")).toObject();
  if (!gate.isEmpty())
    diagnosis.eyeGate = gate::GateScores{gate.value(QStringLiteral("dog_eye")).toDouble(),
                                         gate.value(QStringLiteral("cat_eye")).toDouble(),
                                         gate.value(QStringLiteral("not_eye")).toDouble()};
  diagnosis.detectedSpecies =
      speciesFromId(object.value(QStringLiteral("detected_species")).toString().toStdString());
  const QJsonObject ood = object.value(QStringLiteral("out_of_distribution")).toObject();
  diagnosis.oodScore = ood.value(QStringLiteral("score")).toDouble();
  diagnosis.oodThreshold = ood.value(QStringLiteral("threshold")).toDouble();
  return diagnosis;
}

}  // namespace walness::inference
