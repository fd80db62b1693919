#include "ui/clinics/ClinicSortFilterModel.h"

#include "ui/clinics/ClinicListModel.h"
#include "walness/clinics/Directions.h"

namespace walness::ui {

using namespace walness::clinics;

ClinicSortFilterModel::ClinicSortFilterModel(ClinicListModel* clinics, QObject* parent)
    : QSortFilterProxyModel(parent), clinics_(clinics) {
  setSourceModel(clinics);
  setDynamicSortFilter(true);
  sort(0);
  connect(this, &QAbstractItemModel::modelReset, this, &ClinicSortFilterModel::countChanged);
  connect(this, &QAbstractItemModel::layoutChanged, this, &ClinicSortFilterModel::countChanged);
  connect(this, &QAbstractItemModel::rowsInserted, this, &ClinicSortFilterModel::countChanged);
  connect(this, &QAbstractItemModel::rowsRemoved, this, &ClinicSortFilterModel::countChanged);
}

void ClinicSortFilterModel::setSortMode(SortMode mode) {
  if (mode == sortMode_) return;
  sortMode_ = mode;
  reapply();
}

void ClinicSortFilterModel::setOpenNowOnly(bool on) {
  if (on == filter_.openNowOnly) return;
  filter_.openNowOnly = on;
  reapply();
}

void ClinicSortFilterModel::setEmergencyOnly(bool on) {
  if (on == filter_.emergencyOnly) return;
  filter_.emergencyOnly = on;
  reapply();
}

void ClinicSortFilterModel::setUrgentFirst(bool on) {
  if (on == urgentFirst_) return;
  urgentFirst_ = on;
  reapply();
}

void ClinicSortFilterModel::reapply() {
  invalidate();  // filter and order both
  Q_EMIT optionsChanged();
  Q_EMIT countChanged();
}

bool ClinicSortFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex&) const {
  return passesFilter(clinics_->clinicAt(sourceRow), filter_, clinics_->origin());
}

bool ClinicSortFilterModel::lessThan(const QModelIndex& left, const QModelIndex& right) const {
  const Clinic& a = clinics_->clinicAt(left.row());
  const Clinic& b = clinics_->clinicAt(right.row());
  if (urgentFirst_) {
    auto group = [](const Clinic& clinic) {
      return clinic.emergency ? 0 : clinic.openNow == OpenState::Open ? 1 : 2;
    };
    if (group(a) != group(b)) return group(a) < group(b);
  }
  return sortMode_ == ByRating ? betterRatedFirst(a, b, clinics_->origin())
                               : nearerFirst(a, b, clinics_->origin());
}

const Clinic* ClinicSortFilterModel::clinicAt(int row) const {
  const QModelIndex source = mapToSource(index(row, 0));
  return source.isValid() ? &clinics_->clinicAt(source.row()) : nullptr;
}

QVariantMap ClinicSortFilterModel::get(int row) const {
  QVariantMap result;
  const QModelIndex at = index(row, 0);
  if (!at.isValid()) return result;
  const auto roles = roleNames();
  for (auto it = roles.begin(); it != roles.end(); ++it)
    result.insert(QString::fromLatin1(it.value()), at.data(it.key()));
  return result;
}

QUrl ClinicSortFilterModel::directionsUrl(int row, const QString& service) const {
  const Clinic* clinic = clinicAt(row);
  if (!clinic) return {};
  const DirectionsService which = service == QLatin1String("kakao") ? DirectionsService::Kakao
                                  : service == QLatin1String("google")
                                      ? DirectionsService::Google
                                      : DirectionsService::OpenStreetMap;
  return clinics::directionsUrl(which, clinics_->origin(), *clinic);
}

QUrl ClinicSortFilterModel::phoneUrl(int row) const {
  const Clinic* clinic = clinicAt(row);
  return clinic ? clinics::phoneUrl(*clinic) : QUrl();
}

QUrl ClinicSortFilterModel::websiteUrl(int row) const {
  const Clinic* clinic = clinicAt(row);
  return clinic ? webAddress(QString::fromStdString(clinic->website)) : QUrl();
}

QUrl ClinicSortFilterModel::webAddress(const QString& text) {
  const QString trimmed = text.trimmed();
  if (trimmed.isEmpty()) return {};
  // "www.example.org" (no scheme) is common in OpenStreetMap: read as https.
  QUrl url(trimmed, QUrl::StrictMode);
  if (url.isValid() && url.scheme().isEmpty() && !trimmed.contains(QLatin1Char(':')))
    url = QUrl(QStringLiteral("https://") + trimmed, QUrl::StrictMode);
  const QString scheme = url.scheme().toLower();
  if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) ||
      url.host().isEmpty())
    return {};
  return url;
}

}  // namespace walness::ui
