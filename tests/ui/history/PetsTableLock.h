#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "walness/history/StoreLocation.h"

namespace walness::test {

// Holds the pets table of a PostgreSQL history locked, from a thread and connection of its own,
// until released (at the latest after 20 s): every read and write of the pets waits meanwhile, as
// on a server busy with something else.
class PetsTableLock {
 public:
  explicit PetsTableLock(const history::StoreLocation& location)
      : thread_([this, location] { hold(location); }) {}
  ~PetsTableLock() {
    release();
    thread_.join();
  }
  // Whether the lock is held (waits until it is, or failed).
  bool held() {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [this] { return state_ != State::Starting; });
    return state_ == State::Held;
  }
  void release() {
    std::lock_guard<std::mutex> lock(mutex_);
    released_ = true;
    changed_.notify_all();
  }

 private:
  enum class State { Starting, Held, Failed };
  void hold(const history::StoreLocation& location) {
    const QString name = QStringLiteral("petsTableLock");
    {
      QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
      database.setHostName(location.host);
      database.setPort(location.port);
      database.setDatabaseName(location.database);
      database.setUserName(location.user);
      const bool held =
          database.open() && database.transaction() &&
          QSqlQuery(database).exec(QStringLiteral("LOCK TABLE pets IN ACCESS EXCLUSIVE MODE"));
      std::unique_lock<std::mutex> lock(mutex_);
      state_ = held ? State::Held : State::Failed;
      changed_.notify_all();
      changed_.wait_for(lock, std::chrono::seconds(20), [this] { return released_; });
      database.rollback();
      database.close();
    }
    QSqlDatabase::removeDatabase(name);
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  State state_ = State::Starting;
  bool released_ = false;
  std::thread thread_;  // last: starts once the rest is ready
};

}  // namespace walness::test
