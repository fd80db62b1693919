#pragma once

#include <gtest/gtest.h>

#include <QString>

#include <string>

#include "PostgresServer.h"
#include "walness/history/StoreLocation.h"

namespace walness::test {

// History tests run on both backends: SQLite here and a real PostgreSQL server.
enum class Backend { Sqlite, Postgres };

// A new, empty store's location: a new database on this test program's PostgreSQL server, or an
// SQLite folder. A server that did not start fails the test (its reason in the message).
inline history::StoreLocation freshLocation(Backend backend, const QString& sqliteFolder) {
  if (backend == Backend::Sqlite) return history::StoreLocation::local(sqliteFolder);
  auto& server = PostgresServer::shared();
  EXPECT_TRUE(server.running()) << server.error().toStdString();
  return server.createDatabase();
}

inline std::string backendName(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::Sqlite ? "Sqlite" : "Postgres";
}

}  // namespace walness::test
