#pragma once

#include <QObject>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <utility>

#include "ui/history/HistoryReading.h"
#include "walness/Result.h"

class QThread;

namespace walness::ui {

class HistoryReaderWorker;

// Reads the History tab's pets and checks on a thread of its own, so a slow or restarting
// server never freezes the window. Only the newest request's reading arrives: an older one that
// is still running when a newer request comes is dropped. The tab's writes and its dialogs' reads
// run on the same thread, in the order they were asked for, and are never dropped.
class HistoryReader : public QObject {
  Q_OBJECT

 public:
  explicit HistoryReader(QObject* parent = nullptr);
  ~HistoryReader() override;

  // Queues `request` (its serial is given here), superseding any awaited one.
  void read(HistoryRequest request);
  // Nothing awaited arrives any more (the store went away).
  void supersede();
  // Runs `work` on the reader's thread, after everything asked before; `done` gets its result
  // here (the GUI thread), unless this reader is gone by then. A store that cannot be opened is
  // the result's error.
  template <class T>
  void run(const history::StoreLocation& location,
           std::function<Result<T>(history::HistoryStore&)> work,
           std::function<void(const Result<T>&)> done);
  bool busy() const { return awaited_ != 0 || !tasks_.empty(); }
  // Whether the awaited reading carries the pet list.
  bool awaitsPets() const { return busy() && awaitedPets_; }

 Q_SIGNALS:
  void readingReady(const walness::ui::HistoryReading& reading);
  // A run()'s `done` was called.
  void taskFinished();

 private:
  void runWork(const history::StoreLocation& location, StoreWork work, std::function<void()> done);

  QThread* thread_;
  HistoryReaderWorker* worker_;
  quint64 serial_ = 0;
  quint64 awaited_ = 0;  // the serial of the awaited reading; 0 when none
  bool awaitedPets_ = false;
  quint64 taskSerial_ = 0;
  std::map<quint64, std::function<void()>> tasks_;  // by id: what to do when each is done
};

template <class T>
void HistoryReader::run(const history::StoreLocation& location,
                        std::function<Result<T>(history::HistoryStore&)> work,
                        std::function<void(const Result<T>&)> done) {
  // Written on the reader's thread before it says it is done, read here after.
  auto result = std::make_shared<std::optional<Result<T>>>();
  runWork(
      location,
      [work = std::move(work), result](history::HistoryStore* store, const QString& openError) {
        if (store)
          result->emplace(work(*store));
        else
          result->emplace(Error{openError.toStdString(), ErrorKind::Unavailable});
        return (*result)->ok();
      },
      [done = std::move(done), result] { done(**result); });
}

}  // namespace walness::ui
