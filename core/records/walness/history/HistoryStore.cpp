#include "walness/history/HistoryStore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <cmath>
#include <thread>

#include "walness/history/SqlSupport.h"

namespace walness::history {

using namespace sql;

HistoryStore::HistoryStore(StoreLocation location, QString connection)
    : location_(std::move(location)), connection_(std::move(connection)) {
}

HistoryStore::~HistoryStore() {
  QSqlDatabase::database(connection_, false).close();
  QSqlDatabase::removeDatabase(connection_);
}

Result<std::unique_ptr<HistoryStore>> HistoryStore::open(const StoreLocation& location) {
  const QString name =
      QStringLiteral("walness-history-") + QUuid::createUuid().toString(QUuid::Id128);
  std::unique_ptr<HistoryStore> store(new HistoryStore(location, name));
  const bool postgres = location.kind == StoreLocation::Kind::Postgres;
  const QString driver = postgres ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE");
  if (!QSqlDatabase::isDriverAvailable(driver))
    return Error{
        "history: the Qt SQL driver " + driver.toStdString() +
        " is not installed (Debian: " + (postgres ? "libqt6sql6-psql" : "libqt6sql6-sqlite") + ")"};
  QSqlDatabase db = QSqlDatabase::addDatabase(driver, name);
  if (postgres) {
    db.setHostName(location.host);
    db.setPort(location.port);
    db.setDatabaseName(location.database);
    db.setUserName(location.user);
    db.setPassword(location.password);
    db.setConnectOptions(QStringLiteral("connect_timeout=5;sslmode=") +
                         (StoreLocation::sslModes().contains(location.sslMode)
                              ? location.sslMode
                              : QStringLiteral("prefer")));
  } else {
    if (!QDir().mkpath(location.directory))
      return Error{"history: cannot create the folder " + location.directory.toStdString()};
    db.setDatabaseName(QDir(location.directory).filePath(QStringLiteral("history.sqlite")));
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=15000"));
  }
  if (!db.open())
    return Error{"history: cannot open " + location.describe().toStdString() + " (" +
                 db.lastError().text().toStdString() + ")"};
  if (auto configured = store->configureConnection(); !configured) return configured.error();
  if (auto migrated = store->migrate(); !migrated) return migrated.error();
  return store;
}

Status HistoryStore::configureConnection() {
  QSqlDatabase db = QSqlDatabase::database(connection_, false);
  QSqlQuery query(db);
  if (postgres()) {
    query.exec(QStringLiteral("SET client_min_messages = warning"));
    return Ok{};
  }
  // WAL lets readers and a writer work at once; FULL sync makes each commit survive power loss.
  if (!query.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !query.next() ||
      query.value(0).toString() != QLatin1String("wal"))
    return Error{"history: " + location_.directory.toStdString() +
                 " does not support SQLite's write-ahead log"};
  query.exec(QStringLiteral("PRAGMA synchronous=FULL"));
  query.exec(QStringLiteral("PRAGMA foreign_keys=ON"));
  return Ok{};
}

HistoryStore::Link HistoryStore::link() {
  QSqlDatabase db = QSqlDatabase::database(connection_, false);
  const auto canWrite = [&] {
    if (!db.isOpen()) return false;
    QSqlQuery query(db);
    if (postgres()) return query.exec(QStringLiteral("SELECT 1"));
    // SQLite: the write lock can be taken, and the photo folder takes files.
    if (!query.exec(QStringLiteral("BEGIN IMMEDIATE"))) return false;
    query.exec(QStringLiteral("ROLLBACK"));
    const QFileInfo photos(location_.directory + QStringLiteral("/photos"));
    return !photos.exists() || (photos.isDir() && photos.isWritable());
  };
  if (canWrite()) return Link::Fine;
  // A connection the server dropped (a restart) stays broken: open a new one.
  db.close();
  return db.open() && configureConnection() && canWrite() ? Link::Restored : Link::Down;
}

template <class T>
Result<T> HistoryStore::retrying(const std::function<Result<T>()>& attempt) {
  QElapsedTimer clock;
  clock.start();
  std::chrono::milliseconds delay{250};
  bool retriedAfterReconnect = false;
  for (int attempts = 1;; ++attempts) {
    Result<T> result = attempt();
    if (result) return result;
    const Link state = link();
    // Connected and writable, yet refused: a real refusal (no such pet), not to be retried.
    if (state == Link::Fine) return result;
    const std::chrono::milliseconds spent{clock.elapsed()};
    // Reconnected: try again at once (past the window, once).
    if (state == Link::Restored && (spent < retryWindow_ || !retriedAfterReconnect)) {
      retriedAfterReconnect = spent >= retryWindow_;
      continue;
    }
    if (spent >= retryWindow_)
      return Error{
          result.message() + " (" + location_.describe().toStdString() + " could not be written" +
          (attempts == 1
               ? std::string()
               : "; tried " + std::to_string(attempts) + " times over " +
                     std::to_string(int(std::lround(double(spent.count()) / 1000.0))) + " s") +
          ")"};
    std::this_thread::sleep_for(std::min(delay, retryWindow_ - spent));
    delay = std::min(delay * 2, std::chrono::milliseconds{4000});
  }
}

template Result<Confirmation> HistoryStore::retrying<Confirmation>(
    const std::function<Result<Confirmation>()>&);
template Result<std::vector<int64_t>> HistoryStore::retrying<std::vector<int64_t>>(
    const std::function<Result<std::vector<int64_t>>()>&);

Result<QString> HistoryStore::integrityCheck() const {
  if (postgres()) return QStringLiteral("ok");
  QSqlQuery query(QSqlDatabase::database(connection_));
  if (!query.exec(QStringLiteral("PRAGMA integrity_check")))
    return Error{sqlError(query.lastError())};
  QStringList lines;
  while (query.next()) lines << query.value(0).toString();
  return lines.join(QLatin1Char('\n'));
}

}  // namespace walness::history
