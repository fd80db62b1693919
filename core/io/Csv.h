#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "Result.h"

namespace walness::io {

// Splits one CSV line into cells: commas, double quotes with "" escapes (RFC 4180, one line).
// nullopt when a quote is left open.
std::optional<std::vector<std::string>> splitCsvLine(std::string_view line);

struct CsvRecord {
  int line = 0;  // 1-based line where the record starts, for messages
  std::vector<std::string> cells;
};

// Splits a whole UTF-8 CSV text into records (RFC 4180: quoted cells may hold commas, quotes and
// line breaks; CRLF or LF line ends). A leading byte-order mark is dropped; blank lines are
// skipped. An error names the line of a quote left open.
Result<std::vector<CsvRecord>> splitCsvRecords(std::string_view text);

// One CSV line (no line end) from cells, quoting those with commas, quotes or line breaks.
std::string joinCsvLine(const std::vector<std::string>& cells);

}  // namespace walness::io
