#pragma once

#include <QNetworkAccessManager>
#include <QStringList>

namespace walness::ui {

// The network access manager of the QML clinic map's engine (what QML Image, rich Text and
// XMLHttpRequest use): a request goes out only over http or https to a host on the allow list;
// everything else is answered at once with an error (RefusedNetworkReply) and never reaches the
// network. A redirect is followed only to a place the list allows; any other ends the reply with
// an error. Each refused host is logged once per run, never shown to the user.
//
// Allow-list entries: "host" (default port of the scheme), "host:port", or "*.domain" (any
// subdomain of domain, default port).
class QmlNetworkGuard : public QNetworkAccessManager {
  Q_OBJECT

 public:
  explicit QmlNetworkGuard(QStringList allowList, QObject* parent = nullptr);

  // The hosts Qt 6.8's osm plugin uses for the street map and for Nominatim geocoding, plus the
  // host of `tileServer` ("https://tiles.example.org/%z/%x/%y.png") when one is set.
  static QStringList allowListFor(const QString& tileServer);
  // "tiles.example.org", or "127.0.0.1:8080" with an explicit port; empty when unusable.
  static QString hostOfTileServer(const QString& tileServer);

  bool allows(const QUrl& url) const;
  const QStringList& allowList() const { return allowList_; }
  // Hosts refused (and logged) so far in this run, over every guard.
  static QStringList refusedHosts();

 protected:
  QNetworkReply* createRequest(Operation operation, const QNetworkRequest& request,
                               QIODevice* outgoingData) override;

 private:
  static void logRefusal(const QUrl& url);
  QStringList allowList_;
};

}  // namespace walness::ui
