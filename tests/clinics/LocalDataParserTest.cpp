#include <gtest/gtest.h>

#include <QFile>

#include "walness/clinics/ClinicRanking.h"
#include "walness/clinics/KoreanCoordinates.h"
#include "walness/clinics/LocalDataParser.h"
#include "walness/io/Csv.h"

using namespace walness::clinics;

namespace {

// Constructed fixtures (tests/fixtures/localdata/make_fixture.py): the documented LOCALDATA
// columns; coordinates computed there from the WGS84 points below with an independent
// transverse Mercator + datum shift, not with PROJ.
QByteArray fixture(const char* name) {
  QFile file(QStringLiteral(WALNESS_SOURCE_DIR "/tests/fixtures/localdata/") +
             QString::fromLatin1(name));
  EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << name;
  return file.readAll();
}

const KoreanCoordinates& coordinates() {
  static auto created = KoreanCoordinates::create();
  EXPECT_TRUE(created.ok()) << created.message();
  return **created;
}

// The datum shifts EPSG offers for Korean 1985 differ by a few metres; 15 m is well inside the
// few hundred metres a missing datum shift would cause.
constexpr double kToleranceMeters = 15;

}  // namespace

TEST(KoreanCoordinatesTest, ConvertsSeoulCityHallFromEpsg5174) {
  // (197980.567, 451565.180) in EPSG:5174 is Seoul City Hall, 37.5663 N 126.9779 E (WGS84).
  const auto point = coordinates().toWgs84(197980.567, 451565.180);
  ASSERT_TRUE(point.ok()) << point.message();
  EXPECT_LT(haversineMeters(*point, {37.5663, 126.9779}), kToleranceMeters)
      << point->latitude << ", " << point->longitude;
}

TEST(KoreanCoordinatesTest, TheProjectionOriginShiftsToWgs84) {
  // The origin (200000, 500000) is 38 N 127°00'10.405" E on the Bessel ellipsoid; in WGS84 the
  // Korean 1985 datum shift moves it about 230 m west and 300 m north.
  const auto point = coordinates().toWgs84(200000, 500000);
  ASSERT_TRUE(point.ok()) << point.message();
  EXPECT_LT(haversineMeters(*point, {38.002676, 127.000745}), kToleranceMeters);
  EXPECT_GT(haversineMeters(*point, {38.0, 127.0 + 10.405 / 3600}), 300);
}

TEST(KoreanCoordinatesTest, RejectsPointsOutsideKorea) {
  const auto far = coordinates().toWgs84(9'000'000, 9'000'000);
  ASSERT_FALSE(far.ok());
  EXPECT_FALSE(far.message().empty());
}

TEST(LocalDataParserTest, ImportsClinicsInBusinessAndSkipsClosedAndUnlocatedRows) {
  const auto import = parseLocalDataCsv(fixture("animal-hospitals-utf8.csv"), coordinates());
  ASSERT_TRUE(import.ok()) << import.message();
  EXPECT_EQ(import->closedRows, 2);  // 폐업 and 휴업
  EXPECT_EQ(import->rowsWithoutCoordinates, 1);
  EXPECT_TRUE(import->warnings.empty());
  ASSERT_EQ(import->clinics.size(), 3u);

  const Clinic& baekseok = import->clinics[0];
  EXPECT_EQ(baekseok.name, "백석동물병원");
  EXPECT_EQ(baekseok.id, "localdata:4490000-101-2015-00011");
  EXPECT_EQ(baekseok.address, "충청남도 천안시 서북구 백석로 10");  // road address preferred
  EXPECT_EQ(baekseok.phone, "041-555-0101");
  EXPECT_EQ(baekseok.source, ClinicSource::LocalData);
  EXPECT_FALSE(baekseok.rating.has_value());
  EXPECT_FALSE(baekseok.attribution.empty());
  EXPECT_LT(haversineMeters({baekseok.latitude, baekseok.longitude}, {36.8242, 127.1212}),
            kToleranceMeters);

  const Clinic& happy = import->clinics[1];
  EXPECT_EQ(happy.name, "행복한 동물병원, 본점");               // a quoted comma stays in the name
  EXPECT_EQ(happy.address, "충청남도 천안시 서북구 불당동 5");  // lot address when no road one
  EXPECT_EQ(happy.id.rfind("localdata:", 0), 0u);
  EXPECT_GT(happy.id.size(), std::string("localdata:").size());
  EXPECT_LT(haversineMeters({happy.latitude, happy.longitude}, {36.8151, 127.1050}),
            kToleranceMeters);
}

TEST(LocalDataParserTest, ReadsTheCp949FileAsThePortalServesIt) {
  const QByteArray cp949 = fixture("animal-hospitals-cp949.csv");
  ASSERT_FALSE(cp949.contains(QByteArray("동물병원")));  // not UTF-8 bytes
  const auto fromCp949 = parseLocalDataCsv(cp949, coordinates());
  const auto fromUtf8 = parseLocalDataCsv(fixture("animal-hospitals-utf8.csv"), coordinates());
  ASSERT_TRUE(fromCp949.ok()) << fromCp949.message();
  ASSERT_TRUE(fromUtf8.ok());
  ASSERT_EQ(fromCp949->clinics.size(), fromUtf8->clinics.size());
  for (size_t i = 0; i < fromUtf8->clinics.size(); ++i) {
    EXPECT_EQ(fromCp949->clinics[i].name, fromUtf8->clinics[i].name);
    EXPECT_EQ(fromCp949->clinics[i].address, fromUtf8->clinics[i].address);
    EXPECT_DOUBLE_EQ(fromCp949->clinics[i].latitude, fromUtf8->clinics[i].latitude);
  }
}

TEST(LocalDataParserTest, AFileWithoutTheColumnsNamesWhatIsMissing) {
  const auto import = parseLocalDataCsv(
      QByteArrayLiteral("사업장명,소재지전화\n어느 병원,02-000-0000\n"), coordinates());
  ASSERT_FALSE(import.ok());
  EXPECT_NE(import.message().find("영업상태명"), std::string::npos) << import.message();
  EXPECT_NE(import.message().find("좌표정보(X)"), std::string::npos);
}

TEST(LocalDataParserTest, BytesInNoKoreanEncodingAreRejected) {
  const auto import =
      parseLocalDataCsv(QByteArray("\xff\xfe\xfd\xfc,\x80\x80\n", 8), coordinates());
  ASSERT_FALSE(import.ok());
  EXPECT_NE(import.message().find("CP949"), std::string::npos) << import.message();
  EXPECT_FALSE(parseLocalDataCsv(QByteArray(), coordinates()).ok());
}

TEST(CsvTest, QuotedCellsMayHoldCommasQuotesAndLineBreaks) {
  const auto records = walness::io::splitCsvRecords(
      "\xEF\xBB\xBF"
      "a,\"b,\"\"c\"\"\",d\r\n\r\n\"x\ny\",z\n");
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[0].cells, (std::vector<std::string>{"a", "b,\"c\"", "d"}));
  EXPECT_EQ((*records)[1].line, 3);
  EXPECT_EQ((*records)[1].cells, (std::vector<std::string>{"x\ny", "z"}));
  const auto open = walness::io::splitCsvRecords("a\n\"never closed\n");
  ASSERT_FALSE(open.ok());
  EXPECT_NE(open.message().find("line 2"), std::string::npos);
}
