#include "clinics/ClinicFetcher.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrlQuery>

#include <walness/Version.h>

#include "clinics/GooglePlacesParser.h"
#include "clinics/OverpassParser.h"

namespace walness::clinics {

namespace {
QNetworkRequest requestFor(const QUrl& url, int timeoutMs) {
  QNetworkRequest request(url);
  // OpenStreetMap's usage policy asks every client to identify itself.
  request.setHeader(QNetworkRequest::UserAgentHeader,
                    QStringLiteral("Walness/" WALNESS_VERSION " (desktop app)"));
  request.setTransferTimeout(timeoutMs);
  return request;
}
}  // namespace

ClinicFetcher::ClinicFetcher(QNetworkAccessManager* network, QObject* parent)
    : QObject(parent), network_(network) {
}

namespace {
bool worthRetrying(QNetworkReply* reply) {
  const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
  return reply->error() == QNetworkReply::OperationCanceledError ||
         reply->error() == QNetworkReply::TimeoutError || status == 429 || status >= 500;
}
}  // namespace

void ClinicFetcher::send(std::function<QNetworkReply*()> request,
                         std::function<void(QNetworkReply*)> done, size_t attempt) {
  QNetworkReply* reply = request();
  connect(reply, &QNetworkReply::finished, this, [this, reply, request, done, attempt] {
    reply->deleteLater();
    if (reply->error() != QNetworkReply::NoError && worthRetrying(reply) &&
        attempt < retryDelaysMs_.size()) {
      QTimer::singleShot(retryDelaysMs_[attempt], this,
                         [this, request, done, attempt] { send(request, done, attempt + 1); });
      return;
    }
    done(reply);
  });
}

QNetworkReply* ClinicFetcher::get(const QUrl& url) {
  return network_->get(requestFor(url, timeoutMs_));
}

QString ClinicFetcher::networkError(QNetworkReply* reply, const QString& service) {
  const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
  if (reply->error() == QNetworkReply::OperationCanceledError ||
      reply->error() == QNetworkReply::TimeoutError)
    return tr("%1 did not answer in time. Check the internet connection and try again.")
        .arg(service);
  if (status >= 400)
    return tr("%1 answered with HTTP %2. Try again later.").arg(service).arg(status);
  // Qt's error text can quote the request URL, whose query holds the Google API key: never show it.
  QString detail = reply->errorString();
  const QUrl url = reply->request().url();
  if (url.hasQuery()) {
    detail.replace(url.toString(), url.toString(QUrl::RemoveQuery));
    detail.replace(url.toEncoded(), url.toString(QUrl::RemoveQuery));
    detail.replace(url.query(QUrl::FullyEncoded), QStringLiteral("…"));
    detail.replace(url.query(QUrl::FullyDecoded), QStringLiteral("…"));
  }
  return tr("Could not reach %1 (%2). Check the internet connection.").arg(service, detail);
}

void ClinicFetcher::searchOpenStreetMap(const GeoPoint& origin, int radiusMeters,
                                        const LocalTime& now) {
  QNetworkRequest request = requestFor(endpoints_.overpass, timeoutMs_);
  request.setHeader(QNetworkRequest::ContentTypeHeader,
                    QStringLiteral("application/x-www-form-urlencoded"));
  QUrlQuery form;
  form.addQueryItem(QStringLiteral("data"), QString::fromUtf8(overpassVeterinaryQuery(
                                                origin.latitude, origin.longitude, radiusMeters)));
  const QByteArray body = form.toString(QUrl::FullyEncoded).toUtf8();
  send([this, request, body] { return network_->post(request, body); },
       [this, now](QNetworkReply* reply) {
         const QString service = QStringLiteral("OpenStreetMap");
         if (reply->error() != QNetworkReply::NoError) {
           Q_EMIT searchFailed(networkError(reply, service), ClinicSource::OpenStreetMap);
           return;
         }
         auto clinics = parseOverpass(reply->readAll(), now);
         if (!clinics) {
           Q_EMIT searchFailed(QString::fromStdString(clinics.message()),
                               ClinicSource::OpenStreetMap);
           return;
         }
         Q_EMIT clinicsFound(clinics.value(), ClinicSource::OpenStreetMap);
       });
}

void ClinicFetcher::searchGooglePlaces(const GeoPoint& origin, int radiusMeters,
                                       const QString& apiKey, int maxPages) {
  if (apiKey.trimmed().isEmpty()) {
    Q_EMIT searchFailed(tr("Google Places needs an API key; add one in Settings or search "
                           "OpenStreetMap instead."),
                        ClinicSource::GooglePlaces);
    return;
  }
  QUrl url = endpoints_.googleTextSearch;
  QUrlQuery query;
  query.addQueryItem(QStringLiteral("query"), QStringLiteral("veterinary clinic"));
  query.addQueryItem(QStringLiteral("type"), QStringLiteral("veterinary_care"));
  query.addQueryItem(
      QStringLiteral("location"),
      QStringLiteral("%1,%2").arg(origin.latitude, 0, 'f', 6).arg(origin.longitude, 0, 'f', 6));
  query.addQueryItem(QStringLiteral("radius"), QString::number(radiusMeters));
  query.addQueryItem(QStringLiteral("key"), apiKey.trimmed());
  url.setQuery(query);
  requestGooglePage(url, {}, std::max(1, maxPages), apiKey.trimmed());
}

void ClinicFetcher::requestGooglePage(const QUrl& url, std::vector<Clinic> collected, int pagesLeft,
                                      const QString& apiKey) {
  send([this, url] { return get(url); },
       [this, collected = std::move(collected), pagesLeft, apiKey](QNetworkReply* reply) mutable {
         if (reply->error() != QNetworkReply::NoError) {
           Q_EMIT searchFailed(networkError(reply, QStringLiteral("Google Places")),
                               ClinicSource::GooglePlaces);
           return;
         }
         auto page = parseGooglePlaces(reply->readAll());
         if (!page) {
           Q_EMIT searchFailed(QString::fromStdString(page.message()), ClinicSource::GooglePlaces);
           return;
         }
         collected.insert(collected.end(), page->clinics.begin(), page->clinics.end());
         if (page->nextPageToken.empty() || pagesLeft <= 1) {
           Q_EMIT clinicsFound(collected, ClinicSource::GooglePlaces);
           return;
         }
         QUrl next = endpoints_.googleTextSearch;
         QUrlQuery query;
         query.addQueryItem(QStringLiteral("pagetoken"),
                            QString::fromStdString(page->nextPageToken));
         query.addQueryItem(QStringLiteral("key"), apiKey);
         next.setQuery(query);
         QTimer::singleShot(
             pageTokenDelayMs_, this,
             [this, next, collected = std::move(collected), pagesLeft, apiKey]() mutable {
               requestGooglePage(next, std::move(collected), pagesLeft - 1, apiKey);
             });
       });
}

}  // namespace walness::clinics
