#include <gtest/gtest.h>

#include "sql_test_util.h"

namespace sluice::sql {
namespace {

using types::TypeId;

TEST(ParserExpressionTest, ArithmeticPrecedence) {
  EXPECT_EQ(PrintExpr("1 + 2 * 3"), "(1 + (2 * 3))");
  EXPECT_EQ(PrintExpr("1 - 2 - 3"), "((1 - 2) - 3)");
  EXPECT_EQ(PrintExpr("a / b % c div d"), "(((`a` / `b`) % `c`) DIV `d`)");
  EXPECT_EQ(PrintExpr("a || b + c"), "((`a` || `b`) + `c`)");
  EXPECT_EQ(PrintExpr("a | b ^ c & d + e"), "(`a` | (`b` ^ (`c` & (`d` + `e`))))");
  EXPECT_EQ(PrintExpr("-a * b"), "((- `a`) * `b`)");
  EXPECT_EQ(PrintExpr("~a + +b"), "((~ `a`) + (+ `b`))");
  EXPECT_EQ(PrintExpr("a.b[1].c::int + 1"), "((`a`.`b`[1].`c`::INT) + 1)");
}

TEST(ParserExpressionTest, BooleanPrecedence) {
  EXPECT_EQ(PrintExpr("a OR b AND NOT c = d"), "(`a` OR (`b` AND (NOT (`c` = `d`))))");
  EXPECT_EQ(PrintExpr("!a AND b"), "((NOT `a`) AND `b`)");
  EXPECT_EQ(PrintExpr("a = b IS NULL"), "((`a` = `b`) IS NULL)");
  EXPECT_EQ(PrintExpr("a + 1 BETWEEN 2 AND 3 OR x"), "(((`a` + 1) BETWEEN 2 AND 3) OR `x`)");
  EXPECT_EQ(PrintExpr("a < b = c"), "((`a` < `b`) = `c`)");
  EXPECT_EQ(PrintExpr("a == b AND c != d AND e <> f AND g <=> h"),
            "((((`a` = `b`) AND (`c` <> `d`)) AND (`e` <> `f`)) AND (`g` <=> `h`))");
}

TEST(ParserExpressionTest, Predicates) {
  EXPECT_EQ(PrintExpr("x IS NOT NULL"), "(`x` IS NOT NULL)");
  EXPECT_EQ(PrintExpr("x is true"), "(`x` IS TRUE)");
  EXPECT_EQ(PrintExpr("x IS NOT FALSE"), "(`x` IS NOT FALSE)");
  EXPECT_EQ(PrintExpr("x IS UNKNOWN"), "(`x` IS UNKNOWN)");
  EXPECT_EQ(PrintExpr("x IS NOT DISTINCT FROM y + 1"), "(`x` IS NOT DISTINCT FROM (`y` + 1))");
  EXPECT_EQ(PrintExpr("x NOT BETWEEN 1 AND 2"), "(`x` NOT BETWEEN 1 AND 2)");
  EXPECT_EQ(PrintExpr("x IN (1, 2)"), "(`x` IN (1, 2))");
  EXPECT_EQ(PrintExpr("x NOT IN (SELECT a FROM t)"), "(`x` NOT IN (SELECT `a` FROM `t`))");
  EXPECT_EQ(PrintExpr("x IN ((SELECT 1) UNION (SELECT 2))"),
            "(`x` IN ((SELECT 1) UNION (SELECT 2)))");
  EXPECT_EQ(PrintExpr("x IN ((SELECT 1) + 1, 2)"), "(`x` IN (((SELECT 1) + 1), 2))");
  EXPECT_EQ(PrintExpr("(a, b) IN ((1, 2), (3, 4))"), "((`a`, `b`) IN ((1, 2), (3, 4)))");
  EXPECT_EQ(PrintExpr("s LIKE 'a%' ESCAPE '!'"), "(`s` LIKE 'a%' ESCAPE '!')");
  EXPECT_EQ(PrintExpr("s NOT ILIKE ANY ('a%', 'b%')"), "(`s` NOT ILIKE ANY ('a%', 'b%'))");
  EXPECT_EQ(PrintExpr("s LIKE SOME ('a')"), "(`s` LIKE ANY ('a'))");
  EXPECT_EQ(PrintExpr("s like all ('a', 'b')"), "(`s` LIKE ALL ('a', 'b'))");
  EXPECT_EQ(PrintExpr("s REGEXP '^a' AND s NOT RLIKE 'b'"),
            "((`s` RLIKE '^a') AND (`s` NOT RLIKE 'b'))");
  EXPECT_EQ(PrintExpr("EXISTS (SELECT 1)"), "EXISTS (SELECT 1)");
  EXPECT_EQ(PrintExpr("NOT EXISTS (SELECT 1)"), "(NOT EXISTS (SELECT 1))");
  EXPECT_EQ(PrintExpr("(SELECT max(a) FROM t) + 1"), "((SELECT `max`(`a`) FROM `t`) + 1)");

  ExprPtr like = Expression("s NOT LIKE 'x' ESCAPE '\\\\'");
  const auto& l = like->As<Like>();
  EXPECT_TRUE(l.negated);
  EXPECT_EQ(l.like_kind, LikeKind::kLike);
  ASSERT_TRUE(l.escape.has_value());
  EXPECT_EQ(*l.escape, "\\");
}

TEST(ParserExpressionTest, NumericLiteralTypes) {
  struct Case {
    const char* text;
    TypeId type;
    const char* spelling;
  };
  const Case cases[] = {
      {"1", TypeId::kInt, "1"},
      {"2147483647", TypeId::kInt, "2147483647"},
      {"2147483648", TypeId::kBigInt, "2147483648"},
      {"-2147483648", TypeId::kInt, "-2147483648"},
      {"-2147483649", TypeId::kBigInt, "-2147483649"},
      {"9223372036854775808", TypeId::kDecimal, "9223372036854775808"},
      {"-9223372036854775808", TypeId::kBigInt, "-9223372036854775808"},
      {"1L", TypeId::kBigInt, "1L"},
      {"7s", TypeId::kSmallInt, "7s"},
      {"-128Y", TypeId::kTinyInt, "-128Y"},
      {"1.5", TypeId::kDecimal, "1.5"},
      {".5", TypeId::kDecimal, ".5"},
      {"1.", TypeId::kDecimal, "1."},
      {"1E10", TypeId::kDouble, "1E10"},
      {"1.5e-3", TypeId::kDouble, "1.5e-3"},
      {"1.5D", TypeId::kDouble, "1.5D"},
      {"2d", TypeId::kDouble, "2d"},
      {"1.5F", TypeId::kFloat, "1.5F"},
      {"1.5BD", TypeId::kDecimal, "1.5BD"},
      {"10bd", TypeId::kDecimal, "10bd"},
  };
  for (const Case& c : cases) {
    ExprPtr e = Expression(c.text);
    ASSERT_NE(e, nullptr);
    ASSERT_EQ(e->kind, ExprKind::kLiteral) << c.text;
    const auto& l = e->As<Literal>();
    EXPECT_EQ(l.literal_kind, LiteralKind::kNumber) << c.text;
    EXPECT_EQ(l.number_type, c.type) << c.text;
    EXPECT_EQ(l.text, c.spelling) << c.text;
  }
  EXPECT_NE(ErrorOf("SELECT 128Y").find("range [-128, 127] for type tinyint"), std::string::npos);
  EXPECT_NE(ErrorOf("SELECT 32768S").find("smallint"), std::string::npos);
  EXPECT_NE(ErrorOf("SELECT 9223372036854775808L").find("bigint"), std::string::npos);
  EXPECT_NE(ErrorOf("SELECT 123456789012345678901234567890123456789").find("38 digits"),
            std::string::npos);
  // "- 1" with a space is still the literal -1; "a -1" is a subtraction.
  EXPECT_EQ(PrintExpr("- 1"), "-1");
  EXPECT_EQ(Expression("  - 1")->pos.column, 3);
  EXPECT_EQ(PrintExpr("a -1"), "(`a` - 1)");
  EXPECT_EQ(PrintExpr("- -1"), "(- (-1))");
  EXPECT_EQ(PrintExpr("-(1)"), "(- (1))");  // not the literal -1
}

TEST(ParserExpressionTest, OtherLiterals) {
  EXPECT_EQ(PrintExpr("NULL"), "NULL");
  EXPECT_EQ(PrintExpr("true AND False"), "(TRUE AND FALSE)");
  EXPECT_EQ(PrintExpr("'a' \"b\" 'c'"), "'abc'");
  EXPECT_EQ(PrintExpr("'it\\'s\\n'"), "'it\\'s\\n'");
  EXPECT_EQ(PrintExpr("date '2020-01-01'"), "DATE '2020-01-01'");
  EXPECT_EQ(PrintExpr("TIMESTAMP '2020-01-01 10:00'"), "TIMESTAMP '2020-01-01 10:00'");
  EXPECT_EQ(PrintExpr("timestamp_ntz'2020-01-01'"), "TIMESTAMP_NTZ '2020-01-01'");
  EXPECT_EQ(PrintExpr("TIMESTAMP_LTZ '2020-01-01'"), "TIMESTAMP_LTZ '2020-01-01'");
  EXPECT_EQ(PrintExpr("X'1F0a'"), "X '1F0a'");
  // Without a string after it, DATE is a column name (non-reserved keyword).
  EXPECT_EQ(PrintExpr("date + 1"), "(`date` + 1)");
  ExprPtr s = Expression("'\\u0041\\101\\t\\%'");
  EXPECT_EQ(s->As<Literal>().text, "AA\t\\%");
}

TEST(ParserExpressionTest, Intervals) {
  ExprPtr single = Expression("INTERVAL '1' DAY");
  const auto& a = single->As<IntervalLiteral>();
  ASSERT_EQ(a.parts.size(), 1u);
  EXPECT_EQ(a.parts[0].value, "1");
  EXPECT_TRUE(a.parts[0].is_string);
  EXPECT_EQ(a.parts[0].unit, "DAY");

  ExprPtr multi = Expression("interval 1 day -2 hours '3' minutes");
  const auto& b = multi->As<IntervalLiteral>();
  ASSERT_EQ(b.parts.size(), 3u);
  EXPECT_EQ(b.parts[1].value, "-2");
  EXPECT_FALSE(b.parts[1].is_string);
  EXPECT_EQ(b.parts[1].unit, "HOURS");
  EXPECT_EQ(b.parts[2].unit, "MINUTES");

  ExprPtr range = Expression("INTERVAL '1-2' YEAR TO MONTH");
  const auto& c = range->As<IntervalLiteral>();
  EXPECT_EQ(c.parts[0].unit, "YEAR");
  EXPECT_EQ(c.to_unit, "MONTH");

  EXPECT_EQ(PrintExpr("INTERVAL '1 day 2 hours'"), "INTERVAL '1 day 2 hours'");
  EXPECT_EQ(PrintExpr("d + interval 1 day - 1"), "((`d` + INTERVAL 1 DAY) - 1)");
  EXPECT_EQ(PrintExpr("INTERVAL '10 11:12' DAY TO MINUTE"), "INTERVAL '10 11:12' DAY TO MINUTE");
  // Without a value INTERVAL is a name.
  EXPECT_EQ(PrintExpr("interval"), "`interval`");
  EXPECT_NE(ErrorOf("SELECT INTERVAL 1").find("an interval unit"), std::string::npos);
  EXPECT_NE(ErrorOf("SELECT INTERVAL 1 YEAR TO MONTH").find("from-to unit must be a string"),
            std::string::npos);
  EXPECT_NE(ErrorOf("SELECT INTERVAL '1' YEAR TO SECOND")
                .find("Intervals FROM YEAR TO SECOND are not supported (line 1, pos 28)"),
            std::string::npos);
}

TEST(ParserExpressionTest, NamesStarsAndAccess) {
  ExprPtr ref = Expression("db.t.`a b`");
  ASSERT_EQ(ref->kind, ExprKind::kColumnRef);
  EXPECT_EQ(ref->As<ColumnRef>().name, (std::vector<std::string>{"db", "t", "a b"}));
  ExprPtr field = Expression("f(x).a");
  ASSERT_EQ(field->kind, ExprKind::kFieldAccess);
  EXPECT_EQ(field->As<FieldAccess>().field, "a");
  EXPECT_EQ(PrintExpr("m['k'][0]"), "`m`['k'][0]");
  EXPECT_EQ(PrintExpr("1 .a"), "(1).`a`");  // fuzzer find: "1.`a`" lexes as 1. AS a
  EXPECT_EQ(PrintExpr("*"), "*");
  EXPECT_EQ(PrintExpr("t.*"), "`t`.*");
  ExprPtr star = Expression("* EXCEPT (a, t.b)");
  const auto& s = star->As<Star>();
  ASSERT_EQ(s.except.size(), 2u);
  EXPECT_EQ(s.except[1], (std::vector<std::string>{"t", "b"}));
  EXPECT_EQ(PrintExpr("(a, b + 1)"), "(`a`, (`b` + 1))");
  EXPECT_EQ(PrintExpr("struct(a AS x, b)"), "`struct`(`a` AS `x`, `b`)");
}

TEST(ParserExpressionTest, CaseAndCasts) {
  EXPECT_EQ(PrintExpr("CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END"),
            "CASE WHEN `a` THEN 1 WHEN `b` THEN 2 ELSE 3 END");
  EXPECT_EQ(PrintExpr("case x when 1 then 'a' end"), "CASE `x` WHEN 1 THEN 'a' END");
  ExprPtr cast = Expression("CAST(a AS DECIMAL(12, 2))");
  EXPECT_EQ(cast->As<Cast>().type, types::LogicalType::Decimal(12, 2));
  EXPECT_EQ(cast->As<Cast>().syntax, CastSyntax::kCast);
  EXPECT_EQ(PrintExpr("try_cast(a AS map<string, array<int>>)"),
            "TRY_CAST(`a` AS MAP<STRING, ARRAY<INT>>)");
  EXPECT_EQ(PrintExpr("a::bigint"), "(`a`::BIGINT)");
  ExprPtr nested = Expression("cast(s as struct<a: int, `b c`: string>)");
  const auto& type = nested->As<Cast>().type;
  ASSERT_EQ(type.id(), TypeId::kStruct);
  EXPECT_EQ(type.children()[1].name, "b c");
  EXPECT_EQ(Expression("cast(x as interval day to second)")->As<Cast>().type.id(),
            TypeId::kDayTimeInterval);
  EXPECT_EQ(Expression("cast(x as interval)")->As<Cast>().type.id(), TypeId::kInterval);
  EXPECT_EQ(Expression("cast(x as long)")->As<Cast>().type.id(), TypeId::kBigInt);
  EXPECT_EQ(Expression("cast(x as varchar(3))")->As<Cast>().type.id(), TypeId::kString);
  EXPECT_EQ(Expression("x::timestamp_ntz")->As<Cast>().type.id(), TypeId::kTimestampNtz);
}

TEST(ParserExpressionTest, FunctionCalls) {
  ExprPtr call = Expression("count(DISTINCT a, b) FILTER (WHERE c > 0)");
  const auto& f = call->As<FunctionCall>();
  EXPECT_EQ(f.name, std::vector<std::string>{"count"});
  EXPECT_TRUE(f.distinct);
  EXPECT_EQ(f.args.size(), 2u);
  ASSERT_NE(f.filter, nullptr);
  EXPECT_EQ(PrintExpr("count(*)"), "`count`(*)");
  EXPECT_EQ(PrintExpr("first(x) IGNORE NULLS"), "`first`(`x`) IGNORE NULLS");
  EXPECT_EQ(PrintExpr("read_files('p', format => 'csv')"), "`read_files`('p', `format` => 'csv')");
  EXPECT_EQ(PrintExpr("transform(a, x -> x + 1)"), "`transform`(`a`, (`x`) -> (`x` + 1))");
  EXPECT_EQ(PrintExpr("zip_with(a, b, (x, y) -> x * y)"),
            "`zip_with`(`a`, `b`, (`x`, `y`) -> (`x` * `y`))");
  EXPECT_EQ(PrintExpr("left('abc', 2) || right('abc', 1)"),
            "(`left`('abc', 2) || `right`('abc', 1))");
  EXPECT_EQ(PrintExpr("exists(a, x -> x > 1)"), "`exists`(`a`, (`x`) -> (`x` > 1))");
  // Outside an argument list a lambda prints in parentheses, or its body would take in
  // what follows it ("(x -> 1) - y" is no "x -> (1 - y)"); the printed text parses back.
  EXPECT_EQ(PrintExpr("(x -> 1) - y"), "(((`x`) -> 1) - `y`)");
  EXPECT_EQ(PrintExpr(PrintExpr("(x -> 1) - y")), "(((`x`) -> 1) - `y`)");
  EXPECT_EQ(PrintExpr("(x -> 1)::int"), "(((`x`) -> 1)::INT)");
  EXPECT_EQ(PrintExpr("f(n => x -> x)"), "`f`(`n` => (`x`) -> `x`)");
  EXPECT_EQ(PrintExpr("percentile_cont(0.5) WITHIN GROUP (ORDER BY x DESC)"),
            "`percentile_cont`(0.5) WITHIN GROUP (ORDER BY `x` DESC)");
}

TEST(ParserExpressionTest, SpecialCallSyntax) {
  ExprPtr extract = Expression("EXTRACT(YEAR FROM d)");
  const auto& e = extract->As<FunctionCall>();
  EXPECT_EQ(e.syntax, CallSyntax::kExtract);
  EXPECT_EQ(e.args[0]->As<Literal>().text, "YEAR");
  EXPECT_EQ(PrintExpr("extract(year from d)"), "EXTRACT(`year` FROM `d`)");
  EXPECT_EQ(PrintExpr("position('b' IN s)"), "POSITION('b' IN `s`)");
  EXPECT_EQ(PrintExpr("position('b', s)"), "`position`('b', `s`)");
  EXPECT_EQ(PrintExpr("substring(s FROM 2 FOR 3)"), "SUBSTRING(`s` FROM 2 FOR 3)");
  EXPECT_EQ(PrintExpr("substr(s, 2)"), "`substr`(`s`, 2)");
  ExprPtr trim = Expression("TRIM(LEADING 'x' FROM s)");
  const auto& t = trim->As<FunctionCall>();
  EXPECT_EQ(t.syntax, CallSyntax::kTrimLeading);
  ASSERT_EQ(t.args.size(), 2u);
  EXPECT_EQ(t.args[0]->As<ColumnRef>().name[0], "s");  // source first, then the characters
  EXPECT_EQ(PrintExpr("trim(BOTH FROM s)"), "TRIM(BOTH FROM `s`)");
  EXPECT_EQ(PrintExpr("trim('x' FROM s)"), "TRIM(BOTH 'x' FROM `s`)");
  EXPECT_EQ(PrintExpr("trim(TRAILING FROM s)"), "TRIM(TRAILING FROM `s`)");
  EXPECT_EQ(PrintExpr("trim(s)"), "`trim`(`s`)");
  ExprPtr add = Expression("timestampadd(microsecond, 5, t)");
  const auto& a = add->As<FunctionCall>();
  EXPECT_EQ(a.syntax, CallSyntax::kDatetimeUnit);
  ASSERT_EQ(a.args.size(), 3u);
  EXPECT_EQ(a.args[0]->As<Literal>().text, "MICROSECOND");  // the unit, not a column
  EXPECT_EQ(PrintExpr("datediff(DAY, a, b)"), "`datediff`(DAY, `a`, `b`)");
  EXPECT_EQ(PrintExpr("datediff(a, b)"), "`datediff`(`a`, `b`)");
}

TEST(ParserExpressionTest, Windows) {
  ExprPtr call = Expression(
      "sum(x) OVER (PARTITION BY a, b ORDER BY c DESC NULLS LAST ROWS BETWEEN UNBOUNDED "
      "PRECEDING AND 1 FOLLOWING)");
  const auto& over = *call->As<FunctionCall>().over;
  EXPECT_EQ(over.partition_by.size(), 2u);
  ASSERT_EQ(over.order_by.size(), 1u);
  EXPECT_TRUE(over.order_by[0].descending);
  EXPECT_EQ(over.order_by[0].nulls_first, false);
  ASSERT_TRUE(over.frame.has_value());
  EXPECT_TRUE(over.frame->rows);
  EXPECT_EQ(over.frame->start.kind, FrameBoundKind::kUnboundedPreceding);
  EXPECT_EQ(over.frame->end->kind, FrameBoundKind::kFollowing);
  EXPECT_EQ(PrintExpr("rank() OVER w"), "`rank`() OVER `w`");
  EXPECT_EQ(PrintExpr("rank() OVER (w)"), "`rank`() OVER `w`");
  EXPECT_EQ(PrintExpr("lag(x) OVER (DISTRIBUTE BY a SORT BY b RANGE CURRENT ROW)"),
            "`lag`(`x`) OVER (PARTITION BY `a` ORDER BY `b` ASC RANGE CURRENT ROW)");
  EXPECT_EQ(PrintExpr("avg(x) OVER (ORDER BY d RANGE BETWEEN INTERVAL 1 DAY PRECEDING AND "
                      "CURRENT ROW)"),
            "`avg`(`x`) OVER (ORDER BY `d` ASC RANGE BETWEEN INTERVAL 1 DAY PRECEDING AND "
            "CURRENT ROW)");
  EXPECT_EQ(PrintExpr("first_value(x) IGNORE NULLS OVER (CLUSTER BY a)"),
            "`first_value`(`x`) IGNORE NULLS OVER (PARTITION BY `a`)");
}

// Text that could be a subquery or an expression, or an ordinary or special call, is
// decided without parsing it twice per level: 2^40 retries would never finish.
TEST(ParserExpressionTest, NestedAmbiguitiesParseInLinearTime) {
  std::string subqueries = "SELECT ", relations = "SELECT * FROM ", calls = "SELECT ";
  for (int i = 0; i < 40; ++i) {
    subqueries += "((SELECT ";
    relations += "((SELECT * FROM ";
    calls += "substr(trim(position(";
  }
  subqueries += "1";
  relations += "t";
  calls += "x";
  for (int i = 0; i < 40; ++i) {
    subqueries += ") + 1)";
    relations += ") JOIN u)";
    calls += ", 1), 'a'), 2)";
  }
  EXPECT_TRUE(ParseStatement(subqueries).ok());
  EXPECT_TRUE(ParseStatement(relations).ok());
  EXPECT_TRUE(ParseStatement(calls).ok());
}

TEST(ParserExpressionTest, NestingDepthIsBounded) {
  std::string deep(100000, '(');
  auto result = ParseExpression(deep);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("less deeply nested"), std::string::npos);
  const std::pair<const char*, const char*> nestings[] = {
      {"SELECT * FROM ", "("}, {"SELECT 1 GROUP BY ", "GROUPING SETS ("}, {"", "EXPLAIN "}};
  for (const auto& [prefix, nest] : nestings) {
    std::string text = prefix;
    for (int i = 0; i < 20000; ++i) text += nest;
    auto statement = ParseStatement(text);
    ASSERT_FALSE(statement.ok()) << nest;
    EXPECT_NE(statement.status().message().find("less deeply nested"), std::string::npos)
        << statement.status().message().substr(0, 200);
  }
  std::string unary;
  for (int i = 0; i < 50000; ++i) unary += "~ ";
  EXPECT_FALSE(ParseExpression(unary + "1").ok());
  std::string subqueries;
  for (int i = 0; i < 5000; ++i) subqueries += "(SELECT ";
  EXPECT_FALSE(ParseExpression(subqueries + "1").ok());
}

}  // namespace
}  // namespace sluice::sql
