#pragma once

#include <QStringList>

namespace walness::cli {

// walness-cli batch DIR --species dog [--model DIR] [--csv OUT] [--report-dir D] [--pet NAME]
int runBatch(const QStringList& arguments);

}  // namespace walness::cli
