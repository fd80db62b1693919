#include "ui/clinics/ClinicSearch.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QGeoPositionInfoSource>
#include <QGuiApplication>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QPermissions>
#include <QSettings>
#include <QTimeZone>

#include "ui/clinics/ClinicListModel.h"
#include "walness/clinics/ClinicStore.h"
#include "walness/clinics/OpeningHours.h"

namespace walness::ui {

using namespace walness::clinics;

namespace {
const char* kLatitudeKey = "clinics/latitude";
const char* kLongitudeKey = "clinics/longitude";
const char* kLabelKey = "clinics/locationLabel";
const char* kRadiusKey = "clinics/radiusKm";
}  // namespace

ClinicSearch::ClinicSearch(ClinicListModel* clinics, const QString& storePath, QObject* parent)
    : QObject(parent),
      clinics_(clinics),
      network_(new QNetworkAccessManager(this)),
      fetcher_(new ClinicFetcher(network_, this)) {
  connect(fetcher_, &ClinicFetcher::clinicsFound, this, &ClinicSearch::onFound);
  connect(fetcher_, &ClinicFetcher::searchFailed, this, &ClinicSearch::onFailed);
  if (!storePath.isEmpty()) {
    auto opened = ClinicStore::open(storePath);
    if (opened)
      store_ = std::move(opened.value());
    else
      qWarning("%s", opened.message().c_str());  // searching still works, only uncached
  }
  QSettings settings;
  radiusKm_ = std::clamp(settings.value(QLatin1String(kRadiusKey), 5).toInt(), 1, 50);
  if (settings.contains(QLatin1String(kLatitudeKey))) {
    hasLocation_ = true;
    location_ = {settings.value(QLatin1String(kLatitudeKey)).toDouble(),
                 settings.value(QLatin1String(kLongitudeKey)).toDouble()};
    locationLabel_ = settings.value(QLatin1String(kLabelKey)).toString();
  }
  setStatus(hasLocation_
                ? tr("Press Search to find clinics near %1.")
                      .arg(locationLabel_.isEmpty() ? tr("the marked place") : locationLabel_)
                : tr("Type a place, use your location, or right-click the map to "
                     "choose where to search."));
}

ClinicSearch::~ClinicSearch() = default;

QString ClinicSearch::attribution() const {
  // The map tiles are OpenStreetMap's whatever the clinics' sources are.
  QString text = tr("Map © OpenStreetMap contributors");
  const QStringList sources = clinics_->attributions();
  if (!sources.isEmpty())
    text += QStringLiteral(" · ") + tr("Clinics: %1").arg(sources.join(QStringLiteral(", ")));
  return text;
}

bool ClinicSearch::googleAttribution() const {
  for (const Clinic& clinic : clinics_->clinics()) {
    if (clinic.source == ClinicSource::GooglePlaces) return true;
  }
  return false;
}

void ClinicSearch::setRadiusKm(int kilometres) {
  kilometres = std::clamp(kilometres, 1, 50);
  if (kilometres == radiusKm_) return;
  radiusKm_ = kilometres;
  QSettings().setValue(QLatin1String(kRadiusKey), radiusKm_);
  Q_EMIT radiusChanged();
}

void ClinicSearch::setLocation(double latitude, double longitude, const QString& label) {
  if (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180) return;
  hasLocation_ = true;
  location_ = {latitude, longitude};
  locationLabel_ = label.isEmpty()
                       ? QStringLiteral("%1, %2").arg(latitude, 0, 'f', 4).arg(longitude, 0, 'f', 4)
                       : label;
  QSettings settings;
  settings.setValue(QLatin1String(kLatitudeKey), latitude);
  settings.setValue(QLatin1String(kLongitudeKey), longitude);
  settings.setValue(QLatin1String(kLabelKey), locationLabel_);
  Q_EMIT locationChanged();
  setStatus(tr("Location set to %1. Press Search to find clinics nearby.").arg(locationLabel_));
}

void ClinicSearch::search() {
  if (busy()) return;  // one search at a time (OpenStreetMap's usage policy)
  if (!hasLocation_) {
    setStatus(
        tr("Choose a location first: type a place, use your location, or right-click the "
           "map."));
    return;
  }
  searchOrigin_ = location_;
  found_.clear();
  failures_.clear();
  pendingSearches_ = hasGoogleApiKey() ? 2 : 1;
  Q_EMIT busyChanged();
  setStatus(tr("Searching within %1 km of %2…").arg(radiusKm_).arg(locationLabel_));
  fetcher_->searchOpenStreetMap(searchOrigin_, radiusKm_ * 1000, currentLocalTime());
  if (hasGoogleApiKey())
    fetcher_->searchGooglePlaces(searchOrigin_, radiusKm_ * 1000, googleApiKey_);
}

void ClinicSearch::cancel() {
  if (!busy()) return;
  pendingSearches_ = 0;  // late answers are ignored from here on
  fetcher_->cancel();
  Q_EMIT busyChanged();
  setStatus(tr("The search was cancelled."));
}

void ClinicSearch::onFound(const std::vector<Clinic>& clinics, ClinicSource) {
  if (!busy()) return;
  found_.insert(found_.end(), clinics.begin(), clinics.end());
  finishOne();
}

void ClinicSearch::onFailed(const QString& message, ClinicSource) {
  if (!busy()) return;
  failures_.append(message);
  finishOne();
}

void ClinicSearch::finishOne() {
  if (--pendingSearches_ > 0) return;
  Q_EMIT busyChanged();
  const double radiusMeters = radiusKm_ * 1000.0;
  if (!found_.empty() || failures_.isEmpty()) {
    QString cacheError;
    saveToStore(found_, &cacheError);
    std::vector<Clinic> merged = mergeDuplicates(found_);
    const int count = int(merged.size());
    clinics_->setClinics(std::move(merged), searchOrigin_);
    QString message = count == 0
                          ? tr("No clinics found within %1 km. Try a larger radius.").arg(radiusKm_)
                          : tr("%n clinic(s) within %1 km.", nullptr, count).arg(radiusKm_);
    if (!failures_.isEmpty()) message += QLatin1Char(' ') + failures_.join(QLatin1Char(' '));
    setStatus(message);
    Q_EMIT attributionChanged();
    return;
  }
  // Every source failed: show what earlier searches saved, saying so.
  std::vector<Clinic> saved;
  if (store_) {
    auto nearest = store_->nearest(searchOrigin_, 200, radiusMeters);
    if (nearest) saved = std::move(nearest.value());
  }
  const QString why = failures_.join(QLatin1Char(' '));
  if (saved.empty()) {
    setStatus(why);
    return;
  }
  const int count = int(saved.size());
  // The oldest save says how out of date the list may be.
  std::string oldest = saved.front().savedAt;
  for (const Clinic& clinic : saved) oldest = std::min(oldest, clinic.savedAt);
  QDateTime savedAt =
      QDateTime::fromString(QString::fromStdString(oldest), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
  savedAt.setTimeZone(QTimeZone::UTC);
  clinics_->setClinics(std::move(saved), searchOrigin_);
  setStatus(why + QLatin1Char(' ') +
            tr("Showing %n clinic(s) saved from earlier searches (since %1); details may be out "
               "of date.",
               nullptr, count)
                .arg(QLocale().toString(savedAt.toLocalTime(), QLocale::ShortFormat)));
  Q_EMIT attributionChanged();
}

void ClinicSearch::showClinics(std::vector<Clinic> clinics, const QString& status) {
  const GeoPoint origin = location_;
  clinics_->setClinics(mergeDuplicates(clinics), origin);
  setStatus(status);
  Q_EMIT attributionChanged();
}

bool ClinicSearch::saveToStore(const std::vector<Clinic>& clinics, QString* error) {
  if (!store_) return false;
  const Status saved = store_->upsert(clinics);
  if (!saved && error) *error = QString::fromStdString(saved.message());
  return bool(saved);
}

void ClinicSearch::locateMe() {
#if QT_CONFIG(permissions)
  QLocationPermission permission;
  permission.setAccuracy(QLocationPermission::Approximate);
  switch (qApp->checkPermission(permission)) {
    case Qt::PermissionStatus::Undetermined:
      qApp->requestPermission(permission, this, [this](const QPermission& answer) {
        if (answer.status() == Qt::PermissionStatus::Granted)
          startPositioning();
        else
          setStatus(tr("Location access was not allowed. Type a place or right-click the map."));
      });
      return;
    case Qt::PermissionStatus::Denied:
      setStatus(
          tr("Location access is turned off for Walness in the system settings. Type a "
             "place or right-click the map."));
      return;
    case Qt::PermissionStatus::Granted:
      break;
  }
#endif
  startPositioning();
}

void ClinicSearch::startPositioning() {
  if (!positionSource_) positionSource_ = QGeoPositionInfoSource::createDefaultSource(this);
  if (!positionSource_) {
    setStatus(
        tr("This computer offers no location service. Type a place or right-click the "
           "map."));
    return;
  }
  positionSource_->disconnect(this);
  connect(positionSource_, &QGeoPositionInfoSource::positionUpdated, this,
          [this](const QGeoPositionInfo& info) {
            const QGeoCoordinate where = info.coordinate();
            setLocation(where.latitude(), where.longitude(), tr("your location"));
          });
  connect(positionSource_, &QGeoPositionInfoSource::errorOccurred, this,
          [this](QGeoPositionInfoSource::Error) {
            setStatus(
                tr("Your location could not be found. Type a place or right-click the "
                   "map."));
          });
  setStatus(tr("Finding your location…"));
  positionSource_->requestUpdate(15000);
}

void ClinicSearch::setStatus(const QString& status) {
  if (status == status_) return;
  status_ = status;
  Q_EMIT statusChanged();
}

}  // namespace walness::ui
