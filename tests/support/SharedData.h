#pragma once

#include <QDir>
#include <QString>

namespace walness::test {

// The project's shared data folder (../shared beside the repo, or WALNESS_SHARED_DIR).
inline QString sharedDir() {
  const QString fromEnvironment = qEnvironmentVariable("WALNESS_SHARED_DIR");
  if (!fromEnvironment.isEmpty()) return fromEnvironment;
  return QDir::cleanPath(QStringLiteral(WALNESS_SOURCE_DIR "/../shared"));
}

inline std::string sharedPath(const QString& relative) {
  return QDir(sharedDir()).filePath(relative).toStdString();
}

}  // namespace walness::test
