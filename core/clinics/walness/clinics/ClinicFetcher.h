#pragma once

#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <vector>

#include "walness/clinics/Clinic.h"
#include "walness/clinics/ClinicRanking.h"
#include "walness/clinics/OpeningHours.h"

#include <QSet>

class QNetworkAccessManager;
class QNetworkReply;

namespace walness::clinics {

// The one place that talks HTTP for clinics: OpenStreetMap through Overpass, and Google Places Text
// Search with its pagination. Asynchronous: results arrive as signals on the caller's thread.
// Only the search point leaves the computer, and only when a search is started.
class ClinicFetcher : public QObject {
  Q_OBJECT

 public:
  struct Endpoints {
    QUrl overpass{QStringLiteral("https://overpass-api.de/api/interpreter")};
    QUrl googleTextSearch{
        QStringLiteral("https://maps.googleapis.com/maps/api/place/textsearch/json")};
  };

  explicit ClinicFetcher(QNetworkAccessManager* network, QObject* parent = nullptr);

  void setEndpoints(const Endpoints& endpoints) { endpoints_ = endpoints; }
  // Google issues next_page_token before it is valid; it documents a short delay (about 2 s).
  void setPageTokenDelayMs(int milliseconds) { pageTokenDelayMs_ = milliseconds; }
  // No byte for this long: the request is given up (Qt's transfer timeout, restarted by each byte).
  void setTimeoutMs(int milliseconds) { timeoutMs_ = milliseconds; }
  // A request that has not finished this long after it started is given up, however steadily
  // a slow server trickles bytes.
  void setDeadlineMs(int milliseconds) { deadlineMs_ = milliseconds; }
  // An answer larger than this is refused unread (clinic searches answer in kilobytes).
  void setMaxResponseBytes(qint64 bytes) { maxResponseBytes_ = bytes; }
  // Waits before each retry of a request that timed out or got HTTP 429/5xx; one retry per entry.
  void setRetryDelaysMs(std::vector<int> delays) { retryDelaysMs_ = std::move(delays); }

  // Stops every request in flight and every pending retry or next page; searchFailed follows
  // with "cancelled" for each search that was running.
  void cancel();

  void searchOpenStreetMap(const GeoPoint& origin, int radiusMeters, const LocalTime& now);
  // Follows next_page_token for up to `maxPages` pages (Google serves at most 3).
  void searchGooglePlaces(const GeoPoint& origin, int radiusMeters, const QString& apiKey,
                          int maxPages = 3);

 Q_SIGNALS:
  void clinicsFound(const std::vector<walness::clinics::Clinic>& clinics,
                    walness::clinics::ClinicSource source);
  void searchFailed(const QString& message, walness::clinics::ClinicSource source);

 private:
  void requestGooglePage(const QUrl& url, std::vector<Clinic> collected, int pagesLeft,
                         const QString& apiKey);
  // Sends `request` (made again for each attempt) and hands the final reply to `done`, retrying
  // with the configured backoff when the server is busy or slow.
  void send(std::function<QNetworkReply*()> request, std::function<void(QNetworkReply*)> done,
            size_t attempt = 0);
  QNetworkReply* get(const QUrl& url);
  static QString networkError(QNetworkReply* reply, const QString& service);

  QNetworkAccessManager* network_;
  Endpoints endpoints_;
  int pageTokenDelayMs_ = 2000;
  int timeoutMs_ = 30000;
  int deadlineMs_ = 60000;
  qint64 maxResponseBytes_ = 16ll << 20;
  // Bumped by cancel(): replies and timers of an older generation end without going on.
  int generation_ = 0;
  QSet<QNetworkReply*> inFlight_;
  std::vector<int> retryDelaysMs_{1000, 4000};
};

}  // namespace walness::clinics
