#pragma once

#include <QStringList>

namespace walness::cli {

// `walness-cli evaluate`: measures a bundle on a labels.csv; see `walness-cli evaluate --help`.
// `arguments` starts with the command name.
int runEvaluate(const QStringList& arguments);

}  // namespace walness::cli
