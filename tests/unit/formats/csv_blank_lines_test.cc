// Lines of only white space (Spark's trimmed-empty lines: every char <= U+0020) are not
// rows, before the header as after it; line numbers of later rows still count them.
#include <gtest/gtest.h>

#include "csv_test_util.h"

namespace sluice::formats::csv {
namespace {

TEST(CsvBlankLinesTest, WhiteSpaceLinesAreNotRowsAndKeepLineNumbers) {
  const std::string data = " \t\nid,v\n1,a\n   \n\x0b\x01\r\nx,b\n\n2,c\n";
  auto r = ReadCsv(FsWith({{"t.csv", data}}), {"t.csv"}, {{"header", "true"}}, "id INT, v STRING");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.rows, (Rows{{"1", "a"}, {"NULL", "b"}, {"2", "c"}}));
  EXPECT_EQ(r.stats.rows_read, 3u);
  ASSERT_EQ(r.rejects.size(), 1u);
  EXPECT_EQ(r.rejects[0].line, 6u);
  EXPECT_EQ(r.rejects[0].byte_offset, data.find("x,b"));
}

TEST(CsvBlankLinesTest, InsideAQuotedMultiLineValueTheyAreText) {
  const std::string data = "1,\"p\n \t\nq\"\n \nx,z\n";
  auto r =
      ReadCsv(FsWith({{"t.csv", data}}), {"t.csv"}, {{"multiLine", "true"}}, "id INT, v STRING");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.rows, (Rows{{"1", "p\n \t\nq"}, {"NULL", "z"}}));
  ASSERT_EQ(r.rejects.size(), 1u);
  EXPECT_EQ(r.rejects[0].line, 5u);
}

}  // namespace
}  // namespace sluice::formats::csv
