#include "sql/statement_splitter.h"

#include <gtest/gtest.h>

namespace sluice::sql {
namespace {

TEST(StatementSplitterTest, SplitsOnSemicolonsOutsideQuotesAndComments) {
  auto statements = SplitStatements(
      "SELECT ';' AS a;\n"
      "SELECT \";\", `x;y` -- c;omment\n"
      "  FROM t /* a; /* nested; */ b; */ ;\n"
      ";;  \n"
      "SET k=v");
  ASSERT_EQ(statements.size(), 3u);
  EXPECT_EQ(statements[0].text, "SELECT ';' AS a");
  EXPECT_EQ(statements[0].start.line, 1);
  EXPECT_EQ(statements[1].text,
            "SELECT \";\", `x;y` -- c;omment\n  FROM t");  // trailing comments are left out
  EXPECT_EQ(statements[1].start.line, 2);
  EXPECT_EQ(statements[2].text, "SET k=v");
  EXPECT_EQ(statements[2].start.line, 5);
  EXPECT_EQ(statements[2].start.offset, 89u);
}

TEST(StatementSplitterTest, CommentsAndBlanksAloneAreNoStatement) {
  EXPECT_TRUE(SplitStatements("  -- only a comment\n/* and; another */ ;\n").empty());
  EXPECT_TRUE(SplitStatements("").empty());
}

TEST(StatementSplitterTest, UnlexableRestIsTheLastStatement) {
  auto statements = SplitStatements("SELECT 1;\nSELECT 'open; SELECT 2;");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0].text, "SELECT 1");
  EXPECT_EQ(statements[1].text, "SELECT 'open; SELECT 2;");
  EXPECT_EQ(statements[1].start.line, 2);
  auto comment = SplitStatements("SELECT 1; /* never closed");
  ASSERT_EQ(comment.size(), 2u);
  EXPECT_EQ(comment[1].text, "/* never closed");
  EXPECT_EQ(comment[1].start.column, 11);
}

}  // namespace
}  // namespace sluice::sql
