// Spark 3.5's implicit type rules (TypeCoercion.scala, DecimalPrecision.scala), with the
// expected types from Spark's documented behaviour and the formulas in DecimalPrecision's
// class comment.
#include "functions/type_coercion.h"

#include <gtest/gtest.h>

namespace sluice::functions {
namespace {

using types::Field;
using types::LogicalType;
using types::TypeId;

const LogicalType kNull = TypeId::kNull, kBool = TypeId::kBoolean, kByte = TypeId::kTinyInt,
                  kShort = TypeId::kSmallInt, kInt = TypeId::kInt, kLong = TypeId::kBigInt,
                  kFloat = TypeId::kFloat, kDouble = TypeId::kDouble, kString = TypeId::kString,
                  kBinary = TypeId::kBinary, kDate = TypeId::kDate, kTs = TypeId::kTimestamp,
                  kNtz = TypeId::kTimestampNtz;

LogicalType Dec(int p, int s) { return LogicalType::Decimal(p, s); }

std::string Show(const std::optional<LogicalType>& t) { return t ? t->ToString() : "none"; }

struct Pair {
  LogicalType a, b;
  std::optional<LogicalType> expected;
};

TEST(TypeCoercionTest, WiderTypeOfTwo) {
  const Pair cases[] = {
      {kInt, kLong, kLong},
      {kByte, kShort, kShort},
      {kInt, kFloat, kFloat},  // not ANSI: FLOAT stays FLOAT
      {kLong, kDouble, kDouble},
      {kNull, kInt, kInt},
      {kString, kNull, kString},
      {kInt, Dec(10, 0), Dec(10, 0)},  // tightest: DECIMAL(10,0) holds every INT
      {kInt, Dec(5, 2), Dec(12, 2)},   // INT as DECIMAL(10,0): 10 integer digits + 2
      {kByte, Dec(2, 1), Dec(4, 1)},
      {kLong, Dec(38, 10), Dec(38, 10)},
      {Dec(38, 0), Dec(38, 38), Dec(38, 38)},  // capped at 38: integer digits are lost
      {Dec(10, 2), Dec(5, 4), Dec(12, 4)},
      {Dec(10, 2), kDouble, kDouble},
      {kFloat, Dec(10, 2), kDouble},
      {kDate, kTs, kTs},
      {kDate, kNtz, kNtz},
      {kTs, kNtz, kTs},
      {kString, kInt, kString},
      {kDate, kString, kString},
      {kString, Dec(10, 2), kString},
      {kString, kBool, std::nullopt},
      {kString, kBinary, std::nullopt},
      {kBool, kInt, std::nullopt},
      {kTs, kInt, std::nullopt},
      {kBinary, kBinary, kBinary},
      {LogicalType::Array(kInt), LogicalType::Array(kDouble), LogicalType::Array(kDouble)},
      {LogicalType::Array(kInt), LogicalType::Array(kString), LogicalType::Array(kString)},
      {LogicalType::Array(kInt), kInt, std::nullopt},
      {LogicalType::Map(kString, kInt), LogicalType::Map(kString, kLong),
       LogicalType::Map(kString, kLong)},
      {LogicalType::Map(kInt, kInt), LogicalType::Map(kString, kInt),
       LogicalType::Map(kString, kInt)},
      {LogicalType::Struct({Field{"a", kInt, false}}),
       LogicalType::Struct({Field{"a", kLong, false}}),
       LogicalType::Struct({Field{"a", kLong, false}})},
      {LogicalType::Struct({Field{"a", kInt, false}}),
       LogicalType::Struct({Field{"a", kString, true}}),
       LogicalType::Struct({Field{"a", kString, true}})},
      {LogicalType::Struct({Field{"a", kInt, true}}), LogicalType::Struct({Field{"b", kInt, true}}),
       std::nullopt},
  };
  for (const Pair& c : cases) {
    EXPECT_EQ(Show(WiderType(c.a, c.b)), Show(c.expected))
        << c.a.ToString() << ", " << c.b.ToString();
    EXPECT_EQ(Show(WiderType(c.b, c.a)), Show(c.expected))
        << c.b.ToString() << ", " << c.a.ToString();
  }
  // Field names match ignoring case; the first side's spelling stays.
  EXPECT_EQ(Show(WiderType(LogicalType::Struct({Field{"a", kInt, true}}),
                           LogicalType::Struct({Field{"A", kInt, true}}))),
            "STRUCT<a: INT>");
  EXPECT_EQ(Show(TightestCommonType(kInt, Dec(5, 2))), "none");
  EXPECT_EQ(Show(TightestCommonType(kString, kInt)), "none");
}

TEST(TypeCoercionTest, WiderTypeOfManyPutsStringsFirst) {
  // findWiderCommonType: TIMESTAMP, INT, STRING is STRING in any order, though TIMESTAMP and
  // INT alone have no common type.
  EXPECT_EQ(Show(WiderType(std::vector<LogicalType>{kTs, kInt, kString})), "STRING");
  EXPECT_EQ(Show(WiderType(std::vector<LogicalType>{kString, kTs, kInt})), "STRING");
  EXPECT_EQ(Show(WiderType(std::vector<LogicalType>{kTs, kInt})), "none");
  EXPECT_EQ(Show(WiderType(std::vector<LogicalType>{kNull, kByte, kInt, Dec(5, 2)})),
            "DECIMAL(12,2)");
  EXPECT_EQ(Show(WiderType(std::vector<LogicalType>{})), "VOID");
  EXPECT_EQ(Show(WiderType(std::vector<LogicalType>{kBool, kInt, kString})), "none");
}

TEST(TypeCoercionTest, ComparisonTypes) {
  const Pair cases[] = {
      {kString, kInt, kInt},  // '1' = 1 compares as INT
      {kString, kLong, kLong},
      {kString, kDouble, kDouble},
      {kString, Dec(10, 2), kDouble},  // no decimal fits every string (SPARK-22469)
      {kString, kDate, kDate},
      {kString, kTs, kTs},
      {kString, kNtz, kNtz},
      {kString, kBool, kBool},
      {kString, kBinary, kBinary},
      {kString, kNull, kString},
      {kDate, kTs, kTs},
      {kDate, kNtz, kNtz},
      {kInt, Dec(5, 2), Dec(12, 2)},
      {kDouble, Dec(5, 2), kDouble},
      {Dec(5, 2), Dec(7, 1), Dec(8, 2)},
      {Dec(5, 2), kNull, Dec(5, 2)},
      {kInt, kLong, kLong},
      {kInt, kFloat, kFloat},
      {kBool, kInt, std::nullopt},  // only = and <=> let a BOOLEAN meet a number
      {kDate, kInt, std::nullopt},
      {kString, LogicalType::Array(kInt), std::nullopt},
      {LogicalType::Array(kInt), LogicalType::Array(kLong), LogicalType::Array(kLong)},
  };
  for (const Pair& c : cases) {
    EXPECT_EQ(Show(ComparisonType(c.a, c.b)), Show(c.expected))
        << c.a.ToString() << ", " << c.b.ToString();
    EXPECT_EQ(Show(ComparisonType(c.b, c.a)), Show(c.expected))
        << c.b.ToString() << ", " << c.a.ToString();
  }
  // BooleanEquality: true = 1 casts the BOOLEAN to the number's type.
  EXPECT_EQ(Show(ComparisonType(kBool, kInt, /*equality=*/true)), "INT");
  EXPECT_EQ(Show(ComparisonType(Dec(5, 2), kBool, /*equality=*/true)), "DECIMAL(5,2)");
  EXPECT_EQ(Show(ComparisonType(kBool, kString, /*equality=*/true)), "BOOLEAN");
}

TEST(TypeCoercionTest, DecimalArithmeticResultTypes) {
  struct Case {
    char op;
    LogicalType a, b;
    LogicalType with_loss, without_loss;
  };
  const Case cases[] = {
      {'+', Dec(10, 2), Dec(10, 2), Dec(11, 2), Dec(11, 2)},
      {'-', Dec(10, 2), Dec(5, 4), Dec(13, 4), Dec(13, 4)},
      {'+', Dec(38, 0), Dec(38, 0), Dec(38, 0), Dec(38, 0)},
      {'+', Dec(38, 10), Dec(38, 10), Dec(38, 9), Dec(38, 10)},
      {'*', Dec(10, 2), Dec(5, 3), Dec(16, 5), Dec(16, 5)},
      // 49 digits, scale 18: 31 integer digits leave 7 (the example in DecimalPrecision).
      {'*', kInt, Dec(38, 18), Dec(38, 7), Dec(38, 18)},
      {'*', Dec(38, 18), Dec(38, 18), Dec(38, 6), Dec(38, 36)},
      {'/', Dec(10, 2), Dec(10, 2), Dec(23, 13), Dec(23, 13)},
      {'/', Dec(38, 10), Dec(38, 10), Dec(38, 6), Dec(38, 18)},
      {'/', kLong, kLong, Dec(38, 18), Dec(38, 19)},
      {'/', Dec(2, 1), Dec(2, 1), Dec(8, 6), Dec(8, 6)},
      {'%', Dec(10, 2), Dec(5, 3), Dec(5, 3), Dec(5, 3)},
      {'%', kInt, Dec(38, 37), Dec(38, 37), Dec(38, 37)},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(DecimalResultType(c.op, c.a, c.b, true), c.with_loss)
        << c.a.ToString() << " " << c.op << " " << c.b.ToString();
    EXPECT_EQ(DecimalResultType(c.op, c.a, c.b, false), c.without_loss)
        << c.a.ToString() << " " << c.op << " " << c.b.ToString();
  }
  EXPECT_EQ(DecimalForIntegral(TypeId::kTinyInt), Dec(3, 0));
  EXPECT_EQ(DecimalForIntegral(TypeId::kSmallInt), Dec(5, 0));
  EXPECT_EQ(DecimalForIntegral(TypeId::kInt), Dec(10, 0));
  EXPECT_EQ(DecimalForIntegral(TypeId::kBigInt), Dec(20, 0));
  EXPECT_TRUE(DecimalIsWiderThan(Dec(12, 2), kInt));
  EXPECT_FALSE(DecimalIsWiderThan(Dec(11, 2), kInt));
}

}  // namespace
}  // namespace sluice::functions
