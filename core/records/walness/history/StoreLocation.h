#pragma once

#include <QString>
#include <QStringList>

#include "walness/Result.h"

namespace walness::history {

// Where the pet history lives: SQLite in a folder on this computer (photos beside it), or a
// PostgreSQL server that several front-desk computers share (photos inside the database).
struct StoreLocation {
  enum class Kind { Sqlite, Postgres };
  Kind kind = Kind::Sqlite;
  QString directory;  // SQLite: holds history.sqlite and photos/
  QString host;
  int port = 5432;
  QString database;
  QString user;
  QString password;  // from PGPASSWORD only; libpq reads ~/.pgpass when it is empty
  // libpq's sslmode: disable, allow, prefer (default: encrypted when the server offers it),
  // require, verify-ca or verify-full.
  QString sslMode = QStringLiteral("prefer");

  static const QStringList& sslModes();

  // This computer's history: <generic data folder>/walness/history, shared by the app and the CLI.
  static StoreLocation defaultLocal();
  static StoreLocation local(const QString& directory);
  // A folder, or postgresql://user@host[:port]/database[?sslmode=MODE]. A password in the text
  // is refused (every user of the computer can read a command line): it comes from ~/.pgpass or
  // PGPASSWORD. Messages never repeat a password.
  static Result<StoreLocation> parse(const QString& text);

  // For messages: the folder, or postgresql://user@host:port/database (with ?sslmode= unless it is
  // prefer), never the password.
  QString describe() const;
};

}  // namespace walness::history
