#include "walness/clinics/ClinicStore.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <algorithm>
#include <cmath>

namespace walness::clinics {

namespace {

constexpr int kSchemaVersion = 1;
constexpr double kMetersPerDegreeLatitude = 111'320.0;

std::string sqlError(const QSqlError& error) {
  return error.text().toStdString();
}

Clinic clinicFrom(const QSqlQuery& query) {
  Clinic clinic;
  clinic.id = query.value(0).toString().toStdString();
  clinic.name = query.value(1).toString().toStdString();
  clinic.latitude = query.value(2).toDouble();
  clinic.longitude = query.value(3).toDouble();
  clinic.address = query.value(4).toString().toStdString();
  clinic.phone = query.value(5).toString().toStdString();
  clinic.website = query.value(6).toString().toStdString();
  if (!query.value(7).isNull()) clinic.rating = query.value(7).toDouble();
  clinic.ratingCount = query.value(8).toInt();
  clinic.openingHours = query.value(9).toString().toStdString();
  clinic.openNow = static_cast<OpenState>(query.value(10).toInt());
  clinic.emergency = query.value(11).toBool();
  clinic.businessStatus = query.value(12).toString().toStdString();
  clinic.source = static_cast<ClinicSource>(query.value(13).toInt());
  clinic.attribution = query.value(14).toString().toStdString();
  clinic.savedAt = query.value(15).toString().toStdString();
  return clinic;
}

const char* kColumns =
    "c.id, c.name, c.latitude, c.longitude, c.address, c.phone, c.website, c.rating, "
    "c.rating_count, c.opening_hours, c.open_now, c.emergency, c.business_status, c.source, "
    "c.attribution, c.updated_at";

}  // namespace

ClinicStore::ClinicStore(QString connectionName) : connection_(std::move(connectionName)) {
}

ClinicStore::~ClinicStore() {
  QSqlDatabase::database(connection_, false).close();
  QSqlDatabase::removeDatabase(connection_);
}

Result<std::unique_ptr<ClinicStore>> ClinicStore::open(const QString& path) {
  const QString name =
      QStringLiteral("walness-clinics-") + QUuid::createUuid().toString(QUuid::Id128);
  std::unique_ptr<ClinicStore> store(new ClinicStore(name));
  QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
  db.setDatabaseName(path);
  if (!db.open())
    return Error{path.toStdString() +
                 ": cannot open the clinic store: " + sqlError(db.lastError())};
  QSqlQuery query(db);
  for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON"})
    query.exec(QLatin1String(pragma));
  query.exec(QStringLiteral("PRAGMA user_version"));
  const int version = query.next() ? query.value(0).toInt() : 0;
  if (version > kSchemaVersion)
    return Error{path.toStdString() + ": the clinic store was written by a newer Walness"};
  if (version < kSchemaVersion) {
    db.transaction();
    const char* statements[] = {
        "CREATE TABLE IF NOT EXISTS clinics (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, "
        "name TEXT NOT NULL, latitude REAL NOT NULL, longitude REAL NOT NULL, address TEXT, "
        "phone TEXT, website TEXT, rating REAL, rating_count INTEGER NOT NULL DEFAULT 0, "
        "opening_hours TEXT, open_now INTEGER NOT NULL DEFAULT 2, emergency INTEGER NOT NULL "
        "DEFAULT 0, business_status TEXT, source INTEGER NOT NULL, attribution TEXT, "
        "updated_at TEXT NOT NULL DEFAULT (datetime('now')))",
        "CREATE VIRTUAL TABLE IF NOT EXISTS clinic_locations USING rtree(rowid, min_lat, max_lat, "
        "min_lon, max_lon)",
        "PRAGMA user_version = 1"};
    for (const char* statement : statements) {
      if (!query.exec(QLatin1String(statement))) {
        const std::string why = sqlError(query.lastError());
        db.rollback();
        return Error{path.toStdString() + ": cannot create the clinic store (" + why + ")"};
      }
    }
    if (!db.commit()) return Error{path.toStdString() + ": " + sqlError(db.lastError())};
  }
  return store;
}

Status ClinicStore::upsert(const std::vector<Clinic>& clinics) {
  QSqlDatabase db = QSqlDatabase::database(connection_);
  if (!db.transaction()) return Error{"clinic store: " + sqlError(db.lastError())};
  QSqlQuery upsert(db), locate(db), rowOf(db);
  upsert.prepare(QStringLiteral(
      "INSERT INTO clinics (id, name, latitude, longitude, address, phone, website, rating, "
      "rating_count, opening_hours, open_now, emergency, business_status, source, attribution) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
      "name=excluded.name, latitude=excluded.latitude, longitude=excluded.longitude, "
      "address=excluded.address, phone=excluded.phone, website=excluded.website, "
      "rating=excluded.rating, rating_count=excluded.rating_count, "
      "opening_hours=excluded.opening_hours, open_now=excluded.open_now, "
      "emergency=excluded.emergency, business_status=excluded.business_status, "
      "source=excluded.source, attribution=excluded.attribution, updated_at=datetime('now')"));
  rowOf.prepare(QStringLiteral("SELECT rowid FROM clinics WHERE id = ?"));
  locate.prepare(QStringLiteral(
      "INSERT OR REPLACE INTO clinic_locations (rowid, min_lat, max_lat, min_lon, max_lon) "
      "VALUES (?, ?, ?, ?, ?)"));
  for (const Clinic& clinic : clinics) {
    const QVariantList values = {
        QString::fromStdString(clinic.id),
        QString::fromStdString(clinic.name),
        clinic.latitude,
        clinic.longitude,
        QString::fromStdString(clinic.address),
        QString::fromStdString(clinic.phone),
        QString::fromStdString(clinic.website),
        clinic.rating ? QVariant(*clinic.rating) : QVariant(QMetaType(QMetaType::Double)),
        clinic.ratingCount,
        QString::fromStdString(clinic.openingHours),
        int(clinic.openNow),
        clinic.emergency ? 1 : 0,
        QString::fromStdString(clinic.businessStatus),
        int(clinic.source),
        QString::fromStdString(clinic.attribution)};
    for (int i = 0; i < values.size(); ++i) upsert.bindValue(i, values[i]);
    rowOf.bindValue(0, QString::fromStdString(clinic.id));
    bool ok = upsert.exec() && rowOf.exec() && rowOf.next();
    if (ok) {
      locate.bindValue(0, rowOf.value(0));
      locate.bindValue(1, clinic.latitude);
      locate.bindValue(2, clinic.latitude);
      locate.bindValue(3, clinic.longitude);
      locate.bindValue(4, clinic.longitude);
      ok = locate.exec();
    }
    rowOf.finish();
    if (!ok) {
      const std::string why = sqlError(upsert.lastError()) + sqlError(locate.lastError());
      db.rollback();
      return Error{"clinic store: could not save \"" + clinic.name + "\" (" + why + ")"};
    }
  }
  if (!db.commit()) return Error{"clinic store: " + sqlError(db.lastError())};
  return Ok{};
}

Result<std::vector<Clinic>> ClinicStore::nearest(const GeoPoint& origin, int count,
                                                 double maximumMeters) const {
  QSqlDatabase db = QSqlDatabase::database(connection_);
  QSqlQuery query(db);
  query.prepare(QStringLiteral(
                    "SELECT %1 FROM clinic_locations l JOIN clinics c ON c.rowid = l.rowid "
                    "WHERE l.max_lat >= ? AND l.min_lat <= ? AND l.max_lon >= ? AND l.min_lon <= ?")
                    .arg(QLatin1String(kColumns)));
  // Grow a box around the origin until it holds `count` clinics whose distance is within the
  // box's inner radius: then no clinic outside the box can be nearer.
  for (double radius = std::min(1000.0, maximumMeters);;
       radius = std::min(radius * 2, maximumMeters)) {
    const double dLat = radius / kMetersPerDegreeLatitude;
    const double dLon = radius / (kMetersPerDegreeLatitude *
                                  std::max(0.01, std::cos(origin.latitude * M_PI / 180.0)));
    query.bindValue(0, origin.latitude - dLat);
    query.bindValue(1, origin.latitude + dLat);
    query.bindValue(2, origin.longitude - dLon);
    query.bindValue(3, origin.longitude + dLon);
    if (!query.exec()) return Error{"clinic store: " + sqlError(query.lastError())};
    std::vector<std::pair<double, Clinic>> found;
    while (query.next()) {
      Clinic clinic = clinicFrom(query);
      const double distance = haversineMeters(origin, {clinic.latitude, clinic.longitude});
      if (distance <= radius) found.emplace_back(distance, std::move(clinic));
    }
    if (int(found.size()) >= count || radius >= maximumMeters) {
      std::sort(found.begin(), found.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      std::vector<Clinic> result;
      for (size_t i = 0; i < found.size() && int(i) < count; ++i)
        result.push_back(std::move(found[i].second));
      return result;
    }
  }
}

int ClinicStore::size() const {
  QSqlQuery query(QSqlDatabase::database(connection_));
  return query.exec(QStringLiteral("SELECT count(*) FROM clinics")) && query.next()
             ? query.value(0).toInt()
             : 0;
}

}  // namespace walness::clinics
