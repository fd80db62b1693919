#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

#include "walness/clinics/Clinic.h"
#include "walness/clinics/ClinicFetcher.h"
#include "walness/clinics/ClinicRanking.h"

class QGeoPositionInfoSource;
class QNetworkAccessManager;

namespace walness::clinics {
class ClinicStore;
}

namespace walness::ui {

class ClinicListModel;

// What the clinic map asks for: where the user is (typed place, map click, or the system's
// position), a search around it (OpenStreetMap always, Google Places too when a key is set), and
// the clinics saved from earlier searches when the network fails. One search at a time. The
// location is remembered between runs; it leaves the computer only when a search starts.
class ClinicSearch : public QObject {
  Q_OBJECT
  Q_PROPERTY(bool hasLocation READ hasLocation NOTIFY locationChanged)
  Q_PROPERTY(double latitude READ latitude NOTIFY locationChanged)
  Q_PROPERTY(double longitude READ longitude NOTIFY locationChanged)
  Q_PROPERTY(QString locationLabel READ locationLabel NOTIFY locationChanged)
  Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
  Q_PROPERTY(QString status READ status NOTIFY statusChanged)
  Q_PROPERTY(QString attribution READ attribution NOTIFY attributionChanged)
  Q_PROPERTY(bool googleAttribution READ googleAttribution NOTIFY attributionChanged)
  Q_PROPERTY(int radiusKm READ radiusKm WRITE setRadiusKm NOTIFY radiusChanged)

 public:
  // `storePath`: the clinic cache (SQLite); empty keeps nothing between runs.
  ClinicSearch(ClinicListModel* clinics, const QString& storePath, QObject* parent = nullptr);
  ~ClinicSearch() override;

  bool hasLocation() const { return hasLocation_; }
  double latitude() const { return location_.latitude; }
  double longitude() const { return location_.longitude; }
  QString locationLabel() const { return locationLabel_; }
  bool busy() const { return pendingSearches_ > 0; }
  QString status() const { return status_; }
  QString attribution() const;
  bool googleAttribution() const;
  int radiusKm() const { return radiusKm_; }
  void setRadiusKm(int kilometres);

  void setGoogleApiKey(const QString& key) { googleApiKey_ = key; }
  bool hasGoogleApiKey() const { return !googleApiKey_.trimmed().isEmpty(); }
  clinics::ClinicFetcher& fetcher() { return *fetcher_; }

  // Texts built here (the attribution line) follow a language switch.
  void retranslate() { Q_EMIT attributionChanged(); }

  Q_INVOKABLE void setLocation(double latitude, double longitude, const QString& label = {});
  Q_INVOKABLE void search();
  // Stops the search in flight (nothing is shown from it); the map keeps what it showed.
  Q_INVOKABLE void cancel();
  // The system's position (Qt Positioning), when this computer offers one and the user allows it.
  Q_INVOKABLE void locateMe();
  // Shows clinics found elsewhere (an imported file), measured from the current location.
  void showClinics(std::vector<clinics::Clinic> clinics, const QString& status);
  // Keeps clinics in the local store so later searches without network still find them.
  bool saveToStore(const std::vector<clinics::Clinic>& clinics, QString* error);

 Q_SIGNALS:
  void locationChanged();
  void busyChanged();
  void statusChanged();
  void attributionChanged();
  void radiusChanged();

 private:
  void setStatus(const QString& status);
  void onFound(const std::vector<clinics::Clinic>& clinics, clinics::ClinicSource source);
  void onFailed(const QString& message, clinics::ClinicSource source);
  void finishOne();
  void startPositioning();

  ClinicListModel* clinics_;
  QNetworkAccessManager* network_;
  clinics::ClinicFetcher* fetcher_;
  std::unique_ptr<clinics::ClinicStore> store_;
  QGeoPositionInfoSource* positionSource_ = nullptr;
  QString googleApiKey_;

  bool hasLocation_ = false;
  clinics::GeoPoint location_;
  QString locationLabel_;
  int radiusKm_ = 5;
  QString status_;

  int pendingSearches_ = 0;
  clinics::GeoPoint searchOrigin_;
  std::vector<clinics::Clinic> found_;
  QStringList failures_;
};

}  // namespace walness::ui
