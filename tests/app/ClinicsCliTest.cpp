#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

#include "CliRunner.h"
#include "LocalHttpServer.h"
#include "SharedData.h"

using walness::test::runCli;

namespace {

const QString kCheonan = QStringLiteral("36.8151,127.1139");

QString googleFixture() {
  return QString::fromStdString(walness::test::sharedPath(
      QStringLiteral("fixtures/clinics/google-places-textsearch-cheonan.json")));
}

QString localDataFixture() {
  return QStringLiteral(WALNESS_SOURCE_DIR "/tests/fixtures/localdata/animal-hospitals-utf8.csv");
}

QJsonArray parseArray(const QString& text) {
  QJsonParseError error;
  const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
  EXPECT_EQ(error.error, QJsonParseError::NoError) << text.toStdString();
  EXPECT_TRUE(document.isArray());
  return document.array();
}

// The fixture's clinics as the test computes them, independently of the app's code.
struct Place {
  QString name;
  double rating = 0;
  int reviews = 0;
  double km = 0;
};

std::vector<Place> placesFromFixture() {
  QFile file(googleFixture());
  EXPECT_TRUE(file.open(QIODevice::ReadOnly));
  const QJsonArray results = QJsonDocument::fromJson(file.readAll()).object()["results"].toArray();
  std::vector<Place> places;
  for (const QJsonValue& value : results) {
    const QJsonObject place = value.toObject();
    const QJsonObject location = place["geometry"].toObject()["location"].toObject();
    const double toRadians = M_PI / 180;
    const double lat1 = 36.8151 * toRadians, lat2 = location["lat"].toDouble() * toRadians;
    const double dLat = lat2 - lat1, dLon = (location["lng"].toDouble() - 127.1139) * toRadians;
    const double h = std::pow(std::sin(dLat / 2), 2) +
                     std::cos(lat1) * std::cos(lat2) * std::pow(std::sin(dLon / 2), 2);
    places.push_back({place["name"].toString(), place["rating"].toDouble(),
                      place["user_ratings_total"].toInt(),
                      2 * 6371.0088 * std::asin(std::sqrt(h))});
  }
  return places;
}

QStringList namesIn(const QJsonArray& clinics) {
  QStringList names;
  for (const QJsonValue& clinic : clinics) names.append(clinic.toObject()["name"].toString());
  return names;
}

}  // namespace

TEST(ClinicsCliTest, PrintsAllTwentyGoogleClinicsByRating) {
  QTemporaryDir store;
  const auto run =
      runCli({"clinics", "--provider", "google", "--input", googleFixture(), "--near", kCheonan,
              "--sort", "rating", "--json", "--store", store.filePath("clinics.sqlite")});
  ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
  const QJsonArray clinics = parseArray(run.out);
  ASSERT_EQ(clinics.size(), 20);

  std::vector<Place> expected = placesFromFixture();
  std::stable_sort(expected.begin(), expected.end(), [](const Place& a, const Place& b) {
    if (a.rating != b.rating) return a.rating > b.rating;
    if (a.reviews != b.reviews) return a.reviews > b.reviews;
    return a.km < b.km;
  });
  QStringList expectedNames;
  for (const Place& place : expected) expectedNames.append(place.name);
  EXPECT_EQ(namesIn(clinics), expectedNames);

  const QJsonObject first = clinics.first().toObject();
  EXPECT_EQ(first["name"].toString(), expected.front().name);
  EXPECT_DOUBLE_EQ(first["rating"].toDouble(), 5.0);
  EXPECT_EQ(first["rating_count"].toInt(), 4);
  EXPECT_NEAR(first["distance_km"].toDouble(), expected.front().km, 0.001);
  EXPECT_EQ(first["source"].toString(), QStringLiteral("google"));
  for (const char* key : {"lat", "lon", "open_now", "emergency"})
    EXPECT_TRUE(first.contains(QLatin1String(key))) << key;
}

TEST(ClinicsCliTest, SortsByDistanceAndFiltersByRadiusAndRating) {
  QTemporaryDir store;
  const QString storePath = store.filePath("clinics.sqlite");
  const auto run = runCli({"clinics", "--provider", "google", "--input", googleFixture(), "--near",
                           kCheonan, "--json", "--store", storePath});
  ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
  std::vector<Place> expected = placesFromFixture();
  std::stable_sort(expected.begin(), expected.end(),
                   [](const Place& a, const Place& b) { return a.km < b.km; });
  QStringList expectedNames;
  for (const Place& place : expected) expectedNames.append(place.name);
  EXPECT_EQ(namesIn(parseArray(run.out)), expectedNames);

  const auto near =
      runCli({"clinics", "--provider", "google", "--input", googleFixture(), "--near", kCheonan,
              "--radius", "3", "--min-rating", "4.5", "--json", "--store", storePath});
  ASSERT_EQ(near.exitCode, 0);
  const QJsonArray kept = parseArray(near.out);
  const auto expectedCount = std::count_if(expected.begin(), expected.end(), [](const Place& p) {
    return p.km <= 3 && p.rating >= 4.5;
  });
  EXPECT_EQ(kept.size(), expectedCount);
  for (const QJsonValue& clinic : kept) {
    EXPECT_LE(clinic.toObject()["distance_km"].toDouble(), 3.0);
    EXPECT_GE(clinic.toObject()["rating"].toDouble(), 4.5);
  }

  // The text form lists them with distance and rating, and credits Google.
  const auto text = runCli({"clinics", "--provider", "google", "--input", googleFixture(), "--near",
                            kCheonan, "--limit", "3", "--store", storePath});
  ASSERT_EQ(text.exitCode, 0);
  EXPECT_TRUE(text.out.startsWith(QStringLiteral("1. ") + expectedNames.front()))
      << text.out.toStdString();
  EXPECT_FALSE(text.out.contains(QStringLiteral("4. ")));
  EXPECT_TRUE(text.out.contains(QStringLiteral(" km")));
  EXPECT_TRUE(text.out.contains(QStringLiteral("Google")));
}

TEST(ClinicsCliTest, ImportsLocalDataAndReadsItBackFromTheStoreOffline) {
  QTemporaryDir store;
  const QString storePath = store.filePath("clinics.sqlite");
  const auto imported = runCli({"clinics", "--provider", "localdata", "--input", localDataFixture(),
                                "--near", kCheonan, "--json", "--store", storePath});
  ASSERT_EQ(imported.exitCode, 0) << imported.err.toStdString();
  EXPECT_EQ(parseArray(imported.out).size(), 3);
  EXPECT_TRUE(imported.err.contains(QStringLiteral("2 closed"))) << imported.err.toStdString();

  const auto cached = runCli({"clinics", "--provider", "cache", "--near", kCheonan, "--radius",
                              "10", "--json", "--store", storePath});
  ASSERT_EQ(cached.exitCode, 0) << cached.err.toStdString();
  const QJsonArray nearby = parseArray(cached.out);
  ASSERT_EQ(nearby.size(), 2);  // the Seoul clinic is 80 km away
  EXPECT_EQ(nearby.first().toObject()["name"].toString(), QStringLiteral("행복한 동물병원, 본점"));
  EXPECT_EQ(nearby.first().toObject()["source"].toString(), QStringLiteral("localdata"));
}

TEST(ClinicsCliTest, SearchesAnOverpassServerAndExplainsItsFailure) {
  int status = 200;
  walness::test::LocalHttpServer overpass([&](const walness::test::LocalHttpServer::Request&) {
    return walness::test::LocalHttpServer::Response{
        status, R"({"elements":[{"type":"node","id":7,"lat":36.816,"lon":127.114,
          "tags":{"amenity":"veterinary","name":"Overpass Vet","opening_hours":"24/7"}}]})"};
  });
  QTemporaryDir store;
  const QStringList arguments = {
      "clinics",    "--near",
      kCheonan,     "--json",
      "--store",    store.filePath("clinics.sqlite"),
      "--endpoint", overpass.url(QStringLiteral("/api/interpreter")).toString()};
  // The CLI blocks on its own event loop while the server answers on this one.
  auto pending = QtConcurrent::run([&] { return runCli(arguments); });
  while (!pending.isFinished()) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
  const auto found = pending.result();
  ASSERT_EQ(found.exitCode, 0) << found.err.toStdString();
  const QJsonArray clinics = parseArray(found.out);
  ASSERT_EQ(clinics.size(), 1);
  EXPECT_EQ(clinics.first().toObject()["name"].toString(), QStringLiteral("Overpass Vet"));
  EXPECT_TRUE(clinics.first().toObject()["emergency"].toBool());
  EXPECT_EQ(clinics.first().toObject()["source"].toString(), QStringLiteral("osm"));

  status = 500;
  auto failing = QtConcurrent::run([&] { return runCli(arguments); });
  while (!failing.isFinished()) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
  const auto failed = failing.result();
  EXPECT_EQ(failed.exitCode, 1);
  EXPECT_TRUE(failed.err.contains(QStringLiteral("HTTP 500"))) << failed.err.toStdString();
  EXPECT_TRUE(failed.out.isEmpty());
}

// A clinic name from a server may carry terminal escape sequences (colours, cursor moves, a new
// window title): printed to a terminal they arrive as harmless U+FFFD.
TEST(ClinicsCliTest, EscapeSequencesInClinicNamesNeverReachTheTerminal) {
  walness::test::LocalHttpServer overpass([&](const walness::test::LocalHttpServer::Request&) {
    return walness::test::LocalHttpServer::Response{
        200, R"({"elements":[{"type":"node","id":7,"lat":36.816,"lon":127.114,
          "tags":{"amenity":"veterinary","name":"Evil\u001b]0;owned\u0007 Vet\u202e","addr:street":"\u001b[2JRoad"}}]})"};
  });
  QTemporaryDir store;
  const QStringList arguments = {"clinics",
                                 "--near",
                                 kCheonan,
                                 "--store",
                                 store.filePath("clinics.sqlite"),
                                 "--endpoint",
                                 overpass.url(QStringLiteral("/api/interpreter")).toString()};
  auto pending = QtConcurrent::run([&] { return runCli(arguments); });
  while (!pending.isFinished()) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
  const auto found = pending.result();
  ASSERT_EQ(found.exitCode, 0) << found.err.toStdString();
  EXPECT_FALSE(found.out.contains(QChar(0x1b))) << found.out.toStdString();
  EXPECT_FALSE(found.out.contains(QChar(0x07)));
  EXPECT_FALSE(found.out.contains(QChar(0x202e)));
  EXPECT_TRUE(found.out.contains(QStringLiteral("Evil\uFFFD]0;owned\uFFFD Vet")))
      << found.out.toStdString();
}

TEST(ClinicsCliTest, BadInputAndUsageGiveClearMessages) {
  QTemporaryDir dir;
  const QString store = dir.filePath("clinics.sqlite");
  const QString broken = dir.filePath("broken.json");
  QFile file(broken);
  ASSERT_TRUE(file.open(QIODevice::WriteOnly));
  file.write("{\"results\": [");
  file.close();
  const auto bad = runCli(
      {"clinics", "--provider", "google", "--input", broken, "--near", kCheonan, "--store", store});
  EXPECT_EQ(bad.exitCode, 3);
  EXPECT_TRUE(bad.err.contains(QStringLiteral("broken.json"))) << bad.err.toStdString();
  EXPECT_TRUE(bad.out.isEmpty());

  const auto notCsv = runCli({"clinics", "--provider", "localdata", "--input", broken, "--near",
                              kCheonan, "--store", store});
  EXPECT_EQ(notCsv.exitCode, 3);
  EXPECT_TRUE(notCsv.err.contains(QStringLiteral("LOCALDATA"))) << notCsv.err.toStdString();

  EXPECT_EQ(runCli({"clinics", "--near", "somewhere"}).exitCode, 2);
  EXPECT_EQ(runCli({"clinics", "--near", kCheonan, "--sort", "price"}).exitCode, 2);
  const auto noFile = runCli({"clinics", "--provider", "localdata", "--near", kCheonan});
  EXPECT_EQ(noFile.exitCode, 2);
  EXPECT_TRUE(noFile.err.contains(QStringLiteral("localdata.go.kr")));
}
