#include "ui/common/ModelChoice.h"

#include <QDir>
#include <QSettings>

namespace walness::ui {

namespace {

QString key(Species species) {
  return QStringLiteral("models/chosen-") +
         QString::fromLatin1(speciesId(species).data(), qsizetype(speciesId(species).size()));
}

}  // namespace

std::optional<bundle::BundleListing> ModelChoice::active(Species species) {
  const auto all = bundle::listBundles(bundle::modelSearchDirectories());
  const QString chosen = QSettings().value(key(species)).toString();
  if (!chosen.isEmpty())
    for (const auto& listing : all)
      if (listing.card.species == species &&
          QDir(QString::fromStdString(listing.directory)) == QDir(chosen))
        return listing;
  // A chosen bundle that was removed since falls back to the newest one.
  return bundle::findBundleFor(species, all);
}

void ModelChoice::choose(Species species, const std::string& directory) {
  QSettings().setValue(key(species), QDir(QString::fromStdString(directory)).absolutePath());
}

void ModelChoice::forget(Species species) {
  QSettings().remove(key(species));
}

}  // namespace walness::ui
