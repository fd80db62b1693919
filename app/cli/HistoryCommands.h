#pragma once

#include <QStringList>

namespace walness::cli {

// `walness-cli history checks|confirm|export-labels`: a pet history's saved checks, the vet's
// confirmation of one, and the confirmed checks as a labelled training set.
int runHistory(const QStringList& arguments);

// `walness-cli audit`: how each model version did on this clinic's confirmed checks.
int runAudit(const QStringList& arguments);

}  // namespace walness::cli
