#include "walness/knowledge/Advice.h"

#include <QFile>

#include <algorithm>
#include <optional>

#include "walness/Diseases.h"

namespace walness::knowledge {
namespace {

QString knowledgeWords(const std::string& text, const Words& words) {
  return words.translate("DiseaseKnowledge", text.c_str());
}

Advice adviceFrom(const DiseaseInfo& info, const Words& words) {
  Advice advice;
  advice.disease = info.id;
  advice.urgency = info.urgency;
  advice.diseaseName = diseaseName(info.id, words);
  advice.urgencyText = urgencyText(info.urgency, words);
  advice.urgencyReason = knowledgeWords(info.urgencyReason, words);
  advice.what = knowledgeWords(info.what, words);
  for (const std::string& sign : info.signs) advice.signs << knowledgeWords(sign, words);
  advice.ownerAction = knowledgeWords(info.ownerAction, words);
  return advice;
}

}  // namespace

QString urgencyText(Urgency urgency, const Words& words) {
  switch (urgency) {
    case Urgency::Today:
      return words.translate("Advice", "See a vet today");
    case Urgency::Days:
      return words.translate("Advice", "See a vet within a few days");
    case Urgency::Watch:
      return words.translate("Advice", "Mention it at the next vet visit");
  }
  return words.translate("Advice", "See a vet within a few days");
}

std::vector<Advice> adviceFor(const inference::Diagnosis& diagnosis,
                              const DiseaseKnowledge& knowledge, const Words& words) {
  std::vector<Advice> advice;
  if (diagnosis.abstention) return advice;
  for (const inference::Finding& finding : diagnosis.findings)
    if (finding.positive)
      if (const DiseaseInfo* info = knowledge.find(diagnosis.species, finding.disease))
        advice.push_back(adviceFrom(*info, words));
  std::stable_sort(advice.begin(), advice.end(), [](const Advice& a, const Advice& b) {
    return int(a.urgency) > int(b.urgency);
  });
  return advice;
}

bool seeAVetToday(const std::vector<Advice>& advice) {
  return std::any_of(advice.begin(), advice.end(),
                     [](const Advice& item) { return item.urgency == Urgency::Today; });
}

QString adviceHtml(const std::vector<Advice>& advice, const Words& words) {
  QString html;
  for (const Advice& item : advice)
    html += QStringLiteral("<p><b>%1</b> &mdash; <b>%2</b>: %3<br>%4<br><i>%5</i> %6</p>")
                .arg(item.diseaseName.toHtmlEscaped(), item.urgencyText.toHtmlEscaped(),
                     item.urgencyReason.toHtmlEscaped(), item.what.toHtmlEscaped(),
                     words.translate("Advice", "What to do:").toHtmlEscaped(),
                     item.ownerAction.toHtmlEscaped());
  return html;
}

QString adviceText(const std::vector<Advice>& advice, const Words& words, const QString& indent) {
  QString text;
  for (const Advice& item : advice) {
    text += indent + item.diseaseName + QStringLiteral(": ") + item.urgencyText +
            QStringLiteral(". ") + item.urgencyReason + QLatin1Char('\n');
    text += indent + QStringLiteral("  ") + item.what + QLatin1Char('\n');
    text += indent + QStringLiteral("  ") + words.translate("Advice", "What to do:") +
            QLatin1Char(' ') + item.ownerAction + QLatin1Char('\n');
  }
  return text;
}

const DiseaseKnowledge* shippedKnowledge() {
  static const std::optional<DiseaseKnowledge> knowledge = []() -> std::optional<DiseaseKnowledge> {
    QFile file(QStringLiteral(":/knowledge/diseases.json"));
    if (!file.open(QIODevice::ReadOnly)) return std::nullopt;
    auto parsed = DiseaseKnowledge::parse(file.readAll(), "diseases.json");
    if (!parsed) return std::nullopt;
    return std::move(*parsed);
  }();
  return knowledge ? &*knowledge : nullptr;
}

}  // namespace walness::knowledge
