#pragma once

#include <QStringList>

namespace walness::cli {

// `walness-cli train-gate`: trains the eye gate of a disease model bundle (is this a dog's eye,
// a cat's eye, or not an eye close-up?) and writes it into the bundle.
int runTrainGate(const QStringList& arguments);

// `walness-cli locate`: ranked eye squares in whole photos, one JSON line per photo.
int runLocate(const QStringList& arguments);

}  // namespace walness::cli
