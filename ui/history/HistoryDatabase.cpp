#include "ui/history/HistoryDatabase.h"

#include <QFutureWatcher>
#include <QSettings>
#include <QTcpSocket>
#include <QtConcurrent/QtConcurrentRun>

namespace walness::ui {

namespace {
const auto kKindKey = QStringLiteral("history/kind");
const auto kFolderKey = QStringLiteral("history/folder");
const auto kHostKey = QStringLiteral("history/host");
const auto kPortKey = QStringLiteral("history/port");
const auto kDatabaseKey = QStringLiteral("history/database");
const auto kUserKey = QStringLiteral("history/user");
const auto kSslModeKey = QStringLiteral("history/sslmode");
}  // namespace

HistoryDatabase::HistoryDatabase(QObject* parent) : QObject(parent) {
}

HistoryDatabase::~HistoryDatabase() = default;

history::StoreLocation HistoryDatabase::savedLocation() {
  QSettings settings;
  if (settings.value(kKindKey).toString() == QLatin1String("postgresql")) {
    history::StoreLocation location;
    location.kind = history::StoreLocation::Kind::Postgres;
    location.host = settings.value(kHostKey).toString();
    location.port = settings.value(kPortKey, 5432).toInt();
    location.database = settings.value(kDatabaseKey).toString();
    location.user = settings.value(kUserKey).toString();
    const QString sslMode = settings.value(kSslModeKey, QStringLiteral("prefer")).toString();
    if (history::StoreLocation::sslModes().contains(sslMode)) location.sslMode = sslMode;
    // The password is never saved by Walness: libpq reads it from ~/.pgpass (pgpass.conf on
    // Windows) or PGPASSWORD, as for every PostgreSQL tool.
    location.password = qEnvironmentVariable("PGPASSWORD");
    return location;
  }
  const QString folder = settings.value(kFolderKey).toString();
  return folder.isEmpty() ? history::StoreLocation::defaultLocal()
                          : history::StoreLocation::local(folder);
}

void HistoryDatabase::saveLocation(const history::StoreLocation& location) {
  QSettings settings;
  const bool postgres = location.kind == history::StoreLocation::Kind::Postgres;
  settings.setValue(kKindKey, postgres ? QStringLiteral("postgresql") : QStringLiteral("sqlite"));
  if (postgres) {
    settings.setValue(kHostKey, location.host);
    settings.setValue(kPortKey, location.port);
    settings.setValue(kDatabaseKey, location.database);
    settings.setValue(kUserKey, location.user);
    settings.setValue(kSslModeKey, location.sslMode);
  } else {
    settings.setValue(kFolderKey, location.directory);
  }
}

bool HistoryDatabase::open(const history::StoreLocation& location) {
  auto opened = history::HistoryStore::open(location);
  if (!opened) {
    error_ = tr("The history at %1 cannot be opened: %2")
                 .arg(location.describe(), QString::fromStdString(opened.message()));
    return false;
  }
  error_.clear();
  store_ = std::move(*opened);
  // The window waits on a click: one attempt (and one more after reconnecting), then the page
  // says so and offers Retry, instead of freezing while the server is away.
  store_->setRetryWindow(std::chrono::milliseconds(0));
  Q_EMIT reopened();
  // Undo lasts while the app is open; a day later what was deleted is gone for good.
  (void)store_->purgeDeleted(QDateTime::currentDateTimeUtc().addDays(-1));
  Q_EMIT changed();
  return true;
}

void HistoryDatabase::openInBackground(const history::StoreLocation& location,
                                       std::function<void(bool)> done) {
  if (location.kind == history::StoreLocation::Kind::Sqlite) {
    const bool opened = open(location);
    if (done) done(opened);
    return;
  }
  connecting_ = true;
  Q_EMIT changed();
  auto* watcher = new QFutureWatcher<QString>(this);
  connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, location, done] {
    const QString unreachable = watcher->result();
    watcher->deleteLater();
    connecting_ = false;
    bool opened = false;
    if (unreachable.isEmpty()) {
      opened = open(location);
    } else {
      error_ = tr("The history at %1 cannot be opened: %2").arg(location.describe(), unreachable);
    }
    Q_EMIT changed();
    if (done) done(opened);
  });
  watcher->setFuture(QtConcurrent::run([host = location.host, port = location.port] {
    QTcpSocket socket;
    socket.connectToHost(host, quint16(port));
    return socket.waitForConnected(5000) ? QString() : socket.errorString();
  }));
}

}  // namespace walness::ui
