#pragma once

#include <QString>
#include <QStringList>

#include <string>
#include <vector>

#include "walness/inference/Diagnosis.h"
#include "walness/knowledge/DiseaseKnowledge.h"
#include "walness/text/Words.h"

namespace walness::knowledge {

// What an owner should do about one positive finding, worded in one language: the same advice on
// the eye-check page, in the reports and on the command line.
struct Advice {
  std::string disease;  // Diseases.h id
  Urgency urgency = Urgency::Days;
  QString diseaseName;
  QString urgencyText;  // "See a vet today"
  QString urgencyReason;
  QString what;
  QStringList signs;
  QString ownerAction;
};

// "See a vet today", "See a vet within a few days", "Mention it at the next vet visit".
QString urgencyText(Urgency urgency, const Words& words);

// Advice for each positive finding the knowledge covers, most urgent first (the findings' order
// among equals); none when the screening abstained.
std::vector<Advice> adviceFor(const inference::Diagnosis& diagnosis,
                              const DiseaseKnowledge& knowledge, const Words& words);
// Whether any of it says to see a vet today.
bool seeAVetToday(const std::vector<Advice>& advice);

// One paragraph per advice, as rich text (escaped): name, urgency and why, what it is, what to do.
QString adviceHtml(const std::vector<Advice>& advice, const Words& words);
// The same as plain text lines for the command line, each indented by `indent`.
QString adviceText(const std::vector<Advice>& advice, const Words& words, const QString& indent);

// The knowledge Walness ships (resources/knowledge/diseases.json, compiled into the engine),
// parsed once; nullptr only if the shipped file were broken (a test guards it).
const DiseaseKnowledge* shippedKnowledge();

}  // namespace walness::knowledge
