#pragma once

#include <QJsonObject>

#include "walness/Result.h"
#include "walness/inference/Diagnosis.h"

namespace walness::inference {

// An abstention reason's id in JSON and in the history ("quality", "not_an_eye", ...).
std::string_view abstentionReasonId(AbstentionReason reason);
// The reason for an id; AbstentionReason::Unrecognised for any other id.
AbstentionReason abstentionReasonFromId(std::string_view id);
// The id an abstention is written with (an unrecognised one keeps the id it was read with).
std::string abstentionId(const Abstention& abstention);

// A diagnosis as JSON, the one shape the CLI prints and the app saves: species, model (id,
// version), quality (per check: value, threshold, status, message), abstained (reason or null),
// abstention_message, findings (disease, probability, threshold, positive; highest first) and
// out_of_distribution (score, threshold) when the model measures it.
QJsonObject diagnosisToJson(const Diagnosis& diagnosis);

// The inverse, for diagnoses kept in the history or read from an exported pet. The abstention
// message is restored; the out-of-distribution score only when present.
Result<Diagnosis> diagnosisFromJson(const QJsonObject& object);

}  // namespace walness::inference
