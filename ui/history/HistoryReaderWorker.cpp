#include "ui/history/HistoryReaderWorker.h"

#include <algorithm>
#include <chrono>

namespace walness::ui {

namespace {

bool sameLocation(const history::StoreLocation& a, const history::StoreLocation& b) {
  return a.kind == b.kind && a.directory == b.directory && a.host == b.host && a.port == b.port &&
         a.database == b.database && a.user == b.user && a.password == b.password &&
         a.sslMode == b.sslMode;
}

}  // namespace

HistoryReaderWorker::HistoryReaderWorker() = default;

// Runs on the worker's thread (deleted when it finishes), which owns the connection.
HistoryReaderWorker::~HistoryReaderWorker() = default;

void HistoryReaderWorker::read(const HistoryRequest& request) {
  if (request.serial < newest_) return;  // superseded while it waited
  HistoryReading reading;
  reading.serial = request.serial;
  reading.withPets = request.withPets;
  reading.petId = request.petId;
  QString error;
  if (history::HistoryStore* store = storeAt(request.location, error)) {
    if (request.withPets) readPets(*store, reading);
    if (reading.petId != 0) readPet(*store, reading);
  } else if (request.withPets) {
    reading.petsError = error;
    reading.petId = 0;
  } else {
    reading.petError = error;
  }
  // A failed read may be a dropped connection: the next request opens the store again.
  if (!reading.petsError.isEmpty() || !reading.petError.isEmpty()) store_.reset();
  Q_EMIT readingReady(reading);
}

void HistoryReaderWorker::run(quint64 id, const history::StoreLocation& location,
                              const StoreWork& work) {
  QString error;
  history::HistoryStore* store = storeAt(location, error);
  // As in a failed read: the next request opens the store again.
  if (!work(store, error)) store_.reset();
  Q_EMIT taskDone(id);
}

history::HistoryStore* HistoryReaderWorker::storeAt(const history::StoreLocation& location,
                                                    QString& error) {
  if (store_ && sameLocation(store_->location(), location)) return store_.get();
  store_.reset();
  auto opened = history::HistoryStore::open(location);
  if (!opened) {
    error = QString::fromStdString(opened.message());
    return nullptr;
  }
  store_ = std::move(*opened);
  // One attempt per write, as the window has always made: a failure is said at once, and the
  // user retries (an answer keeps its id, so a retry never stores it twice).
  store_->setRetryWindow(std::chrono::milliseconds(0));
  return store_.get();
}

void HistoryReaderWorker::readPets(history::HistoryStore& store, HistoryReading& reading) {
  auto pets = store.pets();
  if (!pets) {
    reading.petsError = QString::fromStdString(pets.message());
    reading.petId = 0;
    return;
  }
  reading.pets = std::move(*pets);
  // The pet shown before stays shown while it is listed; otherwise the first one is.
  const bool listed = std::any_of(reading.pets.begin(), reading.pets.end(),
                                  [&](const history::Pet& pet) { return pet.id == reading.petId; });
  if (!listed) reading.petId = reading.pets.empty() ? 0 : reading.pets.front().id;
}

void HistoryReaderWorker::readPet(history::HistoryStore& store, HistoryReading& reading) {
  auto pet = store.pet(reading.petId);
  auto records = store.diagnoses(reading.petId);
  if (!pet || !records) {
    reading.petError = QString::fromStdString(!pet ? pet.message() : records.message());
    return;
  }
  reading.pet = std::move(*pet);
  reading.records = std::move(*records);
  reading.confirmed = store.confirmedDiagnoses(reading.petId).value_or(std::set<int64_t>{});
  reading.series = store.probabilityHistory(reading.petId).value_or({});
}

}  // namespace walness::ui
