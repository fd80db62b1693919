#include "walness/clinics/Directions.h"

#include <QUrlQuery>

namespace walness::clinics {

namespace {
QString coordinate(double value) {
  return QString::number(value, 'f', 6);
}
}  // namespace

QUrl directionsUrl(DirectionsService service, const GeoPoint& from, const Clinic& clinic) {
  const QString fromText =
      coordinate(from.latitude) + QLatin1Char(',') + coordinate(from.longitude);
  const QString toText =
      coordinate(clinic.latitude) + QLatin1Char(',') + coordinate(clinic.longitude);
  QUrl url;
  QUrlQuery query;
  switch (service) {
    case DirectionsService::OpenStreetMap:
      url = QUrl(QStringLiteral("https://www.openstreetmap.org/directions"));
      query.addQueryItem(QStringLiteral("engine"), QStringLiteral("fossgis_osrm_car"));
      query.addQueryItem(QStringLiteral("route"), fromText + QLatin1Char(';') + toText);
      break;
    case DirectionsService::Kakao: {
      // Kakao Map's link format: /link/to/NAME,LAT,LON (commas in the name would split it). The
      // name comes from a server: percent-encoded as one path segment, so "/", "?", "#" or ".."
      // in it cannot change where the link goes.
      QString name = QString::fromStdString(clinic.name);
      name.replace(QLatin1Char(','), QLatin1Char(' '));
      return QUrl::fromEncoded("https://map.kakao.com/link/to/" + QUrl::toPercentEncoding(name) +
                                   ',' + toText.toLatin1(),
                               QUrl::StrictMode);
    }
    case DirectionsService::Google:
      url = QUrl(QStringLiteral("https://www.google.com/maps/dir/"));
      query.addQueryItem(QStringLiteral("api"), QStringLiteral("1"));
      query.addQueryItem(QStringLiteral("origin"), fromText);
      query.addQueryItem(QStringLiteral("destination"), toText);
      break;
  }
  url.setQuery(query);
  return url;
}

QUrl phoneUrl(const Clinic& clinic) {
  QString digits;
  for (const QChar c : QString::fromStdString(clinic.phone)) {
    if (c.isDigit() || (c == QLatin1Char('+') && digits.isEmpty())) digits += c;
  }
  if (digits.isEmpty()) return {};
  return QUrl(QStringLiteral("tel:") + digits);
}

}  // namespace walness::clinics
