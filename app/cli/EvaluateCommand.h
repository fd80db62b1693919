#pragma once

#include <QStringList>

#include "walness/Result.h"
#include "walness/bundle/ModelCard.h"
#include "walness/training/data/LabeledDataset.h"

namespace walness::cli {

// The dataset's labels in the card's order; an error names a disease the data lacks (evaluate and
// ensemble read labels.csv files this way).
Result<training::LabeledDataset> alignedTo(const training::LabeledDataset& data,
                                           const bundle::ModelCard& card);

// `walness-cli evaluate`: measures a bundle on a labels.csv; see `walness-cli evaluate --help`.
// `arguments` starts with the command name.
int runEvaluate(const QStringList& arguments);

}  // namespace walness::cli
