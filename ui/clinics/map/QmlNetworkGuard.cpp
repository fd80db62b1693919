#include "ui/clinics/map/QmlNetworkGuard.h"

#include <QLoggingCategory>
#include <QMutex>
#include <QMutexLocker>
#include <QNetworkReply>
#include <QSet>
#include <QUrl>

#include "ui/clinics/map/RefusedNetworkReply.h"

namespace walness::ui {

namespace {

Q_LOGGING_CATEGORY(lcGuard, "walness.qml.network")

// Qt 6.8's osm plugin (libqtgeoservices_osm) fetches street-map tiles from
// http://c.tile.openstreetmap.org/%z/%x/%y.png (newer provider files use
// https://tile.openstreetmap.org) and geocodes with https://nominatim.openstreetmap.org. Its other
// map types (opencyclemap.org, thunderforest.com), routing (router.project-osrm.org) and the
// provider list (maps-redirect.qt.io, switched off by the map) are not used by Walness.
const char* const kOsmHosts[] = {"tile.openstreetmap.org", "*.tile.openstreetmap.org",
                                 "nominatim.openstreetmap.org"};

int defaultPort(const QString& scheme) {
  return scheme == QLatin1String("https") ? 443 : 80;
}

struct RefusalLog {
  QMutex mutex;
  QStringList hosts;  // in order of refusal
};

RefusalLog& refusalLog() {
  static RefusalLog log;
  return log;
}

}  // namespace

QmlNetworkGuard::QmlNetworkGuard(QStringList allowList, QObject* parent)
    : QNetworkAccessManager(parent), allowList_(std::move(allowList)) {
  for (QString& entry : allowList_) entry = entry.trimmed().toLower();
}

QString QmlNetworkGuard::hostOfTileServer(const QString& tileServer) {
  QString text = tileServer.trimmed();
  if (text.isEmpty()) return {};
  for (const char* placeholder : {"%z", "%x", "%y"})
    text.replace(QLatin1String(placeholder), QStringLiteral("0"));
  const QUrl url = QUrl::fromUserInput(text);
  const QString scheme = url.scheme().toLower();
  if (!url.isValid() || url.host().isEmpty() ||
      (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
    return {};
  const QString host = url.host().contains(QLatin1Char(':'))
                           ? QLatin1Char('[') + url.host() + QLatin1Char(']')  // IPv6
                           : url.host();
  return url.port() < 0 || url.port() == defaultPort(scheme)
             ? host.toLower()
             : QStringLiteral("%1:%2").arg(host.toLower()).arg(url.port());
}

QStringList QmlNetworkGuard::allowListFor(const QString& tileServer) {
  QStringList hosts;
  for (const char* host : kOsmHosts) hosts << QLatin1String(host);
  const QString custom = hostOfTileServer(tileServer);
  if (!custom.isEmpty() && !hosts.contains(custom)) hosts << custom;
  return hosts;
}

bool QmlNetworkGuard::allows(const QUrl& url) const {
  const QString scheme = url.scheme().toLower();
  if (scheme != QLatin1String("http") && scheme != QLatin1String("https")) return false;
  QString host = url.host().toLower();
  if (host.isEmpty()) return false;
  if (host.contains(QLatin1Char(':'))) host = QLatin1Char('[') + host + QLatin1Char(']');
  const int port = url.port(defaultPort(scheme));
  const bool standardPort = port == defaultPort(scheme);
  for (const QString& entry : allowList_) {
    if (entry.startsWith(QLatin1String("*."))) {
      if (standardPort && host.endsWith(entry.mid(1)) && host.size() > entry.size() - 1)
        return true;
    } else if (entry == host) {
      if (standardPort) return true;
    } else if (entry == QStringLiteral("%1:%2").arg(host).arg(port)) {
      return true;
    }
  }
  return false;
}

QStringList QmlNetworkGuard::refusedHosts() {
  RefusalLog& log = refusalLog();
  QMutexLocker lock(&log.mutex);
  return log.hosts;
}

void QmlNetworkGuard::logRefusal(const QUrl& url) {
  const QString host = url.host().isEmpty() ? url.scheme() + QLatin1Char(':') : url.host();
  {
    RefusalLog& log = refusalLog();
    QMutexLocker lock(&log.mutex);
    if (!log.hosts.contains(host)) {
      log.hosts << host;
      qCWarning(lcGuard,
                "The clinic map asked for %s; only the map's tile and place servers may be "
                "reached, so it was refused (further requests to this host are refused "
                "silently).",
                qPrintable(url.toDisplayString(QUrl::RemoveQuery | QUrl::RemoveUserInfo)));
    }
  }
}

QNetworkReply* QmlNetworkGuard::createRequest(Operation operation, const QNetworkRequest& request,
                                              QIODevice* outgoingData) {
  if (!allows(request.url())) {
    logRefusal(request.url());
    return new RefusedNetworkReply(operation, request, this);
  }
  // Redirects are followed inside Qt, past createRequest: each one is checked against the same
  // list here, and a redirect off the list ends the reply with an error.
  QNetworkRequest checked(request);
  checked.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                       QNetworkRequest::UserVerifiedRedirectPolicy);
  QNetworkReply* reply = QNetworkAccessManager::createRequest(operation, checked, outgoingData);
  connect(reply, &QNetworkReply::redirected, this, [this, reply](const QUrl& to) {
    if (allows(to)) {
      Q_EMIT reply->redirectAllowed();
      return;
    }
    logRefusal(to);
    reply->abort();
  });
  return reply;
}

}  // namespace walness::ui
