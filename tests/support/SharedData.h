#pragma once

#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>

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

// The first `count` dog-eye validation photos (real AI Hub crops), as absolute paths.
inline QStringList validationPhotos(int count) {
  QStringList paths;
  QFile labels(sharedDir() + QStringLiteral("/data/dog-eye/labels.csv"));
  if (!labels.open(QIODevice::ReadOnly)) return paths;
  while (!labels.atEnd() && paths.size() < count) {
    const QByteArray line = labels.readLine();
    if (line.contains(",val,"))
      paths << sharedDir() + QStringLiteral("/data/dog-eye/") +
                   QString::fromUtf8(line.left(line.indexOf(',')));
  }
  return paths;
}

// The first val photo of a shared data folder (dog-eye, cat-eye, not-eye, ...) whose labels.csv row
// contains `filter`, as an absolute path; cat eyes marked closed or too dark are skipped.
inline QString firstValidationPhoto(const QString& folder,
                                    const QString& filter = QStringLiteral(",val,")) {
  QFile labels(sharedDir() + "/data/" + folder + "/labels.csv");
  if (!labels.open(QIODevice::ReadOnly)) return {};
  while (!labels.atEnd()) {
    const QString line = QString::fromUtf8(labels.readLine());
    if (line.contains(QStringLiteral("Eyes Closed")) || line.contains(QStringLiteral("Dark Img")))
      continue;
    if (line.contains(QStringLiteral(",val,")) && line.contains(filter))
      return sharedDir() + "/data/" + folder + "/" + line.left(line.indexOf(','));
  }
  return {};
}

}  // namespace walness::test
