#pragma once

#include <QJsonObject>

#include <cstdint>

#include "walness/Result.h"
#include "walness/bundle/ModelCard.h"
#include "walness/gate/EyeGate.h"
#include "walness/training/gate/GateHeadTraining.h"
#include "walness/training/gate/GateTrainer.h"

namespace walness::gate {

// How the gate decided on the val views, for the card's metrics.
struct GateValMeasurement {
  QJsonObject perSource;  // per source: photos, and the share of each outcome
  QJsonObject summary;    // the headline shares (not-eyes accepted, eyes refused, species)
};

// The gate's decisions per source for the model's species on the val views, and the
// feature-distance check of the disease model (`modelCard`'s ood) on the very same views. With
// options.valScoresCsv, also writes every view's probabilities there.
Result<GateValMeasurement> measureGateOnVal(EyeGate& gate, const bundle::ModelCard& modelCard,
                                            const GateFeatureTable& val, int64_t channels,
                                            const GateTrainingOptions& options);

}  // namespace walness::gate
