// The clinic map's QML engine reaches only the map's tile and place servers (docs/security.md).
#include <gtest/gtest.h>

#include <QNetworkReply>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickView>
#include <QQuickWidget>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "LocalHttpServer.h"
#include "ui/clinics/ClinicPanel.h"
#include "ui/clinics/map/QmlNetworkGuard.h"
#include "ui/clinics/map/QmlNetworkGuardFactory.h"

using walness::test::LocalHttpServer;
using walness::ui::QmlNetworkGuard;
using walness::ui::QmlNetworkGuardFactory;

namespace {

LocalHttpServer::Response ok(const LocalHttpServer::Request&) {
  return {200, QByteArray("not really a picture")};
}

bool anyRequestFor(const LocalHttpServer& server, const QByteArray& target) {
  for (const auto& request : server.requests())
    if (request.target == target) return true;
  return false;
}

// A window showing `qml` (an Item) made by `engine`'s component; kept until the test ends.
struct ShownQml {
  QQuickView view;
  std::unique_ptr<QObject> item;
  explicit ShownQml(QmlNetworkGuardFactory* guard) {
    if (guard) guard->install(*view.engine());
  }
  bool show(const QByteArray& qml) {
    QQmlComponent component(view.engine());
    component.setData(qml, QUrl());
    item.reset(component.create());
    if (!item) {
      ADD_FAILURE() << component.errorString().toStdString();
      return false;
    }
    qobject_cast<QQuickItem*>(item.get())->setParentItem(view.contentItem());
    view.resize(400, 120);
    view.show();
    return QTest::qWaitForWindowExposed(&view);
  }
};

QByteArray richTextWithImage(const QUrl& image) {
  return "import QtQuick\nItem { width: 400; height: 100\n"
         "  Text { textFormat: Text.RichText; text: '1. Good Vet<img src=\"" +
         image.toEncoded() + "\" width=10 height=10><b>24h EMERGENCY</b>' } }\n";
}

}  // namespace

TEST(QmlNetworkGuardTest, AllowsOnlyTheOsmTileAndPlaceHostsAndTheCustomTileServer) {
  const QmlNetworkGuard osm(QmlNetworkGuard::allowListFor(QString()));
  EXPECT_TRUE(osm.allows(QUrl(QStringLiteral("http://c.tile.openstreetmap.org/13/6980/3172.png"))));
  EXPECT_TRUE(osm.allows(QUrl(QStringLiteral("https://tile.openstreetmap.org/1/0/0.png"))));
  EXPECT_TRUE(osm.allows(QUrl(QStringLiteral("https://nominatim.openstreetmap.org/search?q=x"))));
  EXPECT_FALSE(osm.allows(QUrl(QStringLiteral("http://127.0.0.1:8765/tracker.png"))));
  EXPECT_FALSE(osm.allows(QUrl(QStringLiteral("https://tracker.example.com/x.png"))));
  EXPECT_FALSE(osm.allows(QUrl(QStringLiteral("https://tile.openstreetmap.org.evil.example/x"))));
  EXPECT_FALSE(osm.allows(QUrl(QStringLiteral("https://eviltile.openstreetmap.org/x"))));
  EXPECT_FALSE(osm.allows(QUrl(QStringLiteral("https://tile.openstreetmap.org:8443/1/0/0.png"))));
  EXPECT_FALSE(osm.allows(QUrl(QStringLiteral("ftp://tile.openstreetmap.org/1/0/0.png"))));
  EXPECT_FALSE(osm.allows(QUrl(QStringLiteral("file:///etc/passwd"))));
  EXPECT_FALSE(osm.allows(QUrl(QStringLiteral("https://maps-redirect.qt.io/osm/5.8/street"))));

  EXPECT_EQ(
      QmlNetworkGuard::hostOfTileServer(QStringLiteral("https://Tiles.example.org/%z/%x/%y.png")),
      QStringLiteral("tiles.example.org"));
  EXPECT_EQ(QmlNetworkGuard::hostOfTileServer(QStringLiteral("http://127.0.0.1:8765/%z/%x/%y.png")),
            QStringLiteral("127.0.0.1:8765"));
  EXPECT_EQ(QmlNetworkGuard::hostOfTileServer(QStringLiteral("file:///tiles/%z/%x/%y.png")),
            QString());
  const QmlNetworkGuard custom(
      QmlNetworkGuard::allowListFor(QStringLiteral("http://127.0.0.1:8765/%z/%x/%y.png")));
  EXPECT_TRUE(custom.allows(QUrl(QStringLiteral("http://127.0.0.1:8765/13/1/2.png"))));
  EXPECT_FALSE(custom.allows(QUrl(QStringLiteral("http://127.0.0.1:8766/13/1/2.png"))));
  EXPECT_TRUE(custom.allows(QUrl(QStringLiteral("https://tile.openstreetmap.org/1/0/0.png"))));
}

TEST(QmlNetworkGuardTest, ARefusedRequestFailsAtOnceWithoutTouchingTheNetwork) {
  LocalHttpServer tracker(ok);
  QmlNetworkGuard guard(QmlNetworkGuard::allowListFor(QString()));
  std::unique_ptr<QNetworkReply> reply(
      guard.get(QNetworkRequest(tracker.url(QStringLiteral("/x")))));
  ASSERT_TRUE(QTest::qWaitFor([&] { return reply->isFinished(); }, 2000));
  EXPECT_EQ(reply->error(), QNetworkReply::ContentAccessDenied);
  EXPECT_EQ(reply->url(), tracker.url(QStringLiteral("/x")));
  EXPECT_TRUE(reply->readAll().isEmpty());
  QTest::qWait(500);
  EXPECT_TRUE(tracker.requests().isEmpty());
  // Logged once per host, not once per request.
  std::unique_ptr<QNetworkReply> again(
      guard.get(QNetworkRequest(tracker.url(QStringLiteral("/y")))));
  ASSERT_TRUE(QTest::qWaitFor([&] { return again->isFinished(); }, 2000));
  EXPECT_EQ(QmlNetworkGuard::refusedHosts().count(QStringLiteral("127.0.0.1")), 1);
}

// Without the guard, an <img> in rich text is fetched: that is what the guard is for (and shows
// that the test below would notice a fetch).
TEST(QmlNetworkGuardTest, WithoutTheGuardRichTextFetchesItsImage) {
  LocalHttpServer tracker(ok);
  ShownQml shown(nullptr);
  ASSERT_TRUE(shown.show(richTextWithImage(tracker.url(QStringLiteral("/tracker.png")))));
  EXPECT_TRUE(QTest::qWaitFor([&] { return !tracker.requests().isEmpty(); }, 5000));
}

TEST(QmlNetworkGuardTest, RichTextImagesThroughTheGuardedEngineAreRefused) {
  LocalHttpServer tracker(ok);
  QmlNetworkGuardFactory factory(QmlNetworkGuard::allowListFor(QString()));
  ShownQml shown(&factory);
  ASSERT_NE(qobject_cast<QmlNetworkGuard*>(shown.view.engine()->networkAccessManager()), nullptr);
  ASSERT_TRUE(shown.show(richTextWithImage(tracker.url(QStringLiteral("/tracker.png")))));
  QTest::qWait(2500);
  EXPECT_TRUE(tracker.requests().isEmpty()) << tracker.requests().front().target.toStdString();
  EXPECT_TRUE(QmlNetworkGuard::refusedHosts().contains(QStringLiteral("127.0.0.1")));
}

TEST(QmlNetworkGuardTest, TheCustomTileServerIsReachableThroughTheGuardedEngine) {
  LocalHttpServer tiles(ok);
  const QString tileServer = tiles.url(QStringLiteral("/%z/%x/%y.png")).toString();
  QmlNetworkGuardFactory factory(QmlNetworkGuard::allowListFor(tileServer));
  ShownQml shown(&factory);
  ASSERT_TRUE(shown.show("import QtQuick\nItem { width: 256; height: 256\n  Image { source: '" +
                         tiles.url(QStringLiteral("/13/6980/3172.png")).toEncoded() + "' } }\n"));
  EXPECT_TRUE(QTest::qWaitFor([&] { return anyRequestFor(tiles, "/13/6980/3172.png"); }, 5000));
}

// The Clinics tab's map: its engine has the guard, built from the tile server setting.
TEST(QmlNetworkGuardTest, TheClinicMapEngineLetsOnlyTheMapHostsThrough) {
  LocalHttpServer tiles(ok), tracker(ok);
  QSettings().setValue(QStringLiteral("clinics/tileServer"),
                       tiles.url(QStringLiteral("/%z/%x/%y.png")).toString());
  QTemporaryDir store;
  {
    walness::ui::ClinicPanel panel(store.filePath(QStringLiteral("clinics.sqlite")), nullptr);
    panel.resize(900, 600);
    panel.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&panel));
    ASSERT_NE(panel.mapWidget(), nullptr);
    auto* guard =
        qobject_cast<QmlNetworkGuard*>(panel.mapWidget()->engine()->networkAccessManager());
    ASSERT_NE(guard, nullptr);
    EXPECT_TRUE(guard->allowList().contains(QStringLiteral("tile.openstreetmap.org")));
    EXPECT_TRUE(guard->allowList().contains(QStringLiteral("nominatim.openstreetmap.org")));

    std::unique_ptr<QNetworkReply> allowed(
        guard->get(QNetworkRequest(tiles.url(QStringLiteral("/1/2/3.png")))));
    std::unique_ptr<QNetworkReply> refused(
        guard->get(QNetworkRequest(tracker.url(QStringLiteral("/x")))));
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return allowed->isFinished() && refused->isFinished(); }, 5000));
    EXPECT_EQ(allowed->error(), QNetworkReply::NoError) << allowed->errorString().toStdString();
    EXPECT_TRUE(anyRequestFor(tiles, "/1/2/3.png"));
    EXPECT_EQ(refused->error(), QNetworkReply::ContentAccessDenied);
    EXPECT_TRUE(tracker.requests().isEmpty());
  }
  QSettings().remove(QStringLiteral("clinics/tileServer"));
}

// An allowed tile server answering 302 to a host off the list: the redirect is not followed.
TEST(QmlNetworkGuardTest, ARedirectOffTheListIsRefused) {
  LocalHttpServer tracker(ok);
  LocalHttpServer tiles([&](const LocalHttpServer::Request& request) {
    if (request.target.startsWith("/moved"))
      return LocalHttpServer::Response{200, QByteArray("tile")};
    if (request.target.startsWith("/here"))
      return LocalHttpServer::Response{302, {}, "/moved/1.png"};
    return LocalHttpServer::Response{302, {}, tracker.url(QStringLiteral("/t.png")).toEncoded()};
  });
  QmlNetworkGuard guard(
      QmlNetworkGuard::allowListFor(tiles.url(QStringLiteral("/%z/%x/%y.png")).toString()));
  std::unique_ptr<QNetworkReply> away(
      guard.get(QNetworkRequest(tiles.url(QStringLiteral("/1/0/0.png")))));
  ASSERT_TRUE(QTest::qWaitFor([&] { return away->isFinished(); }, 5000));
  EXPECT_NE(away->error(), QNetworkReply::NoError);
  QTest::qWait(300);
  EXPECT_TRUE(tracker.requests().isEmpty()) << "the redirect was followed off the list";
  // A redirect that stays on the list is followed.
  std::unique_ptr<QNetworkReply> near(
      guard.get(QNetworkRequest(tiles.url(QStringLiteral("/here")))));
  ASSERT_TRUE(QTest::qWaitFor([&] { return near->isFinished(); }, 5000));
  EXPECT_EQ(near->error(), QNetworkReply::NoError) << near->errorString().toStdString();
  EXPECT_EQ(near->readAll(), QByteArray("tile"));
}
