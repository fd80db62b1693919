#pragma once

#include <QSortFilterProxyModel>
#include <QUrl>
#include <QVariantMap>

#include "walness/clinics/ClinicRanking.h"

namespace walness::ui {

class ClinicListModel;

// The order and filters the user chose over a ClinicListModel: by distance or by rating (the
// core's ranking rules), open now, 24 h / emergency only; for an urgent finding, 24-hour clinics
// first, then those open now, each group in the chosen order.
class ClinicSortFilterModel : public QSortFilterProxyModel {
  Q_OBJECT
  Q_PROPERTY(SortMode sortMode READ sortMode WRITE setSortMode NOTIFY optionsChanged)
  Q_PROPERTY(bool openNowOnly READ openNowOnly WRITE setOpenNowOnly NOTIFY optionsChanged)
  Q_PROPERTY(bool emergencyOnly READ emergencyOnly WRITE setEmergencyOnly NOTIFY optionsChanged)
  Q_PROPERTY(bool urgentFirst READ urgentFirst WRITE setUrgentFirst NOTIFY optionsChanged)
  Q_PROPERTY(int count READ count NOTIFY countChanged)

 public:
  enum SortMode { ByDistance, ByRating };
  Q_ENUM(SortMode)

  explicit ClinicSortFilterModel(ClinicListModel* clinics, QObject* parent = nullptr);

  SortMode sortMode() const { return sortMode_; }
  void setSortMode(SortMode mode);
  bool openNowOnly() const { return filter_.openNowOnly; }
  void setOpenNowOnly(bool on);
  bool emergencyOnly() const { return filter_.emergencyOnly; }
  void setEmergencyOnly(bool on);
  bool urgentFirst() const { return urgentFirst_; }
  void setUrgentFirst(bool on);
  int count() const { return rowCount(); }

  // For QML: the clinic in view row `row` with all its roles, and the links its popup offers.
  Q_INVOKABLE QVariantMap get(int row) const;
  Q_INVOKABLE QUrl directionsUrl(int row, const QString& service) const;
  Q_INVOKABLE QUrl phoneUrl(int row) const;
  // The clinic's website when it is an http or https address; empty for anything else (a website
  // tag from OpenStreetMap could name file:, javascript: or any other scheme).
  Q_INVOKABLE QUrl websiteUrl(int row) const;
  static QUrl webAddress(const QString& text);

 Q_SIGNALS:
  void optionsChanged();
  void countChanged();

 protected:
  bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
  bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

 private:
  void reapply();
  const clinics::Clinic* clinicAt(int row) const;

  ClinicListModel* clinics_;
  SortMode sortMode_ = ByDistance;
  clinics::ClinicFilter filter_;
  bool urgentFirst_ = false;
};

}  // namespace walness::ui
