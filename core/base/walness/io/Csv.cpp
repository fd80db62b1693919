#include "walness/io/Csv.h"

namespace walness::io {

namespace {

bool startsAFormula(char c) {
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

// True when the cell is some apostrophes (maybe none) and then a formula character.
bool looksLikeFormula(std::string_view cell, bool needApostrophe) {
  const size_t quotes = cell.find_first_not_of('\'');
  if (quotes == std::string_view::npos || (needApostrophe && quotes == 0)) return false;
  return startsAFormula(cell[quotes]);
}

}  // namespace

std::string formulaSafeCell(std::string_view cell) {
  return looksLikeFormula(cell, false) ? "'" + std::string(cell) : std::string(cell);
}

std::string fromFormulaSafeCell(std::string_view cell) {
  return looksLikeFormula(cell, true) ? std::string(cell.substr(1)) : std::string(cell);
}

std::optional<std::vector<std::string>> splitCsvLine(std::string_view line) {
  auto records = splitCsvRecords(line);
  if (!records) return std::nullopt;
  if (records->empty()) return std::vector<std::string>(1);
  // A line holds one record; a line break inside quotes cannot occur in a single line.
  return std::move(records->front().cells);
}

Result<std::vector<CsvRecord>> splitCsvRecords(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<CsvRecord> records;
  CsvRecord record{1, {std::string()}};
  bool quoted = false;
  bool recordHasContent = false;
  int line = 1;
  int quoteLine = 0;
  auto finishRecord = [&] {
    if (recordHasContent) records.push_back(std::move(record));
    record = CsvRecord{line, {std::string()}};
    recordHasContent = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        record.cells.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        record.cells.back() += c;
      }
      continue;
    }
    switch (c) {
      case '"':
        quoted = true;
        quoteLine = line;
        recordHasContent = true;
        break;
      case ',':
        record.cells.emplace_back();
        recordHasContent = true;
        break;
      case '\r':
        break;
      case '\n':
        ++line;
        finishRecord();
        break;
      default:
        record.cells.back() += c;
        recordHasContent = true;
    }
  }
  if (quoted) return Error{"line " + std::to_string(quoteLine) + ": a quoted cell is never closed"};
  finishRecord();
  for (CsvRecord& each : records)
    for (std::string& cell : each.cells) cell = fromFormulaSafeCell(cell);
  return records;
}

std::string joinCsvLine(const std::vector<std::string>& cells) {
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) line += ',';
    const std::string cell = formulaSafeCell(cells[i]);
    if (cell.find_first_of(",\"\r\n") == std::string::npos) {
      line += cell;
      continue;
    }
    line += '"';
    for (char c : cell) {
      if (c == '"') line += '"';
      line += c;
    }
    line += '"';
  }
  return line;
}

}  // namespace walness::io
