#pragma once

#include <QStringList>

namespace walness::cli {

// `walness-cli ensemble`: joins two or more trained bundles into one ensemble bundle (averaged
// calibrated probabilities, one temperature, thresholds and out-of-distribution statistics
// fitted on the val split); see `walness-cli ensemble --help`. `arguments` starts with the
// command name.
int runEnsemble(const QStringList& arguments);

}  // namespace walness::cli
