#include "walness/clinics/OverpassParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <cmath>

namespace walness::clinics {

namespace {
QString tag(const QJsonObject& tags, const char* key) {
  return tags.value(QLatin1String(key)).toString().trimmed();
}

QString firstTag(const QJsonObject& tags, std::initializer_list<const char*> keys) {
  for (const char* key : keys)
    if (QString value = tag(tags, key); !value.isEmpty()) return value;
  return {};
}

QString addressOf(const QJsonObject& tags) {
  if (QString full = tag(tags, "addr:full"); !full.isEmpty()) return full;
  QStringList parts;
  for (const char* key : {"addr:province", "addr:city", "addr:district", "addr:street"})
    if (QString value = tag(tags, key); !value.isEmpty()) parts << value;
  QString address = parts.join(QLatin1Char(' '));
  if (QString number = tag(tags, "addr:housenumber"); !number.isEmpty())
    address += (address.isEmpty() ? QString() : QStringLiteral(" ")) + number;
  return address;
}
}  // namespace

QByteArray overpassVeterinaryQuery(double latitude, double longitude, int radiusMeters) {
  return QStringLiteral(
             "[out:json][timeout:25];nwr[\"amenity\"=\"veterinary\"](around:%1,%2,%3);out center "
             "tags;")
      .arg(radiusMeters)
      .arg(latitude, 0, 'f', 6)
      .arg(longitude, 0, 'f', 6)
      .toUtf8();
}

Result<std::vector<Clinic>> parseOverpass(const QByteArray& json, const LocalTime& now) {
  QJsonParseError parseError;
  const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
  if (parseError.error != QJsonParseError::NoError || !document.isObject())
    return Error{"OpenStreetMap (Overpass) answered with something that is not JSON (" +
                 parseError.errorString().toStdString() + ")"};
  const QJsonObject root = document.object();
  if (!root.value(QLatin1String("elements")).isArray()) {
    const QString remark = root.value(QLatin1String("remark")).toString();
    return Error{"OpenStreetMap (Overpass) sent no results" +
                 (remark.isEmpty() ? std::string() : ": " + remark.toStdString())};
  }
  std::vector<Clinic> clinics;
  for (const QJsonValue& value : root.value(QLatin1String("elements")).toArray()) {
    const QJsonObject element = value.toObject();
    const QJsonObject tags = element.value(QLatin1String("tags")).toObject();
    const QJsonObject point = element.contains(QLatin1String("center"))
                                  ? element.value(QLatin1String("center")).toObject()
                                  : element;
    const QJsonValue lat = point.value(QLatin1String("lat"));
    const QJsonValue lon = point.value(QLatin1String("lon"));
    if (!lat.isDouble() || !lon.isDouble() || std::abs(lat.toDouble()) > 90 ||
        std::abs(lon.toDouble()) > 180)
      continue;
    Clinic clinic;
    clinic.source = ClinicSource::OpenStreetMap;
    clinic.attribution = "OpenStreetMap contributors";
    clinic.id = "osm:" + element.value(QLatin1String("type")).toString().toStdString() + "/" +
                QString::number(element.value(QLatin1String("id")).toInteger()).toStdString();
    clinic.name = firstTag(tags, {"name", "name:ko", "name:en"}).toStdString();
    if (clinic.name.empty()) clinic.name = "Veterinary clinic";
    clinic.latitude = lat.toDouble();
    clinic.longitude = lon.toDouble();
    clinic.address = addressOf(tags).toStdString();
    clinic.phone = firstTag(tags, {"phone", "contact:phone"}).toStdString();
    clinic.website = firstTag(tags, {"website", "contact:website"}).toStdString();
    clinic.openingHours = tag(tags, "opening_hours").toStdString();
    clinic.openNow = evaluateOpeningHours(clinic.openingHours, now);
    clinic.emergency =
        tag(tags, "emergency") == QLatin1String("yes") || isAlwaysOpen(clinic.openingHours);
    clinics.push_back(std::move(clinic));
  }
  return clinics;
}

}  // namespace walness::clinics
