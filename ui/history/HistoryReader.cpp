#include "ui/history/HistoryReader.h"

#include <QThread>

#include <limits>

#include "ui/history/HistoryReaderWorker.h"

namespace walness::ui {

namespace {
// How long closing the page waits for a query in flight before leaving it to end on its own.
constexpr unsigned long kStopWaitMs = 2000;
}  // namespace

HistoryReader::HistoryReader(QObject* parent)
    : QObject(parent), thread_(new QThread(this)), worker_(new HistoryReaderWorker) {
  thread_->setObjectName(QStringLiteral("historyReader"));
  worker_->moveToThread(thread_);
  // The worker, and the connection it holds, end on the worker's thread.
  connect(thread_, &QThread::finished, worker_, &QObject::deleteLater);
  connect(worker_, &HistoryReaderWorker::readingReady, this, [this](const HistoryReading& reading) {
    if (reading.serial != awaited_) return;  // a newer request is on its way
    awaited_ = 0;
    Q_EMIT readingReady(reading);
  });
  connect(worker_, &HistoryReaderWorker::taskDone, this, [this](quint64 id) {
    auto task = tasks_.find(id);
    if (task == tasks_.end()) return;
    const std::function<void()> done = std::move(task->second);
    tasks_.erase(task);  // first: `done` sees whether more is still on its way
    done();
    Q_EMIT taskFinished();
  });
  thread_->start();
}

HistoryReader::~HistoryReader() {
  worker_->supersede(std::numeric_limits<quint64>::max());
  // Quits once the work asked before is done: a write still on its way is made, not dropped.
  QMetaObject::invokeMethod(
      worker_, [] { QThread::currentThread()->quit(); }, Qt::QueuedConnection);
  if (!thread_->wait(kStopWaitMs)) {
    // A query still waits on the server: the thread ends, and is deleted, when it answers.
    thread_->setParent(nullptr);
    connect(thread_, &QThread::finished, thread_, &QObject::deleteLater);
  }
}

void HistoryReader::read(HistoryRequest request) {
  request.serial = ++serial_;
  awaited_ = request.serial;
  awaitedPets_ = request.withPets;
  worker_->supersede(request.serial);
  QMetaObject::invokeMethod(
      worker_, [worker = worker_, request] { worker->read(request); }, Qt::QueuedConnection);
}

void HistoryReader::runWork(const history::StoreLocation& location, StoreWork work,
                            std::function<void()> done) {
  const quint64 id = ++taskSerial_;
  tasks_.emplace(id, std::move(done));
  QMetaObject::invokeMethod(
      worker_,
      [worker = worker_, id, location, work = std::move(work)] { worker->run(id, location, work); },
      Qt::QueuedConnection);
}

void HistoryReader::supersede() {
  awaited_ = 0;
  worker_->supersede(++serial_);
}

}  // namespace walness::ui
