#include "history/StoreLocation.h"

#include <QDir>
#include <QStandardPaths>
#include <QUrl>

namespace walness::history {

StoreLocation StoreLocation::defaultLocal() {
  return local(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
               QStringLiteral("/walness/history"));
}

StoreLocation StoreLocation::local(const QString& directory) {
  StoreLocation location;
  location.directory = QDir::cleanPath(directory);
  return location;
}

Result<StoreLocation> StoreLocation::parse(const QString& text) {
  const QString trimmed = text.trimmed();
  if (trimmed.isEmpty()) return Error{"no history location given"};
  if (!trimmed.startsWith(QLatin1String("postgresql://")) &&
      !trimmed.startsWith(QLatin1String("postgres://")))
    return local(trimmed);
  const QUrl url(trimmed, QUrl::StrictMode);
  StoreLocation location;
  location.kind = Kind::Postgres;
  location.host = url.host();
  location.port = url.port(5432);
  location.database = url.path().mid(1);
  location.user = url.userName();
  location.password = url.password();
  if (location.password.isEmpty()) location.password = qEnvironmentVariable("PGPASSWORD");
  if (!url.isValid() || location.host.isEmpty() || location.database.isEmpty() ||
      location.user.isEmpty())
    return Error{"'" + trimmed.toStdString() + "' is not postgresql://user@host[:port]/database"};
  return location;
}

QString StoreLocation::describe() const {
  if (kind == Kind::Sqlite) return directory;
  return QStringLiteral("postgresql://%1@%2:%3/%4").arg(user, host).arg(port).arg(database);
}

}  // namespace walness::history
