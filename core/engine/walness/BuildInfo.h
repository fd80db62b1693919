#pragma once

#include <QString>

namespace walness {

// Versions of the app and of the libraries it was built with and runs on; shown by `--version`
// and in About, so a bug report names exactly what was running.
struct BuildInfo {
  QString appVersion;
  QString qtVersion;
  QString torchVersion;
  QString openCvVersion;

  static BuildInfo current();

  // One "Name version" line per component, the app first.
  QString toText() const;
};

}  // namespace walness
