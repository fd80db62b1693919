#include "walness/batch/BatchCsv.h"

#include <QFileInfo>

#include <cerrno>
#include <cstring>

#include "walness/io/AtomicFile.h"
#include "walness/io/Csv.h"

namespace walness::batch {

namespace {
constexpr qint64 kMaxCsvBytes = 512ll << 20;
}  // namespace

std::vector<std::string> BatchCsv::header(const std::vector<std::string>& diseases) {
  std::vector<std::string> columns{"file", "status", "abstained"};
  for (const std::string& disease : diseases) columns.push_back("prob_" + disease);
  columns.push_back("top_finding");
  columns.push_back("message");
  return columns;
}

Result<std::unique_ptr<BatchCsv>> BatchCsv::open(const QString& path,
                                                 const std::vector<std::string>& diseases) {
  std::unique_ptr<BatchCsv> csv(new BatchCsv(path));
  const std::vector<std::string> columns = header(diseases);
  const std::string where = path.toStdString() + ": ";
  if (!csv->file_.open(QIODevice::ReadWrite))
    return Error{where + "cannot open for writing (" + csv->file_.errorString().toStdString() +
                 ")"};
  // Only a regular file holds earlier rows (a device such as /dev/full is only written to).
  const QByteArray existing =
      QFileInfo(path).isFile() ? csv->file_.read(kMaxCsvBytes + 1) : QByteArray();
  if (existing.size() > kMaxCsvBytes)
    return Error{where + "is too large for a batch CSV; choose a new CSV file"};
  if (existing.isEmpty()) {
    if (auto written = csv->append(columns); !written) return written.error();
    csv->done_.clear();
    return csv;
  }
  // A row without its line end was being written when the batch stopped: drop it, redo the photo.
  const qsizetype complete = existing.lastIndexOf('\n') + 1;
  if (complete < existing.size() && !csv->file_.resize(complete))
    return Error{where + "cannot drop the unfinished last row"};
  auto records = io::splitCsvRecords(std::string_view(existing.constData(), size_t(complete)));
  if (!records) return Error{where + records.message()};
  if (records->empty() || records->front().cells != columns)
    return Error{where +
                 "was written for other columns (another model or not a batch CSV); choose a "
                 "new CSV file"};
  // A photo whose result was not saved to the history is redone: its row goes, so the rerun
  // writes the one row it ends with (the file is replaced whole, never left half rewritten).
  QByteArray kept = QByteArray::fromStdString(io::joinCsvLine(columns) + "\n");
  bool dropped = false;
  for (size_t i = 1; i < records->size(); ++i) {
    const std::vector<std::string>& cells = (*records)[i].cells;
    if (cells.size() > 1 && cells[1] == kNotSaved) {
      dropped = true;
      continue;
    }
    if (!cells.empty()) csv->done_.insert(cells.front());
    kept += QByteArray::fromStdString(io::joinCsvLine(cells) + "\n");
  }
  if (dropped) {
    csv->file_.close();
    if (auto written = io::writeFileAtomically(path, kept); !written) return written.error();
    if (!csv->file_.open(QIODevice::ReadWrite | QIODevice::Append))
      return Error{where + "cannot open for writing (" + csv->file_.errorString().toStdString() +
                   ")"};
    return csv;
  }
  csv->file_.seek(complete);
  return csv;
}

Status BatchCsv::append(const std::vector<std::string>& row) {
  errno = 0;
  const QByteArray line = QByteArray::fromStdString(io::joinCsvLine(row) + "\n");
  if (file_.write(line) != line.size() || !file_.flush())
    return Error{
        file_.fileName().toStdString() + ": cannot write (" +
        (errno != 0 ? std::string(std::strerror(errno)) : file_.errorString().toStdString()) + ")"};
  if (!row.empty()) done_.insert(row.front());
  return Ok{};
}

}  // namespace walness::batch
