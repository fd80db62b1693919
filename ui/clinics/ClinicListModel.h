#pragma once

#include <QAbstractListModel>

#include <vector>

#include "walness/clinics/Clinic.h"
#include "walness/clinics/ClinicRanking.h"

namespace walness::ui {

// The clinics of the last search as a list model: what the QML map's markers and the list beside it
// show. Distances are measured from the search location.
class ClinicListModel : public QAbstractListModel {
  Q_OBJECT
  Q_PROPERTY(int count READ count NOTIFY countChanged)

 public:
  // How a clinic's opening state is worded, in the window's language (list, popup).
  static QString openText(clinics::OpenState state, bool emergency);
  enum Role {
    IdRole = Qt::UserRole + 1,
    NameRole,
    LatitudeRole,
    LongitudeRole,
    DistanceKmRole,
    RatingRole,  // a number, or undefined when unrated
    RatingCountRole,
    OpenTextRole,  // "Open now", "Closed now" or "Hours unknown", with "24 h / emergency"
    EmergencyRole,
    PhoneRole,
    WebsiteRole,
    AddressRole,
    SourceRole,  // "OpenStreetMap", "Google", "LOCALDATA"
    AttributionRole,
  };
  Q_ENUM(Role)

  explicit ClinicListModel(QObject* parent = nullptr);

  void setClinics(std::vector<clinics::Clinic> clinics, const clinics::GeoPoint& origin);
  const clinics::Clinic& clinicAt(int row) const { return clinics_[size_t(row)]; }
  const std::vector<clinics::Clinic>& clinics() const { return clinics_; }
  clinics::GeoPoint origin() const { return origin_; }
  int count() const { return int(clinics_.size()); }
  // The attributions of every source shown, each once.
  QStringList attributions() const;

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

 Q_SIGNALS:
  void countChanged();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  std::vector<clinics::Clinic> clinics_;
  std::vector<double> distancesKm_;
  clinics::GeoPoint origin_;
};

}  // namespace walness::ui
