#include "walness/clinics/ClinicFetcher.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrlQuery>

#include <walness/Version.h>

#include "walness/clinics/GooglePlacesParser.h"
#include "walness/clinics/OverpassParser.h"

namespace walness::clinics {

namespace {
QNetworkRequest requestFor(const QUrl& url, int timeoutMs) {
  QNetworkRequest request(url);
  // OpenStreetMap's usage policy asks every client to identify itself.
  request.setHeader(QNetworkRequest::UserAgentHeader,
                    QStringLiteral("Walness/" WALNESS_VERSION " (desktop app)"));
  request.setTransferTimeout(timeoutMs);
  // Each redirect is checked (see send) instead of followed blindly.
  request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                       QNetworkRequest::UserVerifiedRedirectPolicy);
  request.setMaximumRedirectsAllowed(5);
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

// Why a reply was stopped by the fetcher itself (kept on the reply for networkError).
constexpr const char* kStoppedBecause = "walnessStoppedBecause";

bool stoppedByUs(QNetworkReply* reply) {
  return !reply->property(kStoppedBecause).isNull();
}

void ClinicFetcher::send(std::function<QNetworkReply*()> request,
                         std::function<void(QNetworkReply*)> done, size_t attempt) {
  QNetworkReply* reply = request();
  const int generation = generation_;
  inFlight_.insert(reply);
  const auto stop = [reply](const QString& why) {
    if (reply->property(kStoppedBecause).isNull()) reply->setProperty(kStoppedBecause, why);
    reply->abort();
  };
  // A redirect may only stay on the host that was asked (same scheme or up to https): an allowed
  // server cannot send the search point on to another.
  connect(reply, &QNetworkReply::redirected, this, [reply, stop](const QUrl& to) {
    const QUrl from = reply->request().url();
    const bool sameHost =
        to.host().compare(from.host(), Qt::CaseInsensitive) == 0 && to.port(-1) == from.port(-1);
    const bool scheme = to.scheme() == from.scheme() || to.scheme() == QLatin1String("https");
    if (sameHost && scheme)
      Q_EMIT reply->redirectAllowed();
    else
      stop(QStringLiteral("redirect:") + to.host());
  });
  const qint64 cap = maxResponseBytes_;
  // The declared length, what has arrived, and at the end what is there: any past the cap stops
  // the reply unread (a fast server can deliver all of it before a progress signal).
  connect(reply, &QNetworkReply::metaDataChanged, this, [reply, stop, cap] {
    if (reply->header(QNetworkRequest::ContentLengthHeader).toLongLong() > cap)
      stop(QStringLiteral("too_large"));
  });
  connect(reply, &QNetworkReply::downloadProgress, this,
          [stop, cap](qint64 received, qint64 total) {
            if (received > cap || total > cap) stop(QStringLiteral("too_large"));
          });
  connect(reply, &QNetworkReply::readyRead, this, [reply, stop, cap] {
    if (reply->bytesAvailable() > cap) stop(QStringLiteral("too_large"));
  });
  auto* deadline = new QTimer(reply);
  deadline->setSingleShot(true);
  connect(deadline, &QTimer::timeout, reply, [stop] { stop(QStringLiteral("deadline")); });
  deadline->start(deadlineMs_);
  connect(reply, &QNetworkReply::finished, this,
          [this, reply, request, done, attempt, generation, cap] {
            reply->deleteLater();
            inFlight_.remove(reply);
            if (reply->bytesAvailable() > cap && reply->property(kStoppedBecause).isNull())
              reply->setProperty(kStoppedBecause, QStringLiteral("too_large"));
            if (generation != generation_) {
              done(reply);  // cancelled: reported as such
              return;
            }
            if (reply->error() != QNetworkReply::NoError &&
                reply->property(kStoppedBecause).isNull() && worthRetrying(reply) &&
                attempt < retryDelaysMs_.size()) {
              QTimer::singleShot(retryDelaysMs_[attempt], this,
                                 [this, request, done, attempt, generation] {
                                   if (generation != generation_)
                                     return;  // cancelled while waiting
                                   send(request, done, attempt + 1);
                                 });
              return;
            }
            done(reply);
          });
}

void ClinicFetcher::cancel() {
  ++generation_;
  const QSet<QNetworkReply*> running = inFlight_;
  for (QNetworkReply* reply : running) {
    reply->setProperty(kStoppedBecause, QStringLiteral("cancelled"));
    reply->abort();
  }
}

QNetworkReply* ClinicFetcher::get(const QUrl& url) {
  return network_->get(requestFor(url, timeoutMs_));
}

QString ClinicFetcher::networkError(QNetworkReply* reply, const QString& service) {
  const QString stopped = reply->property(kStoppedBecause).toString();
  if (stopped == QLatin1String("cancelled")) return tr("The search was cancelled.");
  if (stopped == QLatin1String("too_large"))
    return tr("%1 sent an answer too large for a clinic search; it was not read.").arg(service);
  if (stopped == QLatin1String("deadline"))
    return tr("%1 did not finish answering in time. Check the internet connection and try again.")
        .arg(service);
  if (stopped.startsWith(QLatin1String("redirect:")))
    return tr("%1 tried to send the search on to another server (%2); it was refused.")
        .arg(service, stopped.mid(9));
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
         if (reply->error() != QNetworkReply::NoError || stoppedByUs(reply)) {
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
         if (reply->error() != QNetworkReply::NoError || stoppedByUs(reply)) {
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
         const int generation = generation_;
         QTimer::singleShot(pageTokenDelayMs_, this,
                            [this, next, collected = std::move(collected), pagesLeft, apiKey,
                             generation]() mutable {
                              if (generation != generation_) {
                                Q_EMIT searchFailed(tr("The search was cancelled."),
                                                    ClinicSource::GooglePlaces);
                                return;
                              }
                              requestGooglePage(next, std::move(collected), pagesLeft - 1, apiKey);
                            });
       });
}

}  // namespace walness::clinics
