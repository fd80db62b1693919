#pragma once

#include <QStringList>

namespace walness::cli {

// `walness-cli diagnose`: screens photos with a model bundle; see `walness-cli diagnose --help`.
// `arguments` starts with the command name.
int runDiagnose(const QStringList& arguments);

}  // namespace walness::cli
