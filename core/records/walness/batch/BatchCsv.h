#pragma once

#include <QFile>
#include <QString>

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "walness/Result.h"

namespace walness::batch {

// The batch's CSV: a header (file, status, abstained, prob_<disease>..., top_finding, message) and
// one row per photo, appended and flushed as each photo finishes, so a stopped batch resumes where
// it stopped. A row cut short by a crash is dropped on reopening.
class BatchCsv {
 public:
  // The status of a photo screened whose result could not be saved to the history: the next
  // run over the same CSV screens and saves it again (its row is replaced).
  static constexpr const char* kNotSaved = "not_saved";

  static std::vector<std::string> header(const std::vector<std::string>& diseases);

  // Opens for appending; an existing file must have the same header (the same model's diseases).
  static Result<std::unique_ptr<BatchCsv>> open(const QString& path,
                                                const std::vector<std::string>& diseases);

  // Files (as written in the first column) already in the CSV, not counting not_saved ones.
  const std::set<std::string>& done() const { return done_; }

  Status append(const std::vector<std::string>& row);

 private:
  explicit BatchCsv(const QString& path) : file_(path) {}
  QFile file_;
  std::set<std::string> done_;
};

}  // namespace walness::batch
