#pragma once

#include <QStringList>

namespace walness::cli {

// walness-cli clinics: veterinary clinics near a point, from OpenStreetMap, Google Places, a
// LOCALDATA file or the local store, sorted by distance or rating.
int runClinics(const QStringList& arguments);

}  // namespace walness::cli
