#include "ClinicsCommand.h"

#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QStandardPaths>

#include <set>

#include "CliCommon.h"
#include "walness/clinics/ClinicFetcher.h"
#include "walness/clinics/ClinicRanking.h"
#include "walness/clinics/ClinicStore.h"
#include "walness/clinics/GooglePlacesParser.h"
#include "walness/clinics/LocalDataParser.h"
#include "walness/clinics/OpeningHours.h"
#include "walness/clinics/OverpassParser.h"

namespace walness::cli {

using namespace walness::clinics;

namespace {

constexpr double kDefaultRadiusKm = 5;

std::optional<GeoPoint> parsePoint(const QString& text) {
  const QStringList parts = text.split(QLatin1Char(','));
  if (parts.size() != 2) return std::nullopt;
  bool latitudeOk = false, longitudeOk = false;
  const double latitude = parts[0].trimmed().toDouble(&latitudeOk);
  const double longitude = parts[1].trimmed().toDouble(&longitudeOk);
  if (!latitudeOk || !longitudeOk || latitude < -90 || latitude > 90 || longitude < -180 ||
      longitude > 180)
    return std::nullopt;
  return GeoPoint{latitude, longitude};
}

QString sourceName(ClinicSource source) {
  switch (source) {
    case ClinicSource::OpenStreetMap:
      return QStringLiteral("osm");
    case ClinicSource::GooglePlaces:
      return QStringLiteral("google");
    case ClinicSource::LocalData:
      return QStringLiteral("localdata");
  }
  return {};
}

QJsonValue openNowJson(OpenState state) {
  if (state == OpenState::Unknown) return QJsonValue::Null;
  return state == OpenState::Open;
}

QString defaultStorePath() {
  const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
  QDir().mkpath(folder);
  return folder + QStringLiteral("/clinics.sqlite");
}

Result<std::vector<Clinic>> readSavedResponse(const QString& provider, const QString& path) {
  if (provider == QLatin1String("localdata")) {
    auto import = readLocalDataFile(path);
    if (!import) return import.error();
    err() << QStringLiteral(
                 "%1: %2 clinics in business, %3 closed rows and %4 rows without "
                 "coordinates skipped.\n")
                 .arg(QFileInfo(path).fileName())
                 .arg(import->clinics.size())
                 .arg(import->closedRows)
                 .arg(import->rowsWithoutCoordinates);
    for (const std::string& warning : import->warnings)
      err() << QString::fromStdString(warning) << "\n";
    return std::move(import->clinics);
  }
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    return Error{path.toStdString() + ": cannot read (" + file.errorString().toStdString() + ")"};
  const QByteArray bytes = file.readAll();
  auto withPath = [&](const Error& error) {
    return Error{path.toStdString() + ": " + error.message};
  };
  if (provider == QLatin1String("google")) {
    auto page = parseGooglePlaces(bytes);
    if (!page) return withPath(page.error());
    return page->clinics;
  }
  auto clinics = parseOverpass(bytes, currentLocalTime());
  if (!clinics) return withPath(clinics.error());
  return clinics.value();
}

// One network search, waited for here: the CLI has nothing else to do meanwhile.
Result<std::vector<Clinic>> searchOnline(const QString& provider, const GeoPoint& origin,
                                         int radiusMeters, const QUrl& endpoint) {
  QNetworkAccessManager network;
  ClinicFetcher fetcher(&network);
  if (endpoint.isValid()) {
    ClinicFetcher::Endpoints endpoints;
    (provider == QLatin1String("google") ? endpoints.googleTextSearch : endpoints.overpass) =
        endpoint;
    fetcher.setEndpoints(endpoints);
  }
  QEventLoop loop;
  Result<std::vector<Clinic>> result = Error{"the search did not finish"};
  QObject::connect(&fetcher, &ClinicFetcher::clinicsFound, &loop,
                   [&](const std::vector<Clinic>& clinics) {
                     result = clinics;
                     loop.quit();
                   });
  QObject::connect(&fetcher, &ClinicFetcher::searchFailed, &loop, [&](const QString& message) {
    result = Error{message.toStdString()};
    loop.quit();
  });
  if (provider == QLatin1String("google"))
    fetcher.searchGooglePlaces(origin, radiusMeters,
                               qEnvironmentVariable("WALNESS_GOOGLE_API_KEY"));
  else
    fetcher.searchOpenStreetMap(origin, radiusMeters, currentLocalTime());
  loop.exec();
  return result;
}

void printTable(const std::vector<Clinic>& clinics, const GeoPoint& origin) {
  if (clinics.empty()) {
    out() << "No clinics found.\n";
    return;
  }
  int rank = 0;
  std::set<std::string> attributions;
  for (const Clinic& clinic : clinics) {
    const double km = haversineMeters(origin, {clinic.latitude, clinic.longitude}) / 1000.0;
    QString rating =
        clinic.rating
            ? QStringLiteral("★ %1 (%2)").arg(*clinic.rating, 0, 'f', 1).arg(clinic.ratingCount)
            : QStringLiteral("unrated");
    QString open = clinic.openNow == OpenState::Open     ? QStringLiteral("open")
                   : clinic.openNow == OpenState::Closed ? QStringLiteral("closed")
                                                         : QStringLiteral("hours unknown");
    if (clinic.emergency) open += QStringLiteral(", 24 h/emergency");
    out() << QStringLiteral("%1. %2\n   %3 km · %4 · %5")
                 .arg(++rank)
                 .arg(terminalSafe(clinic.name))
                 .arg(km, 0, 'f', 2)
                 .arg(rating, open);
    if (!clinic.phone.empty()) out() << " · " << terminalSafe(clinic.phone);
    out() << "\n";
    if (!clinic.address.empty()) out() << "   " << terminalSafe(clinic.address) << "\n";
    if (!clinic.attribution.empty()) attributions.insert(clinic.attribution);
  }
  for (const std::string& attribution : attributions)
    out() << "Data: " << terminalSafe(attribution) << "\n";
}

QJsonArray toJson(const std::vector<Clinic>& clinics, const GeoPoint& origin) {
  QJsonArray array;
  for (const Clinic& clinic : clinics) {
    const double km = haversineMeters(origin, {clinic.latitude, clinic.longitude}) / 1000.0;
    array.append(QJsonObject{
        {QStringLiteral("id"), QString::fromStdString(clinic.id)},
        {QStringLiteral("name"), QString::fromStdString(clinic.name)},
        {QStringLiteral("lat"), clinic.latitude},
        {QStringLiteral("lon"), clinic.longitude},
        {QStringLiteral("distance_km"), std::round(km * 1000.0) / 1000.0},
        {QStringLiteral("rating"), clinic.rating ? QJsonValue(*clinic.rating) : QJsonValue()},
        {QStringLiteral("rating_count"), clinic.ratingCount},
        {QStringLiteral("open_now"), openNowJson(clinic.openNow)},
        {QStringLiteral("emergency"), clinic.emergency},
        {QStringLiteral("address"), QString::fromStdString(clinic.address)},
        {QStringLiteral("phone"), QString::fromStdString(clinic.phone)},
        {QStringLiteral("source"), sourceName(clinic.source)},
        {QStringLiteral("attribution"), QString::fromStdString(clinic.attribution)}});
  }
  return array;
}

}  // namespace

int runClinics(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral(
      "Veterinary clinics near a point, nearest or best rated first. Only the point leaves this "
      "computer, and only for osm/google searches without --input. OpenStreetMap needs no key; "
      "Google Places reads its key from WALNESS_GOOGLE_API_KEY. Results of searches and imports "
      "are kept in the local store, which --provider cache reads offline."));
  parser.addHelpOption();
  const QCommandLineOption near =
      addOption(parser, "near", "The point, e.g. 37.5663,126.9779.", "lat,lon");
  const QCommandLineOption radius =
      addOption(parser, "radius",
                "Search radius in km (default 5; with --input only applied when given).", "km");
  const QCommandLineOption sort =
      addOption(parser, "sort", "distance or rating.", "order", "distance");
  const QCommandLineOption openNow =
      addOption(parser, "open-now", "Only clinics known to be open now.");
  const QCommandLineOption emergency =
      addOption(parser, "emergency", "Only 24-hour or emergency clinics.");
  const QCommandLineOption minRating =
      addOption(parser, "min-rating", "Only clinics rated at least this.", "stars");
  const QCommandLineOption limit = addOption(parser, "limit", "At most this many.", "n");
  const QCommandLineOption provider =
      addOption(parser, "provider", "osm, google, localdata or cache.", "name", "osm");
  const QCommandLineOption input =
      addOption(parser, "input",
                "Parse a saved provider response (osm, google) or a LOCALDATA CSV instead of "
                "using the network.",
                "file");
  const QCommandLineOption store =
      addOption(parser, "store", "The local clinic store (SQLite).", "file");
  const QCommandLineOption endpoint =
      addOption(parser, "endpoint",
                "Another server for the osm or google search, e.g. a private Overpass API "
                "instance.",
                "url");
  const QCommandLineOption json = addOption(parser, "json", "Print JSON.");
  if (const auto finished = parseOrFinish(parser, arguments)) return *finished;

  const auto origin = parsePoint(parser.value(near));
  if (!origin) {
    err() << "walness-cli clinics: give --near LAT,LON (e.g. --near 37.5663,126.9779).\n";
    return kExitUsage;
  }
  const QString providerName = parser.value(provider);
  if (!QStringList{"osm", "google", "localdata", "cache"}.contains(providerName)) {
    err() << "walness-cli clinics: --provider is osm, google, localdata or cache.\n";
    return kExitUsage;
  }
  const QString order = parser.value(sort);
  if (order != QLatin1String("distance") && order != QLatin1String("rating")) {
    err() << "walness-cli clinics: --sort is distance or rating.\n";
    return kExitUsage;
  }
  std::optional<double> radiusKm;
  if (parser.isSet(radius)) {
    bool ok = false;
    radiusKm = parser.value(radius).toDouble(&ok);
    if (!ok || *radiusKm <= 0 || *radiusKm > 100) {
      err() << "walness-cli clinics: --radius is a distance in km between 0 and 100.\n";
      return kExitUsage;
    }
  }
  ClinicFilter filter;
  filter.openNowOnly = parser.isSet(openNow);
  filter.emergencyOnly = parser.isSet(emergency);
  if (parser.isSet(minRating)) {
    bool ok = false;
    filter.minimumRating = parser.value(minRating).toDouble(&ok);
    if (!ok || *filter.minimumRating < 0 || *filter.minimumRating > 5) {
      err() << "walness-cli clinics: --min-rating is between 0 and 5.\n";
      return kExitUsage;
    }
  }
  int maximumCount = std::numeric_limits<int>::max();
  if (parser.isSet(limit)) {
    bool ok = false;
    maximumCount = parser.value(limit).toInt(&ok);
    if (!ok || maximumCount < 1) {
      err() << "walness-cli clinics: --limit is a positive number.\n";
      return kExitUsage;
    }
  }
  if (providerName == QLatin1String("localdata") && !parser.isSet(input)) {
    err() << "walness-cli clinics: LOCALDATA is a file download (localdata.go.kr, 동물병원); "
             "give it with --input FILE.\n";
    return kExitUsage;
  }
  if (providerName == QLatin1String("cache") && parser.isSet(input)) {
    err() << "walness-cli clinics: --input is for osm, google or localdata.\n";
    return kExitUsage;
  }

  const double searchRadiusKm = radiusKm.value_or(kDefaultRadiusKm);
  std::vector<Clinic> clinics;
  if (parser.isSet(input) || providerName != QLatin1String("cache")) {
    auto found = parser.isSet(input)
                     ? readSavedResponse(providerName, parser.value(input))
                     : searchOnline(providerName, *origin, int(searchRadiusKm * 1000),
                                    QUrl(parser.value(endpoint)));
    if (!found) {
      err() << "walness-cli clinics: " << QString::fromStdString(found.message()) << "\n";
      return parser.isSet(input) ? kExitBadInput : kExitFailure;
    }
    clinics = std::move(found.value());
  }
  // Searches and imports are kept; the store is only a cache, so failing to open it is a warning.
  const QString storePath = parser.isSet(store) ? parser.value(store) : defaultStorePath();
  auto opened = ClinicStore::open(storePath);
  if (providerName == QLatin1String("cache")) {
    if (!opened) {
      err() << "walness-cli clinics: " << QString::fromStdString(opened.message()) << "\n";
      return kExitFailure;
    }
    auto nearest =
        (*opened)->nearest(*origin, std::numeric_limits<int>::max() / 2, searchRadiusKm * 1000);
    if (!nearest) {
      err() << "walness-cli clinics: " << QString::fromStdString(nearest.message()) << "\n";
      return kExitFailure;
    }
    clinics = std::move(nearest.value());
  } else if (!opened) {
    err() << "walness-cli clinics: not cached: " << QString::fromStdString(opened.message())
          << "\n";
  } else if (const auto saved = (*opened)->upsert(clinics); !saved) {
    err() << "walness-cli clinics: not cached: " << QString::fromStdString(saved.message()) << "\n";
  }

  if (radiusKm && parser.isSet(input)) filter.maximumDistanceMeters = *radiusKm * 1000;
  clinics = mergeDuplicates(filterClinics(clinics, filter, *origin));
  clinics = order == QLatin1String("rating") ? sortByRating(std::move(clinics), *origin)
                                             : sortByDistance(std::move(clinics), *origin);
  if (int(clinics.size()) > maximumCount) clinics.resize(size_t(maximumCount));

  if (parser.isSet(json))
    out() << QJsonDocument(toJson(clinics, *origin)).toJson(QJsonDocument::Indented);
  else
    printTable(clinics, *origin);
  return kExitOk;
}

}  // namespace walness::cli
