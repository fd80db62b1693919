#include "walness/bundle/ModelChoice.h"

#include <QCoreApplication>
#include <QDir>
#include <QSettings>

namespace walness::bundle {

namespace {

QString key(Species species) {
  return QStringLiteral("models/chosen-") +
         QString::fromLatin1(speciesId(species).data(), qsizetype(speciesId(species).size()));
}

// The app's settings whichever program asks: the GUI is "Walness", the CLI "walness-cli", and both
// read the choice made in the GUI's Settings.
QSettings appSettings() {
  return QSettings(QSettings::defaultFormat(), QSettings::UserScope,
                   QCoreApplication::organizationName(), QStringLiteral("Walness"));
}

}  // namespace

std::optional<BundleListing> ModelChoice::active(Species species) {
  const auto all = listBundles(modelSearchDirectories());
  const QString chosen = appSettings().value(key(species)).toString();
  if (!chosen.isEmpty())
    for (const auto& listing : all)
      if (listing.card.species == species &&
          QDir(QString::fromStdString(listing.directory)) == QDir(chosen))
        return listing;
  // A chosen bundle that was removed since falls back to the newest one.
  return findBundleFor(species, all);
}

void ModelChoice::choose(Species species, const std::string& directory) {
  appSettings().setValue(key(species), QDir(QString::fromStdString(directory)).absolutePath());
}

void ModelChoice::forget(Species species) {
  appSettings().remove(key(species));
}

}  // namespace walness::bundle
