#pragma once

#include <QObject>
#include <QString>

#include <memory>

#include "history/HistoryStore.h"

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
  history::HistoryStore* store() const { return store_.get(); }
  const QString& error() const { return error_; }

  // Tells the pages that pets or diagnoses were added, changed or deleted.
  void notifyChanged() { Q_EMIT changed(); }

 Q_SIGNALS:
  void changed();

 private:
  std::unique_ptr<history::HistoryStore> store_;
  QString error_;
};

}  // namespace walness::ui
