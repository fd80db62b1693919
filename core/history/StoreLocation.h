#pragma once

#include <QString>

#include "Result.h"

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
  QString password;

  // This computer's history: <generic data folder>/walness/history, shared by the app and the CLI.
  static StoreLocation defaultLocal();
  static StoreLocation local(const QString& directory);
  // A folder, or postgresql://user[:password]@host[:port]/database (password also from PGPASSWORD).
  static Result<StoreLocation> parse(const QString& text);

  // For messages: the folder, or postgresql://user@host:port/database without the password.
  QString describe() const;
};

}  // namespace walness::history
