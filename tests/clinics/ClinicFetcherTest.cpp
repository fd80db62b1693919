#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

#include "LocalHttpServer.h"
#include "SharedData.h"
#include "SilentServer.h"
#include "walness/clinics/ClinicFetcher.h"

using namespace walness::clinics;
using walness::test::LocalHttpServer;
using walness::test::SilentServer;

namespace {

struct Outcome {
  bool done = false;
  std::vector<Clinic> clinics;
  QString error;
};

Outcome waitFor(ClinicFetcher& fetcher, const std::function<void()>& start) {
  Outcome outcome;
  QObject context;
  QObject::connect(&fetcher, &ClinicFetcher::clinicsFound, &context,
                   [&](const std::vector<Clinic>& clinics, ClinicSource) {
                     outcome.clinics = clinics;
                     outcome.done = true;
                   });
  QObject::connect(&fetcher, &ClinicFetcher::searchFailed, &context,
                   [&](const QString& message, ClinicSource) {
                     outcome.error = message;
                     outcome.done = true;
                   });
  start();
  if (!QTest::qWaitFor([&] { return outcome.done; }, 20000))
    outcome.error = QStringLiteral("timed out");
  return outcome;
}

Outcome searchOpenStreetMap(ClinicFetcher& fetcher, const LocalTime& now = {}) {
  return waitFor(fetcher, [&] { fetcher.searchOpenStreetMap({36.8, 127.1}, 3000, now); });
}

Outcome searchGoogle(ClinicFetcher& fetcher, const QString& key) {
  return waitFor(fetcher, [&] { fetcher.searchGooglePlaces({36.8151, 127.1139}, 5000, key); });
}

QByteArray fixture() {
  QFile file(QString::fromStdString(walness::test::sharedPath(
      QStringLiteral("fixtures/clinics/google-places-textsearch-cheonan.json"))));
  file.open(QIODevice::ReadOnly);
  return file.readAll();
}

}  // namespace

TEST(ClinicFetcherTest, GooglePagesAreFollowedWithTheTokenAfterADelay) {
  const QByteArray firstPage = fixture();
  LocalHttpServer server([&](const LocalHttpServer::Request& request) {
    const QUrlQuery query(QUrl::fromEncoded(request.target).query());
    if (query.hasQueryItem(QStringLiteral("pagetoken")))
      return LocalHttpServer::Response{200, R"({"status":"OK","results":[{"name":"Second page vet",
          "place_id":"p2","geometry":{"location":{"lat":36.81,"lng":127.12}}}]})"};
    return LocalHttpServer::Response{200, firstPage};
  });
  QNetworkAccessManager network;
  ClinicFetcher fetcher(&network);
  fetcher.setEndpoints(
      {server.url(QStringLiteral("/overpass")), server.url(QStringLiteral("/textsearch"))});
  fetcher.setPageTokenDelayMs(300);
  QElapsedTimer clock;
  clock.start();
  const Outcome outcome = searchGoogle(fetcher, QStringLiteral("test-key"));
  ASSERT_TRUE(outcome.done);
  ASSERT_TRUE(outcome.error.isEmpty()) << outcome.error.toStdString();
  EXPECT_EQ(outcome.clinics.size(), 21u);
  EXPECT_EQ(outcome.clinics.back().name, "Second page vet");
  EXPECT_GE(clock.elapsed(), 300) << "the page token was used before Google accepts it";

  ASSERT_EQ(server.requests().size(), 2);
  const QUrlQuery first(QUrl::fromEncoded(server.requests()[0].target).query());
  EXPECT_EQ(first.queryItemValue(QStringLiteral("key")), QStringLiteral("test-key"));
  EXPECT_EQ(first.queryItemValue(QStringLiteral("location")),
            QStringLiteral("36.815100,127.113900"));
  const QUrlQuery second(QUrl::fromEncoded(server.requests()[1].target).query());
  EXPECT_FALSE(second.queryItemValue(QStringLiteral("pagetoken")).isEmpty());
}

TEST(ClinicFetcherTest, OverpassIsAskedWithTheQueryAndParsed) {
  LocalHttpServer server([](const LocalHttpServer::Request&) {
    return LocalHttpServer::Response{200,
                                     R"({"elements":[{"type":"node","id":7,"lat":36.8,"lon":127.1,
        "tags":{"amenity":"veterinary","name":"Night Vet","opening_hours":"24/7"}}]})"};
  });
  QNetworkAccessManager network;
  ClinicFetcher fetcher(&network);
  fetcher.setEndpoints(
      {server.url(QStringLiteral("/api/interpreter")), server.url(QStringLiteral("/g"))});
  const Outcome outcome = searchOpenStreetMap(fetcher, LocalTime{1, 600});
  ASSERT_TRUE(outcome.error.isEmpty()) << outcome.error.toStdString();
  ASSERT_EQ(outcome.clinics.size(), 1u);
  EXPECT_TRUE(outcome.clinics[0].emergency);
  ASSERT_EQ(server.requests().size(), 1);
  EXPECT_EQ(server.requests()[0].method, "POST");
  const QUrlQuery form(QString::fromUtf8(server.requests()[0].body));
  EXPECT_TRUE(form.queryItemValue(QStringLiteral("data"), QUrl::FullyDecoded)
                  .contains(QStringLiteral("around:3000,36.800000,127.100000")));
}

TEST(ClinicFetcherTest, FailuresBecomeClearMessages) {
  LocalHttpServer server([](const LocalHttpServer::Request& request) {
    if (request.target.startsWith("/busy")) return LocalHttpServer::Response{429, "{}"};
    return LocalHttpServer::Response{
        200, R"({"status":"REQUEST_DENIED","error_message":"The provided API key is invalid."})"};
  });
  QNetworkAccessManager network;
  ClinicFetcher fetcher(&network);
  fetcher.setRetryDelaysMs({});  // retries have their own test
  fetcher.setEndpoints(
      {server.url(QStringLiteral("/busy")), server.url(QStringLiteral("/denied"))});

  const Outcome busy = searchOpenStreetMap(fetcher);
  EXPECT_TRUE(busy.error.contains(QStringLiteral("HTTP 429"))) << busy.error.toStdString();

  const Outcome denied = searchGoogle(fetcher, QStringLiteral("bad"));
  EXPECT_TRUE(denied.error.contains(QStringLiteral("API key"))) << denied.error.toStdString();

  const Outcome noKey = searchGoogle(fetcher, QString());
  EXPECT_TRUE(noKey.error.contains(QStringLiteral("needs an API key")))
      << noKey.error.toStdString();
  EXPECT_EQ(server.requests().size(), 2) << "no request without a key";

  // Nothing listens on the port any more: no network.
  const QUrl closed = server.url(QStringLiteral("/x"));
  {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    fetcher.setEndpoints(
        {QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(probe.serverPort())), closed});
  }
  const Outcome offline = searchOpenStreetMap(fetcher);
  EXPECT_TRUE(offline.error.contains(QStringLiteral("Could not reach OpenStreetMap")))
      << offline.error.toStdString();
}

TEST(ClinicFetcherTest, BusyServersAreRetriedWithBackoffThenReported) {
  int answered = 0;
  LocalHttpServer server([&](const LocalHttpServer::Request&) {
    // Busy twice, then the answer.
    if (++answered <= 2) return LocalHttpServer::Response{503, "busy"};
    return LocalHttpServer::Response{200, R"({"elements":[{"type":"node","id":1,"lat":36.8,
      "lon":127.1,"tags":{"amenity":"veterinary","name":"Patient Vet"}}]})"};
  });
  QNetworkAccessManager network;
  ClinicFetcher fetcher(&network);
  fetcher.setRetryDelaysMs({50, 200});
  fetcher.setEndpoints({server.url(QStringLiteral("/api/interpreter")), {}});
  QElapsedTimer clock;
  clock.start();
  const Outcome recovered = searchOpenStreetMap(fetcher);
  ASSERT_TRUE(recovered.error.isEmpty()) << recovered.error.toStdString();
  ASSERT_EQ(recovered.clinics.size(), 1u);
  EXPECT_EQ(server.requests().size(), 3);
  EXPECT_GE(clock.elapsed(), 250);  // both backoff delays were waited

  answered = -10;  // busy for longer than the retries last
  const Outcome failed = searchOpenStreetMap(fetcher);
  EXPECT_TRUE(failed.error.contains(QStringLiteral("HTTP 503"))) << failed.error.toStdString();
  EXPECT_EQ(server.requests().size(), 6);
}

TEST(ClinicFetcherTest, AServerThatNeverAnswersTimesOutWithAClearMessage) {
  SilentServer silent;
  ASSERT_TRUE(silent.server.isListening());
  QNetworkAccessManager network;
  ClinicFetcher fetcher(&network);
  fetcher.setTimeoutMs(300);
  fetcher.setRetryDelaysMs({50});  // one retry, which times out too
  fetcher.setEndpoints({silent.url(), {}});
  QElapsedTimer clock;
  clock.start();
  const Outcome timedOut = searchOpenStreetMap(fetcher);
  EXPECT_TRUE(timedOut.error.contains(QStringLiteral("did not answer in time")))
      << timedOut.error.toStdString();
  EXPECT_GE(clock.elapsed(), 600);  // two attempts of 300 ms
  EXPECT_LT(clock.elapsed(), 10000);
  EXPECT_EQ(silent.held.size(), 2);
}

// An allowed server answering 302 to another host must not get the search point passed on.
TEST(ClinicFetcherTest, ARedirectToAnotherServerIsRefused) {
  LocalHttpServer elsewhere([](const LocalHttpServer::Request&) {
    return LocalHttpServer::Response{200, R"({"elements":[]})"};
  });
  LocalHttpServer redirecting([&](const LocalHttpServer::Request& request) {
    if (request.target.startsWith("/moved"))  // the same server: followed
      return LocalHttpServer::Response{200, R"({"elements":[]})"};
    if (request.target.startsWith("/same")) return LocalHttpServer::Response{307, {}, "/moved"};
    return LocalHttpServer::Response{
        307, {}, elsewhere.url(QStringLiteral("/api/interpreter")).toEncoded()};
  });
  QNetworkAccessManager network;
  ClinicFetcher fetcher(&network);
  fetcher.setRetryDelaysMs({});
  fetcher.setEndpoints({redirecting.url(QStringLiteral("/api/interpreter")), {}});
  const Outcome refused = searchOpenStreetMap(fetcher);
  EXPECT_TRUE(refused.error.contains(QStringLiteral("another server")))
      << refused.error.toStdString();
  EXPECT_TRUE(elsewhere.requests().isEmpty()) << "the other server was reached";

  fetcher.setEndpoints({redirecting.url(QStringLiteral("/same")), {}});
  const Outcome followed = searchOpenStreetMap(fetcher);
  EXPECT_TRUE(followed.error.isEmpty()) << followed.error.toStdString();
}

// A server that trickles a byte now and then never trips the transfer timeout; the overall
// deadline ends it.
TEST(ClinicFetcherTest, ATricklingServerIsCutOffAtTheDeadline) {
  LocalHttpServer trickling([](const LocalHttpServer::Request&) {
    LocalHttpServer::Response response{200, QByteArray(400, ' ') + R"({"elements":[]})"};
    response.trickleMs = 100;  // 40 s for the whole body
    return response;
  });
  QNetworkAccessManager network;
  ClinicFetcher fetcher(&network);
  fetcher.setRetryDelaysMs({});
  fetcher.setTimeoutMs(1000);
  fetcher.setDeadlineMs(1500);
  fetcher.setEndpoints({trickling.url(QStringLiteral("/api/interpreter")), {}});
  QElapsedTimer clock;
  clock.start();
  const Outcome late = searchOpenStreetMap(fetcher);
  EXPECT_TRUE(late.error.contains(QStringLiteral("did not finish answering in time")))
      << late.error.toStdString();
  EXPECT_LT(clock.elapsed(), 15000);
}

TEST(ClinicFetcherTest, AnOversizedAnswerIsRefusedUnread) {
  LocalHttpServer huge([](const LocalHttpServer::Request&) {
    return LocalHttpServer::Response{200, QByteArray(3 << 20, ' ') + R"({"elements":[]})"};
  });
  QNetworkAccessManager network;
  ClinicFetcher fetcher(&network);
  fetcher.setRetryDelaysMs({});
  fetcher.setMaxResponseBytes(1 << 20);
  fetcher.setEndpoints({huge.url(QStringLiteral("/api/interpreter")), {}});
  const Outcome refused = searchOpenStreetMap(fetcher);
  EXPECT_TRUE(refused.error.contains(QStringLiteral("too large"))) << refused.error.toStdString();
}

TEST(ClinicFetcherTest, CancelStopsTheSearchInFlight) {
  SilentServer silent;
  ASSERT_TRUE(silent.server.isListening());
  QNetworkAccessManager network;
  ClinicFetcher fetcher(&network);
  fetcher.setEndpoints({silent.url(), {}});
  QElapsedTimer clock;
  clock.start();
  const Outcome cancelled = waitFor(fetcher, [&] {
    fetcher.searchOpenStreetMap({36.8, 127.1}, 3000, {});
    QTimer::singleShot(300, &fetcher, [&] { fetcher.cancel(); });
  });
  EXPECT_TRUE(cancelled.error.contains(QStringLiteral("cancelled")))
      << cancelled.error.toStdString();
  EXPECT_LT(clock.elapsed(), 10000);
}
