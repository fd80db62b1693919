#include "walness/clinics/GooglePlacesParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace walness::clinics {

namespace {
const char* kAttribution = "Powered by Google";
}

Result<GooglePlacesPage> parseGooglePlaces(const QByteArray& json) {
  QJsonParseError parseError;
  const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
  if (parseError.error != QJsonParseError::NoError || !document.isObject())
    return Error{"Google Places answered with something that is not JSON (" +
                 parseError.errorString().toStdString() + ")"};
  const QJsonObject root = document.object();
  const QString status = root.value(QLatin1String("status")).toString();
  GooglePlacesPage page;
  if (status == QLatin1String("ZERO_RESULTS")) return page;
  if (status != QLatin1String("OK")) {
    std::string message = "Google Places refused the search (" +
                          (status.isEmpty() ? std::string("no status") : status.toStdString()) +
                          ")";
    const QString detail = root.value(QLatin1String("error_message")).toString();
    if (!detail.isEmpty()) message += ": " + detail.toStdString();
    if (status == QLatin1String("REQUEST_DENIED")) message += ". Check the API key in Settings.";
    return Error{message};
  }
  page.nextPageToken = root.value(QLatin1String("next_page_token")).toString().toStdString();
  for (const QJsonValue& attribution : root.value(QLatin1String("html_attributions")).toArray())
    page.htmlAttributions.push_back(attribution.toString().toStdString());

  for (const QJsonValue& value : root.value(QLatin1String("results")).toArray()) {
    const QJsonObject result = value.toObject();
    const QJsonObject location = result.value(QLatin1String("geometry"))
                                     .toObject()
                                     .value(QLatin1String("location"))
                                     .toObject();
    const QJsonValue lat = location.value(QLatin1String("lat"));
    const QJsonValue lng = location.value(QLatin1String("lng"));
    const QString name = result.value(QLatin1String("name")).toString().trimmed();
    if (name.isEmpty() || !lat.isDouble() || !lng.isDouble()) continue;
    if (std::abs(lat.toDouble()) > 90 || std::abs(lng.toDouble()) > 180) continue;
    Clinic clinic;
    clinic.source = ClinicSource::GooglePlaces;
    clinic.attribution = kAttribution;
    clinic.id = "google:" + result.value(QLatin1String("place_id")).toString().toStdString();
    clinic.name = name.toStdString();
    clinic.latitude = lat.toDouble();
    clinic.longitude = lng.toDouble();
    clinic.address = result.value(QLatin1String("formatted_address"))
                         .toString(result.value(QLatin1String("vicinity")).toString())
                         .toStdString();
    clinic.businessStatus = result.value(QLatin1String("business_status")).toString().toStdString();
    if (clinic.businessStatus == "CLOSED_PERMANENTLY") continue;
    const QJsonValue rating = result.value(QLatin1String("rating"));
    const int reviews = result.value(QLatin1String("user_ratings_total")).toInt();
    // Google reports 0 for places nobody rated: that is "no rating", not a bad one.
    if (rating.isDouble() && reviews > 0 && rating.toDouble() >= 0 && rating.toDouble() <= 5) {
      clinic.rating = rating.toDouble();
      clinic.ratingCount = reviews;
    }
    const QJsonValue openNow =
        result.value(QLatin1String("opening_hours")).toObject().value(QLatin1String("open_now"));
    if (openNow.isBool()) clinic.openNow = openNow.toBool() ? OpenState::Open : OpenState::Closed;
    if (clinic.businessStatus == "CLOSED_TEMPORARILY") clinic.openNow = OpenState::Closed;
    page.clinics.push_back(std::move(clinic));
  }
  return page;
}

}  // namespace walness::clinics
