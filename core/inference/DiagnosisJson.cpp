#include "inference/DiagnosisJson.h"

#include <QJsonArray>

namespace walness::inference {

namespace {

QString qs(const std::string& text) {
  return QString::fromStdString(text);
}

QJsonObject qualityJson(const imaging::QualityReport& report) {
  QJsonObject quality;
  for (const auto& check : report.checks) {
    const char* severity = check.severity == imaging::QualitySeverity::Ok        ? "ok"
                           : check.severity == imaging::QualitySeverity::Warning ? "warning"
                                                                                 : "severe";
    QJsonObject entry{{QStringLiteral("value"), check.value},
                      {QStringLiteral("threshold"), check.threshold},
                      {QStringLiteral("status"), QLatin1String(severity)}};
    if (check.severity != imaging::QualitySeverity::Ok)
      entry.insert(QStringLiteral("message"), qs(imaging::qualityMessage(check, "en")));
    quality.insert(qs(check.key), entry);
  }
  return quality;
}

}  // namespace

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
                      diagnosis.abstention ? QJsonValue(qs(diagnosis.abstention->reason))
                                           : QJsonValue(QJsonValue::Null)},
                     {QStringLiteral("findings"), findings}};
  if (diagnosis.abstention)
    object.insert(QStringLiteral("abstention_message"), qs(diagnosis.abstention->message));
  if (diagnosis.oodThreshold > 0)
    object.insert(QStringLiteral("out_of_distribution"),
                  QJsonObject{{QStringLiteral("score"), diagnosis.oodScore},
                              {QStringLiteral("threshold"), diagnosis.oodThreshold}});
  return object;
}

}  // namespace walness::inference
