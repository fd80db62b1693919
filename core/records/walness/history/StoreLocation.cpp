#include "walness/history/StoreLocation.h"

#include <QDir>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrl>
#include <QUrlQuery>

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

const QStringList& StoreLocation::sslModes() {
  static const QStringList modes{QStringLiteral("disable"),   QStringLiteral("allow"),
                                 QStringLiteral("prefer"),    QStringLiteral("require"),
                                 QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
  return modes;
}

namespace {
// The text with anything between "user:" and "@" blanked, for messages.
std::string withoutPassword(const QString& text) {
  static const QRegularExpression password(QStringLiteral("(://[^/@:]*):[^@/]*@"));
  QString shown = text;
  shown.replace(password, QStringLiteral("\\1:***@"));
  return shown.toStdString();
}
}  // namespace

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
  if (!url.password().isEmpty() || withoutPassword(trimmed) != trimmed.toStdString())
    return Error{"'" + withoutPassword(trimmed) +
                 "' holds a password, which every user of this computer could read from the "
                 "command line; leave it out and put it in ~/.pgpass "
                 "(host:port:database:user:password, mode 0600) or PGPASSWORD"};
  location.password = qEnvironmentVariable("PGPASSWORD");
  const QUrlQuery query(url);
  for (const auto& [key, value] : query.queryItems(QUrl::FullyDecoded)) {
    if (key != QLatin1String("sslmode"))
      return Error{"'" + withoutPassword(trimmed) + "': unknown setting '" + key.toStdString() +
                   "' (only sslmode is understood)"};
    if (!sslModes().contains(value))
      return Error{"'" + withoutPassword(trimmed) + "': sslmode must be one of " +
                   sslModes().join(QStringLiteral(", ")).toStdString()};
    location.sslMode = value;
  }
  if (!url.isValid() || location.host.isEmpty() || location.database.isEmpty() ||
      location.user.isEmpty())
    return Error{"'" + withoutPassword(trimmed) +
                 "' is not postgresql://user@host[:port]/database[?sslmode=require]"};
  return location;
}

QString StoreLocation::describe() const {
  if (kind == Kind::Sqlite) return directory;
  QString text = QStringLiteral("postgresql://%1@%2:%3/%4").arg(user, host).arg(port).arg(database);
  if (sslMode != QLatin1String("prefer")) text += QStringLiteral("?sslmode=") + sslMode;
  return text;
}

}  // namespace walness::history
