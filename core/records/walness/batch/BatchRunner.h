#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "walness/Result.h"

namespace walness::history {
class HistoryStore;
}
namespace walness::inference {
class ScreeningSession;
}
namespace walness::report {
struct Report;
}

namespace walness::batch {

struct BatchOptions {
  QString folder;
  QString csvPath;
  QString reportFolder;  // empty: no reports; else <name>.html and .json per photo screened
  std::string reportLanguage = "en";
  // With a store and a pet, every photo screened is also saved to that pet's history.
  history::HistoryStore* store = nullptr;
  int64_t petId = 0;
};

struct BatchProgress {
  int done = 0;   // photos finished in this run
  int total = 0;  // photos this run will screen (not counting those already in the CSV)
  double elapsedSeconds = 0;
  double remainingSeconds = -1;  // -1 until there is a rate to go by
  QString file;                  // the photo just finished
};

// Elapsed or remaining time as m:ss, or h:mm:ss from an hour on.
QString clockText(double seconds);

struct BatchSummary {
  int found = 0;      // photos in the folder
  int skipped = 0;    // already in the CSV from an earlier run
  int screened = 0;   // with findings
  int abstained = 0;  // screened, but the photo could not be judged
  int failed = 0;     // unreadable: a row with the error
  int notSaved = 0;   // screened, but the history could not be written: the next run redoes them
  int reportsNotWritten = 0;  // screened, but its report could not be written (disk full)
  bool cancelled = false;
  double seconds = 0;
};

// Screens every photo in a folder with one loaded model and appends a CSV row per photo. A photo
// that fails gets a row with its error and the batch goes on. With a history, a photo whose save
// failed (after the store's own retries) gets status not_saved, and a rerun over the same CSV
// saves it; each photo's check id comes from the CSV, the photo and the pet, so a rerun never
// stores a check twice. Decoding the next photo overlaps
// the current one's forward pass.
class BatchRunner {
 public:
  BatchRunner(const inference::ScreeningSession& session, BatchOptions options);

  // The photos a batch over `folder` would screen: image files by extension, sorted by name.
  static QStringList listPhotos(const QString& folder);

  // Extra output per report (the GUI adds a PDF); gets the report and the path without extension.
  void setReportWriter(std::function<Status(const report::Report&, const QString&)> writer) {
    extraReportWriter_ = std::move(writer);
  }

  // Fails only when the batch cannot start or its CSV cannot be written.
  Result<BatchSummary> run(const std::function<void(const BatchProgress&)>& progress = {},
                           const std::function<bool()>& cancelled = {});

 private:
  const inference::ScreeningSession& session_;
  BatchOptions options_;
  std::function<Status(const report::Report&, const QString&)> extraReportWriter_;
};

}  // namespace walness::batch
