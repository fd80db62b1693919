#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "walness/Result.h"

namespace walness::io {

// Spreadsheets run a cell that starts with = + - @, a tab or a carriage return as a formula,
// quoted or not (OWASP "CSV injection"). Such a cell is written with a leading apostrophe, which
// spreadsheets show as text; one that already starts with apostrophes and then such a character
// gets one more, so reading strips exactly one and every cell reads back unchanged.
std::string formulaSafeCell(std::string_view cell);
std::string fromFormulaSafeCell(std::string_view cell);

// Splits one CSV line into cells: commas, double quotes with "" escapes (RFC 4180, one line).
// nullopt when a quote is left open.
std::optional<std::vector<std::string>> splitCsvLine(std::string_view line);

struct CsvRecord {
  int line = 0;  // 1-based line where the record starts, for messages
  std::vector<std::string> cells;
};

// Splits a whole UTF-8 CSV text into records (RFC 4180: quoted cells may hold commas, quotes and
// line breaks; CRLF or LF line ends). A leading byte-order mark is dropped; blank lines are
// skipped. An error names the line of a quote left open. Cells written formula-safe by
// joinCsvLine read back as they were given to it.
Result<std::vector<CsvRecord>> splitCsvRecords(std::string_view text);

// One CSV line (no line end) from cells, formula-safe, quoting those with commas, quotes or line
// breaks.
std::string joinCsvLine(const std::vector<std::string>& cells);

}  // namespace walness::io
