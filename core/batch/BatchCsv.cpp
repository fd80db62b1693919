#include "batch/BatchCsv.h"

#include <QFileInfo>

#include "io/Csv.h"

namespace walness::batch {

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
  const QByteArray existing = csv->file_.readAll();
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
  for (size_t i = 1; i < records->size(); ++i)
    if (!(*records)[i].cells.empty()) csv->done_.insert((*records)[i].cells.front());
  csv->file_.seek(complete);
  return csv;
}

Status BatchCsv::append(const std::vector<std::string>& row) {
  const QByteArray line = QByteArray::fromStdString(io::joinCsvLine(row) + "\n");
  if (file_.write(line) != line.size() || !file_.flush())
    return Error{file_.fileName().toStdString() + ": cannot write (" +
                 file_.errorString().toStdString() + ")"};
  if (!row.empty()) done_.insert(row.front());
  return Ok{};
}

}  // namespace walness::batch
