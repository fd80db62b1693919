#include "ui/clinics/ClinicListModel.h"

#include <QCoreApplication>
#include <QEvent>

namespace walness::ui {

using namespace walness::clinics;

ClinicListModel::ClinicListModel(QObject* parent) : QAbstractListModel(parent) {
  // The opening state is worded here: rows say it again in a new language.
  if (QCoreApplication::instance()) QCoreApplication::instance()->installEventFilter(this);
}

bool ClinicListModel::eventFilter(QObject* watched, QEvent* event) {
  if (watched == QCoreApplication::instance() && event->type() == QEvent::LanguageChange &&
      !clinics_.empty())
    Q_EMIT dataChanged(index(0), index(int(clinics_.size()) - 1), {OpenTextRole});
  return QAbstractListModel::eventFilter(watched, event);
}

void ClinicListModel::setClinics(std::vector<Clinic> clinics, const GeoPoint& origin) {
  beginResetModel();
  clinics_ = std::move(clinics);
  origin_ = origin;
  distancesKm_.clear();
  for (const Clinic& clinic : clinics_)
    distancesKm_.push_back(haversineMeters(origin, {clinic.latitude, clinic.longitude}) / 1000.0);
  endResetModel();
  Q_EMIT countChanged();
}

QStringList ClinicListModel::attributions() const {
  QStringList result;
  for (const Clinic& clinic : clinics_) {
    const QString attribution = QString::fromStdString(clinic.attribution);
    if (!attribution.isEmpty() && !result.contains(attribution)) result.append(attribution);
  }
  return result;
}

int ClinicListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : int(clinics_.size());
}

QString ClinicListModel::openText(clinics::OpenState state, bool emergency) {
  const QString text = state == OpenState::Open     ? tr("Open now")
                       : state == OpenState::Closed ? tr("Closed now")
                                                    : tr("Hours unknown");
  return emergency ? text + QStringLiteral(" · ") + tr("24 h / emergency") : text;
}

QVariant ClinicListModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= int(clinics_.size())) return {};
  const Clinic& clinic = clinics_[size_t(index.row())];
  switch (role) {
    case IdRole:
      return QString::fromStdString(clinic.id);
    case Qt::DisplayRole:
    case NameRole:
      return QString::fromStdString(clinic.name);
    case LatitudeRole:
      return clinic.latitude;
    case LongitudeRole:
      return clinic.longitude;
    case DistanceKmRole:
      return distancesKm_[size_t(index.row())];
    case RatingRole:
      return clinic.rating ? QVariant(*clinic.rating) : QVariant();
    case RatingCountRole:
      return clinic.ratingCount;
    case OpenTextRole:
      return openText(clinic.openNow, clinic.emergency);
    case EmergencyRole:
      return clinic.emergency;
    case PhoneRole:
      return QString::fromStdString(clinic.phone);
    case WebsiteRole:
      return QString::fromStdString(clinic.website);
    case AddressRole:
      return QString::fromStdString(clinic.address);
    case SourceRole:
      return clinic.source == ClinicSource::GooglePlaces ? QStringLiteral("Google")
             : clinic.source == ClinicSource::LocalData  ? QStringLiteral("LOCALDATA")
                                                         : QStringLiteral("OpenStreetMap");
    case AttributionRole:
      return QString::fromStdString(clinic.attribution);
    default:
      return {};
  }
}

QHash<int, QByteArray> ClinicListModel::roleNames() const {
  return {{IdRole, "clinicId"},
          {NameRole, "name"},
          {LatitudeRole, "latitude"},
          {LongitudeRole, "longitude"},
          {DistanceKmRole, "distanceKm"},
          {RatingRole, "rating"},
          {RatingCountRole, "ratingCount"},
          {OpenTextRole, "openText"},
          {EmergencyRole, "emergency"},
          {PhoneRole, "phone"},
          {WebsiteRole, "website"},
          {AddressRole, "address"},
          {SourceRole, "source"},
          {AttributionRole, "attribution"}};
}

}  // namespace walness::ui
