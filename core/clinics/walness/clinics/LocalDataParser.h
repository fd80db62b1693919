#pragma once

#include <QByteArray>
#include <QString>

#include <string>
#include <vector>

#include "walness/Result.h"
#include "walness/clinics/Clinic.h"

namespace walness::clinics {

class KoreanCoordinates;

// What an import of a LOCALDATA (지방행정 인허가데이터) veterinary-hospital file found.
struct LocalDataImport {
  std::vector<Clinic> clinics;  // in business, with coordinates, converted to WGS84
  int closedRows = 0;           // 폐업, 휴업, 취소/말소: skipped
  int rowsWithoutCoordinates = 0;
  std::vector<std::string> warnings;  // rows skipped for other reasons, each naming its line
};

// Parses the 동물병원 CSV of localdata.go.kr (also the same columns from data.go.kr): 사업장명,
// 소재지전화, 도로명전체주소 (or 소재지전체주소 / 지번주소), 영업상태명, 좌표정보(X)/(Y) in
// EPSG:5174, 관리번호 as the id when present. The file may be CP949 (as the portal serves it) or
// UTF-8, with or without a byte-order mark. Fails with a message when the encoding or the header is
// wrong.
Result<LocalDataImport> parseLocalDataCsv(const QByteArray& bytes,
                                          const KoreanCoordinates& coordinates);

// Reads and parses a LOCALDATA file (at most 256 MB), converting coordinates with PROJ. Errors
// start with the file's path.
Result<LocalDataImport> readLocalDataFile(const QString& path);

// The file's text as UTF-8: valid UTF-8 is kept, anything else is decoded as CP949.
Result<std::string> decodeKoreanText(const QByteArray& bytes);

}  // namespace walness::clinics
