#pragma once

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

#include "walness/history/HistoryStore.h"

namespace walness::ui {

// The app's open pet history (the location chosen in Settings: this computer or a shared
// PostgreSQL server). Pages share it and hear when it changed. GUI thread only; workers open
// their own store on the same location.
class HistoryDatabase : public QObject {
  Q_OBJECT

 public:
  explicit HistoryDatabase(QObject* parent = nullptr);
  ~HistoryDatabase() override;

  // The location saved in settings; this computer's history when none was chosen.
  static history::StoreLocation savedLocation();
  static void saveLocation(const history::StoreLocation& location);

  // Opens `location` (replacing the open store) and empties the trash of what was deleted more
  // than a day ago. False with error() set when it cannot; the previous store stays open then.
  bool open(const history::StoreLocation& location);
  // The same without blocking the GUI on a server that does not answer: the server is first
  // reached from a worker thread (up to 5 s), then opened here. `done` gets the outcome.
  void openInBackground(const history::StoreLocation& location,
                        std::function<void(bool opened)> done = {});
  bool isConnecting() const { return connecting_; }
  history::HistoryStore* store() const { return store_.get(); }
  const QString& error() const { return error_; }

  // Tells the pages that pets or diagnoses were added, changed or deleted.
  void notifyChanged() { Q_EMIT changed(); }

 Q_SIGNALS:
  void changed();
  // Another store was opened: ids from the previous one mean nothing any more.
  void reopened();

 private:
  std::unique_ptr<history::HistoryStore> store_;
  QString error_;
  bool connecting_ = false;
};

}  // namespace walness::ui
