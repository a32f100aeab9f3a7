#include "types/schema.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace sluice::types {
namespace {

TEST(DdlTest, ParsesSparkTypesAndAliases) {
  auto s = ParseDdlSchema(
      "id INT, big LONG, amount DECIMAL(12,2), ts TIMESTAMP, ntz timestamp_ntz, d date, flag "
      "boolean, "
      "b binary, f float, x double, t tinyint, sm short, name varchar(20), iv interval");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->ToDdl(),
            "id INT, big BIGINT, amount DECIMAL(12,2), ts TIMESTAMP, ntz TIMESTAMP_NTZ, d DATE, "
            "flag BOOLEAN, "
            "b BINARY, f FLOAT, x DOUBLE, t TINYINT, sm SMALLINT, name STRING, iv INTERVAL");
}

TEST(DdlTest, NestedTypesNotNullQuotedNamesAndComments) {
  auto s = ParseDdlSchema(
      "`Case Created dttm` STRING NOT NULL COMMENT 'when', tags ARRAY<STRING>, "
      "m MAP<STRING, ARRAY<INT>>, s STRUCT<a: INT, `b c` DECIMAL(38,10)>, `we``ird` INT");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->field(0).name, "Case Created dttm");
  EXPECT_FALSE(s->field(0).nullable);
  EXPECT_EQ(s->field(3).type.children()[1].type, LogicalType::Decimal(38, 10));
  EXPECT_EQ(s->field(0).comment, "when");
  EXPECT_EQ(s->ToDdl(),
            "`Case Created dttm` STRING NOT NULL COMMENT 'when', tags ARRAY<STRING>, "
            "m MAP<STRING, ARRAY<INT>>, s STRUCT<a: INT, `b c`: DECIMAL(38,10)>, `we``ird` INT");
  auto again = ParseDdlSchema(s->ToDdl());
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(*again, *s);
  EXPECT_EQ(again->field(0).comment, "when");
}

// A stored table's comments survive its catalog entry (written with ToDdl, read back).
TEST(DdlTest, CommentsWithQuotesRoundTrip) {
  auto s = ParseDdlSchema(R"(a INT COMMENT 'it\'s a \\ "b"', b STRING COMMENT "say \"hi\"")");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->field(0).comment, R"(it's a \ "b")");
  EXPECT_EQ(s->field(1).comment, R"(say "hi")");
  auto again = ParseDdlSchema(s->ToDdl());
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->field(0).comment, s->field(0).comment);
  EXPECT_EQ(again->field(1).comment, s->field(1).comment);
}

TEST(DdlTest, DefaultDecimalAndErrors) {
  EXPECT_EQ(*ParseDdlType("decimal"), LogicalType::Decimal(10, 0));
  auto bad = ParseDdlSchema("id INTEGR");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("expected a type name"), std::string::npos);
  EXPECT_NE(bad.status().message().find("character 4"), std::string::npos);
  EXPECT_FALSE(ParseDdlSchema("d DECIMAL(39,2)").ok());
  EXPECT_FALSE(ParseDdlSchema("d DECIMAL(5,6)").ok());
  EXPECT_FALSE(ParseDdlSchema("").ok());
  EXPECT_FALSE(ParseDdlSchema("a INT,").ok());
  EXPECT_FALSE(ParseDdlSchema("a ARRAY<INT").ok());
}

TEST(StructTypeJsonTest, RoundTripsThroughSparkJson) {
  auto s = ParseDdlSchema(
      "a INT NOT NULL, b ARRAY<STRING>, c MAP<STRING, DOUBLE>, d STRUCT<x: DATE>, e DECIMAL(9,3)");
  ASSERT_TRUE(s.ok());
  std::string json = s->ToJson();
  EXPECT_NE(json.find("\"type\":\"integer\",\"nullable\":false"), std::string::npos);
  auto back = ParseStructTypeJson(json);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, *s);
  EXPECT_EQ(*ParseSchema(json), *s);
}

TEST(StructTypeJsonTest, ReadsTheBillingSeedSchema) {
  std::ifstream in(std::string(SLUICE_SEEDS_DIR) + "/billing/schema.json");
  ASSERT_TRUE(in.good());
  std::stringstream text;
  text << in.rdbuf();
  auto s = ParseSchema(text.str());
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(
      s->ToDdl(),
      "timestamp TIMESTAMP, resource_id STRING, user_id INT, credit_usage DOUBLE, region STRING, "
      "service_tier STRING, operation_type STRING, success BOOLEAN, resource_type STRING, "
      "invoice_id STRING, "
      "currency STRING, year INT, month INT, day INT");
}

TEST(StructTypeJsonTest, ErrorsNameTheProblem) {
  auto r = ParseStructTypeJson("{\"fields\": [{\"name\": \"a\", \"type\": \"intgr\"}]}");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("field \"a\""), std::string::npos);
  EXPECT_FALSE(ParseStructTypeJson("{\"fields\": [").ok());
  EXPECT_FALSE(ParseStructTypeJson("{\"type\": \"array\", \"fields\": []}").ok());
}

TEST(SchemaTest, FindFieldIsCaseInsensitive) {
  Schema s = *ParseDdlSchema("Event STRING, ts TIMESTAMP");
  EXPECT_EQ(s.FindField("event"), 0u);
  EXPECT_EQ(s.FindField("TS"), 1u);
  EXPECT_FALSE(s.FindField("e").has_value());
}

TEST(LogicalTypeTest, WidthsAndNames) {
  EXPECT_EQ(LogicalType::Decimal(18, 2).FixedWidth(), 8);
  EXPECT_EQ(LogicalType::Decimal(19, 2).FixedWidth(), 16);
  EXPECT_EQ(LogicalType(TypeId::kString).FixedWidth(), 16);
  EXPECT_EQ(LogicalType(TypeId::kInterval).FixedWidth(), 16);
  EXPECT_TRUE(LogicalType(TypeId::kBigInt).IsInteger());
  EXPECT_FALSE(LogicalType(TypeId::kDouble).IsInteger());
  EXPECT_NE(LogicalType::Array(TypeId::kInt), LogicalType::Array(TypeId::kBigInt));
}

TEST(LogicalTypeTest, AnsiIntervalsKeepTheirFields) {
  using types::IntervalField;
  const LogicalType ym = LogicalType::Interval(IntervalField::kYear, IntervalField::kMonth);
  const LogicalType hour = LogicalType::Interval(IntervalField::kHour, IntervalField::kHour);
  EXPECT_EQ(ym.FixedWidth(), 4);
  EXPECT_EQ(hour.FixedWidth(), 8);
  EXPECT_EQ(ym.ToString(), "INTERVAL YEAR TO MONTH");
  EXPECT_EQ(hour.ToString(), "INTERVAL HOUR");
  EXPECT_NE(hour, LogicalType::Interval(IntervalField::kDay, IntervalField::kHour));
  // DDL: bare INTERVAL is CalendarInterval, ranges are the ANSI types, reversed ones errors.
  EXPECT_EQ(*ParseDdlType("interval"), LogicalType(TypeId::kInterval));
  EXPECT_EQ(*ParseDdlType("INTERVAL YEAR TO MONTH"), ym);
  EXPECT_EQ(*ParseDdlType("interval hour"), hour);
  EXPECT_EQ(*ParseDdlType("INTERVAL DAY TO SECOND"),
            LogicalType::Interval(IntervalField::kDay, IntervalField::kSecond));
  EXPECT_FALSE(ParseDdlType("INTERVAL SECOND TO DAY").ok());
  EXPECT_FALSE(ParseDdlType("INTERVAL YEAR TO DAY").ok());
  EXPECT_FALSE(ParseDdlType("INTERVAL DAY TO").ok());
}

}  // namespace
}  // namespace sluice::types
