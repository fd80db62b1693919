#include "walness/bundle/ModelLocator.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <QVersionNumber>

namespace walness::bundle {

std::vector<std::string> modelSearchDirectories() {
  std::vector<std::string> directories;
  const QString overridden = qEnvironmentVariable("WALNESS_MODELS_DIR");
  if (!overridden.isEmpty()) directories.push_back(overridden.toStdString());
  directories.push_back(QStringLiteral(WALNESS_SOURCE_MODELS_DIR).toStdString());
  for (const QString& data : QStandardPaths::standardLocations(QStandardPaths::GenericDataLocation))
    directories.push_back(QDir(data).filePath(QStringLiteral("walness/models")).toStdString());
  // Installed next to the binary: <prefix>/bin/walness-cli -> <prefix>/share/walness/models.
  directories.push_back(QDir(QCoreApplication::applicationDirPath())
                            .filePath(QStringLiteral("../share/walness/models"))
                            .toStdString());
  return directories;
}

std::optional<BundleListing> findBundleFor(Species species, const std::vector<BundleListing>& all) {
  std::optional<BundleListing> best;
  for (const auto& listing : all) {
    if (listing.card.species != species) continue;
    if (!best || QVersionNumber::fromString(QString::fromStdString(listing.card.version)) >
                     QVersionNumber::fromString(QString::fromStdString(best->card.version)))
      best = listing;
  }
  return best;
}

}  // namespace walness::bundle
