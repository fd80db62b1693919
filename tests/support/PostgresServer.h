#pragma once

#include <QDir>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QUuid>

#include <unistd.h>

#include <cstdlib>
#include <memory>

#include "walness/history/StoreLocation.h"

namespace walness::test {

// A real PostgreSQL server (Debian's `postgresql` package) on 127.0.0.1 and a free port, in a
// temporary folder, for the life of the test program. Runs as the `postgres` user when the tests
// run as root, since PostgreSQL refuses to run as root.
class PostgresServer {
 public:
  static PostgresServer& shared() {
    static PostgresServer server;
    return server;
  }

  bool running() const { return error_.isEmpty(); }
  const QString& error() const { return error_; }
  int port() const { return port_; }

  // A new, empty database on the server.
  history::StoreLocation createDatabase() {
    const QString name = QStringLiteral("walness_") + QUuid::createUuid().toString(QUuid::Id128);
    {
      QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
      admin.setHostName(QStringLiteral("127.0.0.1"));
      admin.setPort(port_);
      admin.setDatabaseName(QStringLiteral("postgres"));
      admin.setUserName(QStringLiteral("walness"));
      if (!admin.open() || !QSqlQuery(admin).exec(QStringLiteral("CREATE DATABASE ") + name))
        qWarning("cannot create a test database: %s", qPrintable(admin.lastError().text()));
      admin.close();
    }
    QSqlDatabase::removeDatabase(name);
    history::StoreLocation location;
    location.kind = history::StoreLocation::Kind::Postgres;
    location.host = QStringLiteral("127.0.0.1");
    location.port = port_;
    location.database = name;
    location.user = QStringLiteral("walness");
    return location;
  }

  // A new database holding what `psql` makes of a pg_dump file; empty location.database when
  // psql failed (its output in error()).
  history::StoreLocation restoreDump(const QString& sqlFile) {
    history::StoreLocation location = createDatabase();
    if (!run({bin_ + QStringLiteral("/psql"), QStringLiteral("-h"), QStringLiteral("127.0.0.1"),
              QStringLiteral("-p"), QString::number(port_), QStringLiteral("-U"),
              QStringLiteral("walness"), QStringLiteral("-d"), location.database,
              QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-q"),
              QStringLiteral("-f"), sqlFile}))
      location.database.clear();
    return location;
  }

  // `pg_ctl restart` (fast: open connections are dropped), as an administrator restarting the
  // shared server in the middle of the day would; then stop and start for longer outages.
  bool restart() { return control(QStringLiteral("restart")); }
  bool stop() { return control(QStringLiteral("stop")); }
  bool start() {
    return run(asServerUser({bin_ + QStringLiteral("/pg_ctl"), QStringLiteral("-D"), data_,
                             QStringLiteral("-l"), folder_.filePath(QStringLiteral("server.log")),
                             QStringLiteral("-w"), QStringLiteral("-o"), options(),
                             QStringLiteral("start")}));
  }

  ~PostgresServer() {
    if (!started_) return;
    // At exit, without Qt's event loop: a plain shell command.
    const QString stop = asServerUser({bin_ + QStringLiteral("/pg_ctl"), QStringLiteral("-D"),
                                       data_, QStringLiteral("-m"), QStringLiteral("immediate"),
                                       QStringLiteral("-w"), QStringLiteral("stop")})
                             .join(QLatin1Char(' '));
    if (std::system((stop + QStringLiteral(" >/dev/null 2>&1")).toLocal8Bit().constData()) != 0)
      qWarning("pg_ctl stop failed");
  }

 private:
  PostgresServer() {
    const QStringList versions =
        QDir(QStringLiteral("/usr/lib/postgresql")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    if (versions.isEmpty()) {
      error_ = QStringLiteral(
          "PostgreSQL is not installed (Debian package postgresql; "
          "`scripts/dev setup` installs it)");
      return;
    }
    bin_ = QStringLiteral("/usr/lib/postgresql/%1/bin").arg(versions.last());
    if (!folder_.isValid()) {
      error_ = QStringLiteral("no temporary folder");
      return;
    }
    root_ = ::geteuid() == 0;
    QFile::setPermissions(folder_.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                              QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                              QFileDevice::ExeOther | QFileDevice::ReadGroup |
                                              QFileDevice::ExeGroup);
    if (root_ && !run({QStringLiteral("chown"), QStringLiteral("postgres"), folder_.path()}))
      return;
    data_ = folder_.filePath(QStringLiteral("data"));
    if (!run(asServerUser({bin_ + QStringLiteral("/initdb"), QStringLiteral("-D"), data_,
                           QStringLiteral("-U"), QStringLiteral("walness"), QStringLiteral("-A"),
                           QStringLiteral("trust"), QStringLiteral("--no-sync"),
                           QStringLiteral("-E"), QStringLiteral("UTF8"),
                           QStringLiteral("--locale=C")})))
      return;
    // A free port can be taken by another test program between the probe and the start: retry.
    for (int attempt = 0; attempt < 5; ++attempt) {
      {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        port_ = probe.serverPort();
      }
      error_.clear();
      if (run(asServerUser({bin_ + QStringLiteral("/pg_ctl"), QStringLiteral("-D"), data_,
                            QStringLiteral("-l"), folder_.filePath(QStringLiteral("server.log")),
                            QStringLiteral("-w"), QStringLiteral("-o"),
                            QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1 -c fsync=off")
                                .arg(port_)
                                .arg(folder_.path()),
                            QStringLiteral("start")})))
        break;
    }
    if (!error_.isEmpty()) return;
    started_ = true;
  }

  QString options() const {
    return QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1 -c fsync=off")
        .arg(port_)
        .arg(folder_.path());
  }

  bool control(const QString& action) {
    QStringList command{
        bin_ + QStringLiteral("/pg_ctl"), QStringLiteral("-D"), data_, QStringLiteral("-m"),
        QStringLiteral("fast"),           QStringLiteral("-w")};
    if (action == QLatin1String("restart"))
      command << QStringLiteral("-l") << folder_.filePath(QStringLiteral("server.log"))
              << QStringLiteral("-o") << options();
    return run(asServerUser(command << action));
  }

  QStringList asServerUser(QStringList command) const {
    if (root_)
      command = QStringList{QStringLiteral("runuser"), QStringLiteral("-u"),
                            QStringLiteral("postgres"), QStringLiteral("--")} +
                command;
    return command;
  }

  bool run(const QStringList& command) {
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(command.first(), command.mid(1));
    if (!process.waitForFinished(60'000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
      error_ = command.join(QLatin1Char(' ')) + QStringLiteral(" failed: ") +
               QString::fromLocal8Bit(process.readAll());
      return false;
    }
    return true;
  }

  QTemporaryDir folder_;
  QString bin_;
  QString data_;
  QString error_;
  int port_ = 0;
  bool root_ = false;
  bool started_ = false;
};

}  // namespace walness::test
