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

void addClinicsOptions(QCommandLineParser& parser) {
  parser.setApplicationDescription(QStringLiteral(
      "Veterinary clinics near a point, nearest or best rated first. Only the point leaves this "
      "computer, and only for osm/google searches without --input. OpenStreetMap needs no key; "
      "Google Places reads its key from WALNESS_GOOGLE_API_KEY. Results of searches and imports "
      "are kept in the local store, which --provider cache reads offline."));
  parser.addHelpOption();
  addOption(parser, "near", "The point, e.g. 37.5663,126.9779.", "lat,lon");
  addOption(parser, "radius",
            "Search radius in km (default 5; with --input only applied when given).", "km");
  addOption(parser, "sort", "distance or rating.", "order", "distance");
  addOption(parser, "open-now", "Only clinics known to be open now.");
  addOption(parser, "emergency", "Only 24-hour or emergency clinics.");
  addOption(parser, "min-rating", "Only clinics rated at least this.", "stars");
  addOption(parser, "limit", "At most this many.", "n");
  addOption(parser, "provider", "osm, google, localdata or cache.", "name", "osm");
  addOption(parser, "input",
            "Parse a saved provider response (osm, google) or a LOCALDATA CSV instead of "
            "using the network.",
            "file");
  addOption(parser, "store", "The local clinic store (SQLite).", "file");
  addOption(parser, "endpoint",
            "Another server for the osm or google search, e.g. a private Overpass API "
            "instance.",
            "url");
  addOption(parser, "json", "Print JSON.");
}

// What `clinics` was told, checked.
struct ClinicsSettings {
  GeoPoint origin;
  QString provider;
  QString order;
  std::optional<double> radiusKm;
  ClinicFilter filter;
  int maximumCount = std::numeric_limits<int>::max();
  std::optional<QString> input;
  std::optional<QString> store;
  QUrl endpoint;
  bool json = false;

  double searchRadiusKm() const { return radiusKm.value_or(kDefaultRadiusKm); }
};

// --radius, --min-rating and --limit; every error is a usage error.
Status readClinicsLimits(const QCommandLineParser& parser, ClinicsSettings& settings) {
  const auto value = [&](const char* name) { return parser.value(QLatin1String(name)); };
  const auto given = [&](const char* name) { return parser.isSet(QLatin1String(name)); };
  bool ok = false;
  if (given("radius")) {
    settings.radiusKm = value("radius").toDouble(&ok);
    if (!ok || *settings.radiusKm <= 0 || *settings.radiusKm > 100)
      return badInputError(QStringLiteral("--radius is a distance in km between 0 and 100."));
  }
  settings.filter.openNowOnly = given("open-now");
  settings.filter.emergencyOnly = given("emergency");
  if (given("min-rating")) {
    settings.filter.minimumRating = value("min-rating").toDouble(&ok);
    if (!ok || *settings.filter.minimumRating < 0 || *settings.filter.minimumRating > 5)
      return badInputError(QStringLiteral("--min-rating is between 0 and 5."));
  }
  if (given("limit")) {
    settings.maximumCount = value("limit").toInt(&ok);
    if (!ok || settings.maximumCount < 1)
      return badInputError(QStringLiteral("--limit is a positive number."));
  }
  return Ok{};
}

// The options in the order they are checked; every error is a usage error.
Result<ClinicsSettings> readClinicsSettings(const QCommandLineParser& parser) {
  const auto value = [&](const char* name) { return parser.value(QLatin1String(name)); };
  const auto given = [&](const char* name) {
    return parser.isSet(QLatin1String(name)) ? std::optional<QString>(value(name)) : std::nullopt;
  };
  ClinicsSettings settings;
  const auto origin = parsePoint(value("near"));
  if (!origin)
    return badInputError(QStringLiteral("give --near LAT,LON (e.g. --near 37.5663,126.9779)."));
  settings.origin = *origin;
  settings.provider = value("provider");
  if (!QStringList{"osm", "google", "localdata", "cache"}.contains(settings.provider))
    return badInputError(QStringLiteral("--provider is osm, google, localdata or cache."));
  settings.order = value("sort");
  if (settings.order != QLatin1String("distance") && settings.order != QLatin1String("rating"))
    return badInputError(QStringLiteral("--sort is distance or rating."));
  if (auto limits = readClinicsLimits(parser, settings); !limits) return limits.error();
  settings.input = given("input");
  if (settings.provider == QLatin1String("localdata") && !settings.input)
    return badInputError(QStringLiteral(
        "LOCALDATA is a file download (localdata.go.kr, 동물병원); give it with --input FILE."));
  if (settings.provider == QLatin1String("cache") && settings.input)
    return badInputError(QStringLiteral("--input is for osm, google or localdata."));
  settings.store = given("store");
  settings.endpoint = QUrl(value("endpoint"));
  settings.json = parser.isSet(QStringLiteral("json"));
  return settings;
}

// The clinics of --input (an unreadable file is BadInput) or of the search (a Failure).
Result<std::vector<Clinic>> fetchClinics(const ClinicsSettings& settings) {
  auto found = settings.input
                   ? readSavedResponse(settings.provider, *settings.input)
                   : searchOnline(settings.provider, settings.origin,
                                  int(settings.searchRadiusKm() * 1000), settings.endpoint);
  if (!found)
    return Error{found.message(), settings.input ? ErrorKind::BadInput : ErrorKind::Failure};
  return found;
}

// With --provider cache, the stored clinics near the point (a store that fails is a Failure);
// else `fetched`, kept in the store. The store is only a cache: failing to keep them is a warning.
Result<std::vector<Clinic>> keepOrReadCached(const ClinicsSettings& settings,
                                             std::vector<Clinic> fetched) {
  auto opened = ClinicStore::open(settings.store ? *settings.store : defaultStorePath());
  if (settings.provider == QLatin1String("cache")) {
    if (!opened) return Error{opened.message(), ErrorKind::Failure};
    auto nearest = (*opened)->nearest(settings.origin, std::numeric_limits<int>::max() / 2,
                                      settings.searchRadiusKm() * 1000);
    if (!nearest) return Error{nearest.message(), ErrorKind::Failure};
    return nearest;
  }
  if (!opened)
    err() << "walness-cli clinics: not cached: " << QString::fromStdString(opened.message())
          << "\n";
  else if (const auto saved = (*opened)->upsert(fetched); !saved)
    err() << "walness-cli clinics: not cached: " << QString::fromStdString(saved.message()) << "\n";
  return fetched;
}

// Filtered, merged, sorted and cut to --limit.
std::vector<Clinic> rankClinics(const ClinicsSettings& settings, std::vector<Clinic> clinics) {
  ClinicFilter filter = settings.filter;
  if (settings.radiusKm && settings.input) filter.maximumDistanceMeters = *settings.radiusKm * 1000;
  clinics = mergeDuplicates(filterClinics(clinics, filter, settings.origin));
  clinics = settings.order == QLatin1String("rating")
                ? sortByRating(std::move(clinics), settings.origin)
                : sortByDistance(std::move(clinics), settings.origin);
  if (int(clinics.size()) > settings.maximumCount) clinics.resize(size_t(settings.maximumCount));
  return clinics;
}

}  // namespace

int runClinics(const QStringList& arguments) {
  const QString command = QStringLiteral("walness-cli clinics");
  QCommandLineParser parser;
  addClinicsOptions(parser);
  if (const auto finished = parseOrFinish(parser, arguments)) return *finished;
  const auto settings = readClinicsSettings(parser);
  if (!settings) return reportFailure(command, settings.error(), kExitUsage);
  std::vector<Clinic> fetched;
  if (settings->input || settings->provider != QLatin1String("cache")) {
    auto found = fetchClinics(*settings);
    if (!found) return reportFailure(command, found.error());
    fetched = std::move(*found);
  }
  auto kept = keepOrReadCached(*settings, std::move(fetched));
  if (!kept) return reportFailure(command, kept.error());
  const std::vector<Clinic> clinics = rankClinics(*settings, std::move(*kept));
  if (settings->json)
    out() << QJsonDocument(toJson(clinics, settings->origin)).toJson(QJsonDocument::Indented);
  else
    printTable(clinics, settings->origin);
  return kExitOk;
}

}  // namespace walness::cli
