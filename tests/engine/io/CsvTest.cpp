#include <gtest/gtest.h>

#include "walness/io/Csv.h"

using namespace walness;

// OWASP's CSV injection: a cell that starts with = + - @, a tab or a carriage return is run by
// spreadsheets as a formula, quoted or not.
TEST(CsvFormulaTest, FormulaCellsAreWrittenAsTextAndReadBackUnchanged) {
  const std::vector<std::string> cells{"=HYPERLINK(\"http:x\")",
                                       "@SUM(1+1)",
                                       "-2+3",
                                       "+1",
                                       "\tTab",
                                       "\rCR",
                                       "'=already",
                                       "''@twice",
                                       "'plain apostrophe",
                                       "plain",
                                       "",
                                       "a=b",
                                       "0.2500",
                                       "x,y",
                                       "'"};
  const std::string line = io::joinCsvLine(cells);
  // No cell of the written line starts a formula: each begins with text, a quote and text, or a
  // digit.
  auto raw = io::splitCsvRecords(line);
  ASSERT_TRUE(raw);
  EXPECT_EQ(line.find("=HYPERLINK"), line.find("'=HYPERLINK") + 1);
  EXPECT_NE(line.find("'@SUM(1+1)"), std::string::npos);
  EXPECT_NE(line.find("'-2+3"), std::string::npos);
  EXPECT_NE(line.find("'+1"), std::string::npos);
  EXPECT_NE(line.find("\"'\rCR\""), std::string::npos);
  EXPECT_NE(line.find("''=already"), std::string::npos);
  EXPECT_NE(line.find(",plain,"), std::string::npos);
  EXPECT_NE(line.find(",0.2500,"), std::string::npos);
  // Read back, every cell is what was given.
  ASSERT_EQ(raw->size(), 1u);
  EXPECT_EQ(raw->front().cells, cells);
  auto single = io::splitCsvLine(line);
  ASSERT_TRUE(single);
  EXPECT_EQ(*single, cells);
}

TEST(CsvFormulaTest, EscapingIsOneToOne) {
  for (const std::string cell : {"=", "'=", "''=", "'", "''", "a", "-", "'-1", "@", "'a'"}) {
    EXPECT_EQ(io::fromFormulaSafeCell(io::formulaSafeCell(cell)), cell) << cell;
    const std::string safe = io::formulaSafeCell(cell);
    EXPECT_TRUE(safe.empty() || std::string_view("=+-@\t\r").find(safe[0]) == std::string::npos)
        << cell;
  }
}
