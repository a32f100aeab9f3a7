// Casts to BOOLEAN and the numeric types, as Spark 3.5 gives them (Cast.scala castToInt,
// castToDecimal...; numerics.scala for ANSI's exact conversions).
#include <cmath>
#include <limits>

#include "cast_test_util.h"

namespace sluice::functions::testing {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(CastIntegralTest, NarrowingWrapsWithoutAnsi) {
  // Java's narrowing conversions: CAST(128 AS TINYINT) is -128.
  EXPECT_EQ((CastValues<int8_t, int32_t>(TypeId::kInt, {127, 128, -129, 300, std::nullopt},
                                         TypeId::kTinyInt, Legacy())),
            (Column<int8_t>{127, -128, 127, 44, std::nullopt}));
  EXPECT_EQ((CastValues<int32_t, int64_t>(TypeId::kBigInt, {4294967301LL, 2147483648LL},
                                          TypeId::kInt, Legacy())),
            (Column<int32_t>{5, -2147483648}));
  EXPECT_EQ((CastValues<int16_t, int64_t>(TypeId::kBigInt, {65537}, TypeId::kSmallInt, Legacy())),
            (Column<int16_t>{1}));
  EXPECT_EQ((CastValues<int64_t, int8_t>(TypeId::kTinyInt, {-5}, TypeId::kBigInt, Legacy())),
            (Column<int64_t>{-5}));
}

TEST(CastIntegralTest, NarrowingOverflowsUnderAnsiAndIsNullUnderTry) {
  EXPECT_EQ(CastError<int32_t>(TypeId::kInt, 128, TypeId::kTinyInt, Ansi()),
            "[CAST_OVERFLOW] The value 128 of the type \"INT\" cannot be cast to \"TINYINT\" "
            "due to an overflow. Use `try_cast` to tolerate overflow and return NULL instead. "
            "If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.");
  EXPECT_NE(CastError<int64_t>(TypeId::kBigInt, 2147483648LL, TypeId::kInt, Ansi())
                .find("The value 2147483648L of the type \"BIGINT\" cannot be cast to \"INT\""),
            std::string::npos);
  EXPECT_EQ((CastValues<int8_t, int32_t>(TypeId::kInt, {128, 5, -128}, TypeId::kTinyInt, Try())),
            (Column<int8_t>{std::nullopt, 5, -128}));
  // TRY_CAST has ANSI's results even with ANSI off.
  EXPECT_EQ((CastValues<int8_t, int32_t>(TypeId::kInt, {128}, TypeId::kTinyInt, Try())),
            (Column<int8_t>{std::nullopt}));
}

TEST(CastIntegralTest, FloatingToIntegralSaturatesLikeJava) {
  EXPECT_EQ(
      (CastValues<int32_t, double>(TypeId::kDouble, {1.9, -1.9, 1e10, -1e10, kNaN, kInf, -kInf},
                                   TypeId::kInt, Legacy())),
      (Column<int32_t>{1, -1, 2147483647, -2147483648, 0, 2147483647, -2147483648}));
  EXPECT_EQ((CastValues<int64_t, double>(TypeId::kDouble, {1e19, kNaN}, TypeId::kBigInt, Legacy())),
            (Column<int64_t>{std::numeric_limits<int64_t>::max(), 0}));
  // Trap: to SMALLINT and TINYINT through INT (numeric.toInt(b).toShort): 1e10 saturates
  // to 2147483647, whose low 16 bits are -1.
  EXPECT_EQ((CastValues<int16_t, double>(TypeId::kDouble, {1e10, 40000.7, kNaN}, TypeId::kSmallInt,
                                         Legacy())),
            (Column<int16_t>{-1, -25536, 0}));
  EXPECT_EQ((CastValues<int8_t, float>(TypeId::kFloat, {200.5f}, TypeId::kTinyInt, Legacy())),
            (Column<int8_t>{-56}));
}

TEST(CastIntegralTest, FloatingToIntegralUnderAnsiChecksTheRange) {
  EXPECT_EQ((CastValues<int32_t, double>(TypeId::kDouble, {2147483647.9, -2147483648.9},
                                         TypeId::kInt, Ansi())),
            (Column<int32_t>{2147483647, -2147483648}));
  EXPECT_NE(CastError<double>(TypeId::kDouble, 1e10, TypeId::kInt, Ansi())
                .find("[CAST_OVERFLOW] The value 1.0E10D of the type \"DOUBLE\""),
            std::string::npos);
  EXPECT_NE(CastError<double>(TypeId::kDouble, kNaN, TypeId::kInt, Ansi())
                .find("The value NaN of the type \"DOUBLE\""),
            std::string::npos);
  EXPECT_NE(CastError<double>(TypeId::kDouble, 32768.0, TypeId::kSmallInt, Ansi()), "");
  EXPECT_EQ((CastValues<int16_t, double>(TypeId::kDouble, {32767.9}, TypeId::kSmallInt, Ansi())),
            (Column<int16_t>{32767}));
  // FloatExactNumeric compares with Int.MaxValue widened exactly: 2^31 fails...
  EXPECT_NE(CastError<float>(TypeId::kFloat, 2147483648.0f, TypeId::kInt, Ansi()), "");
  // ...while Long.MaxValue as a double is 2^63, which passes and saturates.
  EXPECT_EQ((CastValues<int64_t, double>(TypeId::kDouble, {9223372036854775808.0}, TypeId::kBigInt,
                                         Ansi())),
            (Column<int64_t>{std::numeric_limits<int64_t>::max()}));
}

TEST(CastIntegralTest, DecimalTruncatesThenWraps) {
  const LogicalType d10_2 = LogicalType::Decimal(10, 2);
  EXPECT_EQ(
      (CastValues<int32_t, int64_t>(d10_2, {1299, -1299, std::nullopt}, TypeId::kInt, Legacy())),
      (Column<int32_t>{12, -12, std::nullopt}));
  EXPECT_EQ((CastValues<int8_t, int64_t>(LogicalType::Decimal(5, 2), {30000}, TypeId::kTinyInt,
                                         Legacy())),
            (Column<int8_t>{44}));
  // BigDecimal.longValue keeps the low 64 bits of 10^38 - 1.
  const types::Int128 big = types::PowerOfTen(38) - 1;
  EXPECT_EQ((CastValues<int64_t, types::Int128>(LogicalType::Decimal(38, 0), {big}, TypeId::kBigInt,
                                                Legacy())),
            (Column<int64_t>{static_cast<int64_t>(0x098A223FFFFFFFFFULL)}));
  EXPECT_EQ(CastError<types::Int128>(LogicalType::Decimal(38, 0), big, TypeId::kBigInt, Ansi()),
            "[CAST_OVERFLOW] The value 99999999999999999999999999999999999999BD of the type "
            "\"DECIMAL(38,0)\" cannot be cast to \"BIGINT\" due to an overflow. Use `try_cast` "
            "to tolerate overflow and return NULL instead. If necessary set "
            "\"spark.sql.ansi.enabled\" to \"false\" to bypass this error.");
}

TEST(CastIntegralTest, StringsFollowUtf8StringToInt) {
  // UTF8String.toInt trims white space and control bytes and truncates a fractional part.
  EXPECT_EQ((CastValues<int32_t, std::string>(
                TypeId::kString,
                {" 12 ", "1.9", "-1.9", "1.", ".5", "+7", "\t42\n", "-2147483648", std::nullopt},
                TypeId::kInt, Legacy())),
            (Column<int32_t>{12, 1, -1, 1, 0, 7, 42, -2147483648, std::nullopt}));
  EXPECT_EQ((CastValues<int32_t, std::string>(
                TypeId::kString, {"1e3", "abc", "", "-", "2147483648", "1.2.3", "1.x", "1 2"},
                TypeId::kInt, Legacy())),
            (Column<int32_t>(8, std::nullopt)));
  EXPECT_EQ((CastValues<int8_t, std::string>(TypeId::kString, {"128", "-128"}, TypeId::kTinyInt,
                                             Legacy())),
            (Column<int8_t>{std::nullopt, -128}));
  EXPECT_EQ(
      (CastValues<int64_t, std::string>(TypeId::kString,
                                        {"9223372036854775807", "9223372036854775808",
                                         "-9223372036854775808", "00000000000000000000000000042"},
                                        TypeId::kBigInt, Legacy())),
      (Column<int64_t>{std::numeric_limits<int64_t>::max(), std::nullopt,
                       std::numeric_limits<int64_t>::min(), 42}));
}

TEST(CastIntegralTest, StringsUnderAnsiAndTry) {
  EXPECT_EQ(CastError<std::string>(TypeId::kString, "abc", TypeId::kInt, Ansi()),
            "[CAST_INVALID_INPUT] The value 'abc' of the type \"STRING\" cannot be cast to "
            "\"INT\" because it is malformed. Correct the value as per the syntax, or change "
            "its target type. Use `try_cast` to tolerate malformed input and return NULL "
            "instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this "
            "error.");
  // UTF8String.toIntExact refuses a fractional part; so does TRY_CAST, which uses it.
  EXPECT_NE(CastError<std::string>(TypeId::kString, "1.9", TypeId::kInt, Ansi()), "");
  EXPECT_NE(CastError<std::string>(TypeId::kString, "it's", TypeId::kInt, Ansi())
                .find("The value 'it\\'s'"),
            std::string::npos);
  // escapeSingleQuotedString escapes quotes only.
  EXPECT_NE(CastError<std::string>(TypeId::kString, "a\\b", TypeId::kInt, Ansi())
                .find("The value 'a\\b' of"),
            std::string::npos);
  EXPECT_EQ((CastValues<int32_t, std::string>(TypeId::kString, {"1.9", " 12 ", "x"}, TypeId::kInt,
                                              Try())),
            (Column<int32_t>{std::nullopt, 12, std::nullopt}));
  EXPECT_EQ((CastValues<int32_t, std::string>(TypeId::kString, {" 12 "}, TypeId::kInt, Ansi())),
            (Column<int32_t>{12}));
}

TEST(CastIntegralTest, BooleanDateAndTimestamp) {
  EXPECT_EQ((CastValues<int32_t, uint8_t>(TypeId::kBoolean, {1, 0}, TypeId::kInt, Legacy())),
            (Column<int32_t>{1, 0}));
  // Hive's rule: a DATE is no number; ANSI refuses the cast altogether.
  EXPECT_EQ((CastValues<int32_t, int32_t>(TypeId::kDate, {100}, TypeId::kInt, Legacy())),
            (Column<int32_t>{std::nullopt}));
  EXPECT_NE(CastError<int32_t>(TypeId::kDate, 100, TypeId::kInt, Ansi())
                .find("[DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION] cannot cast \"DATE\" to "
                      "\"INT\""),
            std::string::npos);
  // Seconds, floored.
  EXPECT_EQ((CastValues<int64_t, int64_t>(TypeId::kTimestamp, {-1, 1500000, 0}, TypeId::kBigInt,
                                          Legacy())),
            (Column<int64_t>{-1, 1, 0}));
  // Beyond INT: NULL rather than wrapped, an error under ANSI.
  const int64_t far = (int64_t{1} << 40) * types::kMicrosPerSecond;
  EXPECT_EQ((CastValues<int32_t, int64_t>(TypeId::kTimestamp, {far}, TypeId::kInt, Legacy())),
            (Column<int32_t>{std::nullopt}));
  EXPECT_NE(CastError<int64_t>(TypeId::kTimestamp, far, TypeId::kInt, Ansi())
                .find("[CAST_OVERFLOW] The value TIMESTAMP '"),
            std::string::npos);
}

TEST(CastBooleanTest, FromNumbersStringsAndTimestamps) {
  EXPECT_EQ((CastValues<uint8_t, int32_t>(TypeId::kInt, {0, -3}, TypeId::kBoolean, Legacy())),
            (Column<uint8_t>{0, 1}));
  EXPECT_EQ(
      (CastValues<uint8_t, double>(TypeId::kDouble, {0.0, kNaN, -0.0}, TypeId::kBoolean, Legacy())),
      (Column<uint8_t>{0, 1, 0}));
  EXPECT_EQ((CastValues<uint8_t, int64_t>(LogicalType::Decimal(5, 2), {0, 1}, TypeId::kBoolean,
                                          Legacy())),
            (Column<uint8_t>{0, 1}));
  EXPECT_EQ(
      (CastValues<uint8_t, std::string>(
          TypeId::kString,
          {" YES ", "t", "True", "y", "1", "0", "N", "no", "F", "false", "2", "truee", ""},
          TypeId::kBoolean, Legacy())),
      (Column<uint8_t>{1, 1, 1, 1, 1, 0, 0, 0, 0, 0, std::nullopt, std::nullopt, std::nullopt}));
  EXPECT_NE(CastError<std::string>(TypeId::kString, "2", TypeId::kBoolean, Ansi())
                .find("[CAST_INVALID_INPUT] The value '2' of the type \"STRING\" cannot be cast "
                      "to \"BOOLEAN\""),
            std::string::npos);
  EXPECT_EQ((CastValues<uint8_t, int64_t>(TypeId::kTimestamp, {0, 1}, TypeId::kBoolean, Legacy())),
            (Column<uint8_t>{0, 1}));
  EXPECT_EQ((CastValues<uint8_t, int32_t>(TypeId::kDate, {1}, TypeId::kBoolean, Legacy())),
            (Column<uint8_t>{std::nullopt}));
}

TEST(CastFloatingTest, FromStringsNumbersAndDecimals) {
  auto doubles = CastValues<double, std::string>(
      TypeId::kString,
      {"1.5", " 1e3 ", "inf", "-Infinity", "+INF", "1.5d", "abc", "", "1,5", std::nullopt},
      TypeId::kDouble, Legacy());
  EXPECT_EQ(doubles, (Column<double>{1.5, 1000.0, kInf, -kInf, kInf, 1.5, std::nullopt,
                                     std::nullopt, std::nullopt, std::nullopt}));
  auto nans = CastValues<double, std::string>(TypeId::kString, {"NaN", "nan", " NAN "},
                                              TypeId::kDouble, Legacy());
  for (const auto& v : nans) EXPECT_TRUE(v && std::isnan(*v));
  EXPECT_NE(CastError<std::string>(TypeId::kString, "abc", TypeId::kDouble, Ansi())
                .find("cannot be cast to \"DOUBLE\" because it is malformed"),
            std::string::npos);
  EXPECT_EQ((CastValues<float, std::string>(TypeId::kString, {"0.1", "x", " -1.5f ", "1e39"},
                                            TypeId::kFloat, Legacy())),
            (Column<float>{0.1f, std::nullopt, -1.5f, std::numeric_limits<float>::infinity()}));
  // Float.parseFloat rounds once: just under the midpoint of 1 + 2^-23 and 1 + 2^-22 is
  // the lower one, though as a double it is the midpoint, which would round to even (up).
  EXPECT_EQ((CastValues<float, std::string>(TypeId::kString, {"1.00000017881393432617187499"},
                                            TypeId::kFloat, Legacy())),
            (Column<float>{std::nextafter(1.0f, 2.0f)}));
  EXPECT_EQ((CastValues<float, int32_t>(TypeId::kInt, {16777217}, TypeId::kFloat, Legacy())),
            (Column<float>{16777216.0f}));
  EXPECT_EQ((CastValues<double, int64_t>(TypeId::kBigInt, {9007199254740993LL}, TypeId::kDouble,
                                         Legacy())),
            (Column<double>{9007199254740992.0}));
  EXPECT_EQ((CastValues<double, types::Int128>(LogicalType::Decimal(38, 18),
                                               {types::PowerOfTen(17)}, TypeId::kDouble, Legacy())),
            (Column<double>{0.1}));
  EXPECT_EQ(
      (CastValues<float, int64_t>(LogicalType::Decimal(10, 2), {-150}, TypeId::kFloat, Legacy())),
      (Column<float>{-1.5f}));
  EXPECT_EQ(
      (CastValues<double, int64_t>(TypeId::kTimestamp, {1500000, -1}, TypeId::kDouble, Legacy())),
      (Column<double>{1.5, -0.000001}));
  EXPECT_EQ((CastValues<double, int32_t>(TypeId::kDate, {1}, TypeId::kDouble, Legacy())),
            (Column<double>{std::nullopt}));
}

TEST(CastDecimalTest, FromIntegersAndDecimalsRoundsHalfUp) {
  const LogicalType d5_2 = LogicalType::Decimal(5, 2);
  auto in = Make<int32_t>(TypeId::kInt, {123, 1234, -999, std::nullopt});
  EXPECT_EQ(ReadDecimals(*Cast(in, 4, d5_2, Legacy()), 4),
            (Strings{"123.00", std::nullopt, "-999.00", std::nullopt}));
  EXPECT_EQ(CastError<int32_t>(TypeId::kInt, 1234, d5_2, Ansi()),
            "[NUMERIC_VALUE_OUT_OF_RANGE] 1234 cannot be represented as Decimal(5, 2). If "
            "necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error, and "
            "return NULL instead.");
  auto d = Make<int64_t>(LogicalType::Decimal(5, 3), {1234, 1235, -1235, 1225, 99999});
  EXPECT_EQ(ReadDecimals(*Cast(d, 5, LogicalType::Decimal(4, 2), Legacy()), 5),
            (Strings{"1.23", "1.24", "-1.24", "1.23", std::nullopt}));
  // Narrow to wide storage and back.
  auto wide = Cast(d, 5, LogicalType::Decimal(30, 10), Legacy());
  EXPECT_EQ(ReadDecimals(*wide, 5), (Strings{"1.2340000000", "1.2350000000", "-1.2350000000",
                                             "1.2250000000", "99.9990000000"}));
  EXPECT_EQ(ReadDecimals(*Cast(*wide, 5, LogicalType::Decimal(3, 0), Legacy()), 5),
            (Strings{"1", "1", "-1", "1", "100"}));
  // Rounding away all 38 digits (2 * remainder would pass 2^127).
  const types::Int128 nines = types::PowerOfTen(38) - 1;
  auto tiny = Make<types::Int128>(LogicalType::Decimal(38, 38), {nines, -nines});
  EXPECT_EQ(ReadDecimals(*Cast(tiny, 2, LogicalType::Decimal(1, 0), Legacy()), 2),
            (Strings{"1", "-1"}));
  EXPECT_EQ(ReadDecimals(*Cast(MakeStrings({"0." + std::string(38, '9')}), 1,
                               LogicalType::Decimal(1, 0), Legacy()),
                         1),
            (Strings{"1"}));
  auto flags = Make<uint8_t>(TypeId::kBoolean, {1, 0});
  EXPECT_EQ(ReadDecimals(*Cast(flags, 2, LogicalType::Decimal(1, 1), Legacy()), 2),
            (Strings{std::nullopt, "0.0"}));
  EXPECT_EQ(ReadDecimals(*Cast(flags, 2, LogicalType::Decimal(2, 1), Legacy()), 2),
            (Strings{"1.0", "0.0"}));
}

TEST(CastDecimalTest, FromFloatingUsesTheShortestText) {
  // Trap: Decimal(double) goes through Double.toString, so 0.1 is exactly 0.1, and a FLOAT
  // is first widened (0.1f is 0.10000000149011612).
  const LogicalType d20_19 = LogicalType::Decimal(20, 19);
  auto doubles = Make<double>(TypeId::kDouble, {0.1, kNaN, kInf, 1e20, -2.5e-3});
  EXPECT_EQ(ReadDecimals(*Cast(doubles, 5, d20_19, Legacy()), 5),
            (Strings{"0.1000000000000000000", std::nullopt, std::nullopt, std::nullopt,
                     "-0.0025000000000000000"}));
  auto floats = Make<float>(TypeId::kFloat, {0.1f});
  EXPECT_EQ(ReadDecimals(*Cast(floats, 1, d20_19, Legacy()), 1),
            (Strings{"0.1000000014901161200"}));
  // NaN stays NULL even under ANSI (BigDecimal throws NumberFormatException, caught).
  EXPECT_EQ(ReadDecimals(*Cast(Make<double>(TypeId::kDouble, {kNaN}), 1, d20_19, Ansi()), 1),
            (Strings{std::nullopt}));
  EXPECT_NE(CastError<double>(TypeId::kDouble, 1e20, LogicalType::Decimal(10, 0), Ansi())
                .find("[NUMERIC_VALUE_OUT_OF_RANGE]"),
            std::string::npos);
  // TIMESTAMP: seconds as a double.
  EXPECT_EQ(ReadDecimals(*Cast(Make<int64_t>(TypeId::kTimestamp, {1234567}), 1,
                               LogicalType::Decimal(10, 3), Legacy()),
                         1),
            (Strings{"1.235"}));
}

TEST(CastDecimalTest, FromStrings) {
  const LogicalType d5_2 = LogicalType::Decimal(5, 2);
  auto in = MakeStrings({" 12.345 ", "1e2", "-.5", "0e100", "+1.", "12345.6", "abc", "1.5d", ".",
                         "1e", std::nullopt});
  EXPECT_EQ(ReadDecimals(*Cast(in, 11, d5_2, Legacy()), 11),
            (Strings{"12.35", "100.00", "-0.50", "0.00", "1.00", std::nullopt, std::nullopt,
                     std::nullopt, std::nullopt, std::nullopt, std::nullopt}));
  EXPECT_NE(CastError<std::string>(TypeId::kString, "abc", d5_2, Ansi())
                .find("[CAST_INVALID_INPUT] The value 'abc' of the type \"STRING\" cannot be "
                      "cast to \"DECIMAL(5,2)\""),
            std::string::npos);
  EXPECT_NE(CastError<std::string>(TypeId::kString, "12345.6", d5_2, Ansi())
                .find("[NUMERIC_VALUE_OUT_OF_RANGE] 12345.6 cannot be represented as "
                      "Decimal(5, 2)"),
            std::string::npos);
  auto wide = Cast(MakeStrings({"-12345678901234567890.123456789"}), 1, LogicalType::Decimal(38, 9),
                   Legacy());
  EXPECT_EQ(ReadDecimals(*wide, 1), (Strings{"-12345678901234567890.123456789"}));
}

}  // namespace
}  // namespace sluice::functions::testing
