#pragma once

#include <QStringList>

namespace walness::cli {

// `walness-cli train`: fine-tunes a model on a labels.csv (or an AI Hub folder) and writes a
// bundle; see `walness-cli train --help`. `arguments` starts with the command name.
int runTrain(const QStringList& arguments);

}  // namespace walness::cli
