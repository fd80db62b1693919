#pragma once

#include <QWidget>

#include <memory>
#include <vector>

#include "walness/clinics/Clinic.h"

class QLabel;
class QPushButton;
class QQuickItem;
class QQuickWidget;

namespace walness::ui {

class ApiKeyStore;
class ClinicListModel;
class ClinicSearch;
class ClinicSortFilterModel;
class QmlNetworkGuardFactory;

// The Clinics tab: the clinic list and the OpenStreetMap view (QML, Qt Location), the privacy note,
// LOCALDATA import and clinic search settings.
class ClinicPanel : public QWidget {
  Q_OBJECT

 public:
  // Clinics found are kept in `storePath` (default: clinics.sqlite in the app's data folder).
  explicit ClinicPanel(QWidget* parent = nullptr);
  ClinicPanel(const QString& storePath, QWidget* parent);
  ~ClinicPanel() override;

  // The map is created the first time the panel is shown (or asked for here), so starting the
  // app costs no QML loading and requests no map tiles until the user opens the Clinics tab.
  QQuickWidget* ensureMap();
  QQuickWidget* mapWidget() const { return mapWidget_; }
  // The QML root item, or nullptr if the map is not created yet or failed to load.
  QQuickItem* mapRoot() const;
  // What the map's QML engine may reach (nullptr before the map is created).
  const QmlNetworkGuardFactory* networkGuard() const { return networkGuard_.get(); }

  ClinicListModel* clinicModel() const { return clinics_; }
  ClinicSortFilterModel* sortedClinics() const { return sorted_; }
  ClinicSearch* search() const { return search_; }

  // After a finding: urgent ones list 24-hour clinics, then those open now, first.
  void showForFinding(bool urgent);
  // Imports a LOCALDATA veterinary-hospital CSV off the GUI thread; the result arrives as a status
  // message and, when a location is set, the imported clinics nearby.
  void importLocalData(const QString& path);
  void openSettings();

 Q_SIGNALS:
  void importFinished(bool ok, const QString& message);

 protected:
  void changeEvent(QEvent* event) override;
  void showEvent(QShowEvent* event) override;

 private:
  void retranslate();
  void chooseLocalDataFile();

  ClinicListModel* clinics_;
  ClinicSortFilterModel* sorted_;
  ClinicSearch* search_;
  ApiKeyStore* keys_;
  std::unique_ptr<QmlNetworkGuardFactory> networkGuard_;  // outlives the map's engine
  QQuickWidget* mapWidget_ = nullptr;
  QLabel* note_;
  QPushButton* importButton_;
  QPushButton* settingsButton_;
};

}  // namespace walness::ui
