#include "walness/clinics/LocalDataParser.h"

#include <QCryptographicHash>
#include <QFile>
#include <QStringDecoder>

#include <charconv>
#include <optional>

#include "walness/clinics/KoreanCoordinates.h"
#include "walness/io/Csv.h"

namespace walness::clinics {

namespace {

std::string trimmed(const std::string& text) {
  return QString::fromStdString(text).trimmed().toStdString();
}

std::optional<double> parseNumber(const std::string& text) {
  const std::string cell = trimmed(text);
  if (cell.empty()) return std::nullopt;
  double value = 0;
  const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
  if (error != std::errc() || end != cell.data() + cell.size()) return std::nullopt;
  return value;
}

// Column positions, found by header name so the portal's column order may change.
struct Columns {
  int name = -1, phone = -1, roadAddress = -1, lotAddress = -1, status = -1, x = -1, y = -1,
      managementNumber = -1;
};

Columns findColumns(const std::vector<std::string>& header) {
  Columns columns;
  for (int i = 0; i < int(header.size()); ++i) {
    const QString name = QString::fromStdString(header[size_t(i)]).trimmed();
    if (name == u"사업장명")
      columns.name = i;
    else if (name == u"소재지전화" || name == u"전화번호")
      columns.phone = i;
    else if (name == u"도로명전체주소")
      columns.roadAddress = i;
    else if (name == u"소재지전체주소" || name == u"지번주소")
      columns.lotAddress = i;
    else if (name == u"영업상태명")
      columns.status = i;
    else if (name.compare(u"좌표정보(X)", Qt::CaseInsensitive) == 0)
      columns.x = i;
    else if (name.compare(u"좌표정보(Y)", Qt::CaseInsensitive) == 0)
      columns.y = i;
    else if (name == u"관리번호")
      columns.managementNumber = i;
  }
  return columns;
}

bool isClosed(const std::string& status) {
  const QString text = QString::fromStdString(status);
  for (const char16_t* closed : {u"폐업", u"휴업", u"취소", u"말소", u"정지", u"중지", u"만료"}) {
    if (text.contains(QStringView(closed))) return true;
  }
  return false;
}

}  // namespace

Result<std::string> decodeKoreanText(const QByteArray& bytes) {
  QStringDecoder utf8(QStringDecoder::Utf8);
  const QString asUtf8 = utf8.decode(bytes);
  if (!utf8.hasError()) return asUtf8.toStdString();
  // CP949 (Unified Hangul Code) is a superset of EUC-KR; Qt reaches it through ICU.
  for (const char* name : {"windows-949", "CP949", "EUC-KR"}) {
    QStringDecoder korean(name);
    if (!korean.isValid()) continue;
    const QString text = korean.decode(bytes);
    if (korean.hasError()) break;
    return text.toStdString();
  }
  return Error{"the file is neither UTF-8 nor CP949 (EUC-KR) text"};
}

Result<LocalDataImport> parseLocalDataCsv(const QByteArray& bytes,
                                          const KoreanCoordinates& coordinates) {
  const auto text = decodeKoreanText(bytes);
  if (!text) return text.error();
  const auto records = io::splitCsvRecords(*text);
  if (!records) return records.error();
  if (records->empty()) return Error{"the file is empty"};

  const Columns columns = findColumns(records->front().cells);
  std::string missing;
  for (const auto& [index, name] :
       {std::pair{columns.name, "사업장명"}, std::pair{columns.status, "영업상태명"},
        std::pair{columns.x, "좌표정보(X)"}, std::pair{columns.y, "좌표정보(Y)"}}) {
    if (index < 0) missing += std::string(missing.empty() ? "" : ", ") + name;
  }
  if (columns.roadAddress < 0 && columns.lotAddress < 0)
    missing += std::string(missing.empty() ? "" : ", ") + "도로명전체주소 or 지번주소";
  if (!missing.empty())
    return Error{"not a LOCALDATA veterinary-hospital file: the header lacks " + missing};

  LocalDataImport result;
  auto cell = [](const io::CsvRecord& record, int column) -> std::string {
    if (column < 0 || column >= int(record.cells.size())) return {};
    return trimmed(record.cells[size_t(column)]);
  };
  for (size_t r = 1; r < records->size(); ++r) {
    const io::CsvRecord& record = (*records)[r];
    const std::string where = "line " + std::to_string(record.line);
    if (isClosed(cell(record, columns.status))) {
      ++result.closedRows;
      continue;
    }
    Clinic clinic;
    clinic.name = cell(record, columns.name);
    if (clinic.name.empty()) {
      result.warnings.push_back(where + ": no name (사업장명), skipped");
      continue;
    }
    const auto x = parseNumber(cell(record, columns.x));
    const auto y = parseNumber(cell(record, columns.y));
    if (!x || !y) {
      ++result.rowsWithoutCoordinates;
      continue;
    }
    const auto point = coordinates.toWgs84(*x, *y);
    if (!point) {
      result.warnings.push_back(where + ": " + point.error().message + ", skipped");
      continue;
    }
    clinic.latitude = point->latitude;
    clinic.longitude = point->longitude;
    clinic.address = cell(record, columns.roadAddress);
    if (clinic.address.empty()) clinic.address = cell(record, columns.lotAddress);
    clinic.phone = cell(record, columns.phone);
    clinic.businessStatus = cell(record, columns.status);
    clinic.source = ClinicSource::LocalData;
    clinic.attribution = "LOCALDATA (행정안전부 지방행정 인허가데이터)";
    const std::string number = cell(record, columns.managementNumber);
    // Without a management number, name and address identify the clinic across re-imports.
    clinic.id = "localdata:" +
                (number.empty() ? QCryptographicHash::hash(
                                      QByteArray::fromStdString(clinic.name + "|" + clinic.address),
                                      QCryptographicHash::Sha1)
                                      .toHex()
                                      .left(16)
                                      .toStdString()
                                : number);
    result.clinics.push_back(std::move(clinic));
  }
  return result;
}

Result<LocalDataImport> readLocalDataFile(const QString& path) {
  constexpr qint64 kMaximumBytes = 256 * 1024 * 1024;
  const std::string where = path.toStdString() + ": ";
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    return Error{where + "cannot read (" + file.errorString().toStdString() + ")"};
  if (file.size() > kMaximumBytes)
    return Error{where + "larger than 256 MB; not a LOCALDATA clinic file"};
  auto coordinates = KoreanCoordinates::create();
  if (!coordinates) return coordinates.error();
  auto import = parseLocalDataCsv(file.readAll(), **coordinates);
  if (!import) return Error{where + import.message()};
  return import;
}

}  // namespace walness::clinics
