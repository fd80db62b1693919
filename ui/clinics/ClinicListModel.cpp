#include "ui/clinics/ClinicListModel.h"

namespace walness::ui {

using namespace walness::clinics;

ClinicListModel::ClinicListModel(QObject* parent) : QAbstractListModel(parent) {
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
    case OpenStateRole:
      return clinic.openNow == OpenState::Open     ? QStringLiteral("open")
             : clinic.openNow == OpenState::Closed ? QStringLiteral("closed")
                                                   : QStringLiteral("unknown");
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
          {OpenStateRole, "openState"},
          {EmergencyRole, "emergency"},
          {PhoneRole, "phone"},
          {WebsiteRole, "website"},
          {AddressRole, "address"},
          {SourceRole, "source"},
          {AttributionRole, "attribution"}};
}

}  // namespace walness::ui
