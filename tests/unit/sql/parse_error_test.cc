#include <gtest/gtest.h>

#include "sql_test_util.h"

namespace sluice::sql {
namespace {

TEST(ParseErrorTest, SparkStyleMessageWithCaret) {
  EXPECT_EQ(ErrorOf("SELECT a FROM t WHERE"),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near end of input: expected an expression "
            "(line 1, pos 21)\n\n== SQL ==\nSELECT a FROM t WHERE\n---------------------^^^");
  EXPECT_EQ(ErrorOf("SELECT a,\n  b FROM t\n  WHERE x IN 1"),
            "[PARSE_SYNTAX_ERROR] Syntax error at or near '1': expected '(' (line 3, pos 13)\n\n"
            "== SQL ==\n  WHERE x IN 1\n-------------^^^");
}

TEST(ParseErrorTest, SaysWhatWasExpected) {
  EXPECT_NE(ErrorOf("SELECT CAST(a b)").find("near 'b': expected AS"), std::string::npos);
  EXPECT_NE(ErrorOf("SELECT * FROM t JOIN").find("expected an identifier"), std::string::npos);
  EXPECT_NE(ErrorOf("SELECT 1 2").find("near '2': expected end of input"), std::string::npos);
  EXPECT_NE(ErrorOf("CREATE INDEX i").find("expected TABLE, VIEW, TEMPORARY VIEW or DATABASE"),
            std::string::npos);
  EXPECT_NE(ErrorOf("FETCH 1").find("expected a statement"), std::string::npos);
  EXPECT_NE(ErrorOf("SELECT CASE x END").find("near 'END': expected WHEN"), std::string::npos);
  EXPECT_NE(ErrorOf("SELECT f(x) OVER (ROWS 1)").find("expected PRECEDING or FOLLOWING"),
            std::string::npos);
}

TEST(ParseErrorTest, UnknownTypesNameTheType) {
  std::string message = ErrorOf("SELECT CAST(a AS INTEGR)");
  EXPECT_NE(message.find("[UNSUPPORTED_DATATYPE] Unsupported data type \"INTEGR\""),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("(line 1, pos 17)"), std::string::npos) << message;
  EXPECT_NE(ErrorOf("SELECT CAST(a AS DECIMAL(40, 2))").find("out of range"), std::string::npos);
}

// Checks Spark makes while parsing, with its messages.
TEST(ParseErrorTest, SparkParseTimeChecks) {
  EXPECT_NE(ErrorOf("WITH t AS (SELECT 1), T AS (SELECT 2) SELECT * FROM t")
                .find("CTE definition can't have duplicate names: 'T'. (line 1, pos 22)"),
            std::string::npos);
  EXPECT_NE(ErrorOf("SELECT s LIKE ALL () FROM t").find("Expected something between '(' and ')'"),
            std::string::npos);
  EXPECT_NE(ErrorOf("SELECT 1 FROM t GROUP BY ROLLUP(a, ())")
                .find("Empty set in ROLLUP grouping sets is not supported."),
            std::string::npos);
  EXPECT_NE(ErrorOf("SELECT 1 FROM t GROUP BY CUBE(())").find("Empty set in CUBE"),
            std::string::npos);
  // Window names compare as written (Spark groups them by their text).
  EXPECT_NE(ErrorOf("SELECT 1 FROM t WINDOW w AS (), w AS (ORDER BY a)")
                .find("The definition of window `w` is repetitive."),
            std::string::npos);
  EXPECT_TRUE(ParseStatement("SELECT 1 FROM t WINDOW w AS (), W AS (ORDER BY a)").ok());
  std::string unit = ErrorOf("SELECT date_add('QUARTER', 5, d)");
  EXPECT_NE(unit.find("[INVALID_PARAMETER_VALUE.DATETIME_UNIT]"), std::string::npos) << unit;
  EXPECT_NE(unit.find("but got the string literal 'QUARTER'. (line 1, pos 16)"), std::string::npos)
      << unit;
  // Two arguments: date_add(start, days), where a string is a date.
  EXPECT_TRUE(ParseStatement("SELECT date_add('2024-01-01', 1)").ok());
}

TEST(ParseErrorTest, ReservedWordsAreNotNames) {
  // JOIN, ON, USING, UNION, ... are reserved even in Spark's default mode.
  EXPECT_NE(ErrorOf("SELECT join FROM t").find("near 'join'"), std::string::npos);
  EXPECT_NE(ErrorOf("SELECT * FROM on").find("near 'on'"), std::string::npos);
  EXPECT_TRUE(ParseStatement("SELECT `join` FROM `on`").ok());
}

}  // namespace
}  // namespace sluice::sql
