#pragma once

#include <QJsonObject>

#include <cstdint>
#include <vector>

#include "walness/training/gate/GateHeadTraining.h"
#include "walness/training/gate/GateTrainer.h"

namespace walness::gate {

// What the eye gate's card records of its training: the parts of its metrics and provenance.

// {"count": part, "of": whole, "share": part / whole (0 when whole is 0)}.
QJsonObject shareJson(int64_t part, int64_t whole);

// The card's metrics: the val measurements and the eye finder's, with how they were measured.
QJsonObject gateMetricsJson(const QJsonObject& summary, const QJsonObject& perSource,
                            const QJsonObject& eyeFinder, double extractSeconds);

// The head's training settings, and the cat-eye weights tried when there were several.
QJsonObject gateTrainingJson(const GateTrainingOptions& options, double catEyeWeight,
                             const std::vector<CatEyeWeightTrial>& trials);

// The card's provenance: the data folders, the training views per class and how they were made,
// `training` (gateTrainingJson, or the reused head's), and the gate's known limits.
QJsonObject gateProvenanceJson(const GateTrainingOptions& options, const GateFeatureTable& train,
                               const QJsonObject& training);

}  // namespace walness::gate
