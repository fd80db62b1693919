#pragma once

#include <QObject>

#include <atomic>
#include <memory>

#include "ui/history/HistoryReading.h"

namespace walness::ui {

// The History tab's reads, on the reader's own thread with its own connection to the store (a
// Qt SQL connection serves only the thread that opened it), and the tab's other work on the store
// (writes, the dialogs' reads). Everything is served in order; a reading that a newer request
// superseded before it started is skipped, other work never is.
class HistoryReaderWorker : public QObject {
  Q_OBJECT

 public:
  HistoryReaderWorker();
  ~HistoryReaderWorker() override;

  // Any thread: requests older than `serial` are no longer wanted.
  void supersede(quint64 serial) { newest_ = serial; }
  // The worker's thread.
  void read(const HistoryRequest& request);
  // The worker's thread: runs `work` on the store at `location`, then says taskDone(`id`).
  void run(quint64 id, const history::StoreLocation& location, const StoreWork& work);

 Q_SIGNALS:
  void readingReady(const walness::ui::HistoryReading& reading);
  void taskDone(quint64 id);

 private:
  // The store at `location`, opened (again) when needed; nullptr with `error` set when not.
  history::HistoryStore* storeAt(const history::StoreLocation& location, QString& error);
  void readPets(history::HistoryStore& store, HistoryReading& reading);
  void readPet(history::HistoryStore& store, HistoryReading& reading);

  std::unique_ptr<history::HistoryStore> store_;
  std::atomic<quint64> newest_{0};
};

}  // namespace walness::ui
