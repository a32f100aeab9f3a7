#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>

#include "types/datetime_format.h"
#include "types/decimal.h"
#include "types/interval.h"
#include "types/text_parsing.h"

namespace sluice::types {
namespace {

TEST(DecimalTest, ParsesWithHalfUpRounding) {
  Int128 v;
  ASSERT_TRUE(ParseDecimal("12.345", 10, 2, &v));
  EXPECT_EQ(FormatDecimal(v, 2), "12.35");
  ASSERT_TRUE(ParseDecimal("-12.345", 10, 2, &v));
  EXPECT_EQ(FormatDecimal(v, 2), "-12.35");
  ASSERT_TRUE(ParseDecimal("12.344", 10, 2, &v));
  EXPECT_EQ(FormatDecimal(v, 2), "12.34");
  ASSERT_TRUE(ParseDecimal("+.5", 3, 1, &v));
  EXPECT_EQ(FormatDecimal(v, 1), "0.5");
  ASSERT_TRUE(ParseDecimal("1e3", 6, 2, &v));
  EXPECT_EQ(FormatDecimal(v, 2), "1000.00");
  ASSERT_TRUE(ParseDecimal("0.0001", 5, 2, &v));
  EXPECT_EQ(FormatDecimal(v, 2), "0.00");
  ASSERT_TRUE(ParseDecimal("99999999999999999999999999999999999999", 38, 0, &v));
  EXPECT_EQ(FormatDecimal(v, 0), "99999999999999999999999999999999999999");
}

TEST(DecimalTest, RejectsOverflowAndGarbage) {
  Int128 v;
  EXPECT_FALSE(ParseDecimal("1234.5", 5, 2, &v));  // needs 6 digits
  EXPECT_FALSE(ParseDecimal("99.995", 4, 2, &v));  // rounds up to 100.00
  EXPECT_FALSE(ParseDecimal("1.2.3", 10, 2, &v));
  EXPECT_FALSE(ParseDecimal("", 10, 2, &v));
  EXPECT_FALSE(ParseDecimal("-", 10, 2, &v));
  EXPECT_FALSE(ParseDecimal("12a", 10, 2, &v));
  EXPECT_FALSE(ParseDecimal("1e", 10, 2, &v));
}

TEST(TextParsingTest, IntegersAtTheirLimits) {
  int64_t v;
  EXPECT_TRUE(ParseInteger("2147483647", INT32_MIN, INT32_MAX, &v));
  EXPECT_FALSE(ParseInteger("2147483648", INT32_MIN, INT32_MAX, &v));
  EXPECT_TRUE(ParseInteger("-2147483648", INT32_MIN, INT32_MAX, &v));
  EXPECT_EQ(v, INT32_MIN);
  EXPECT_TRUE(ParseInteger("-9223372036854775808", INT64_MIN, INT64_MAX, &v));
  EXPECT_EQ(v, INT64_MIN);
  EXPECT_FALSE(ParseInteger("9223372036854775808", INT64_MIN, INT64_MAX, &v));
  EXPECT_TRUE(ParseInteger("+007", INT32_MIN, INT32_MAX, &v));
  EXPECT_EQ(v, 7);
  EXPECT_FALSE(ParseInteger("1.0", INT32_MIN, INT32_MAX, &v));
  // Leading zeros do not count towards the nineteen digits that cannot overflow.
  EXPECT_TRUE(ParseInteger("-000000000000000000009223372036854775808", INT64_MIN, INT64_MAX, &v));
  EXPECT_EQ(v, INT64_MIN);
  EXPECT_TRUE(ParseInteger("0000000000000000000000", INT32_MIN, INT32_MAX, &v));
  EXPECT_EQ(v, 0);
  EXPECT_FALSE(ParseInteger("18446744073709551617", INT64_MIN, INT64_MAX, &v));  // 2^64 + 1
  EXPECT_FALSE(ParseInteger("9999999999999999999", INT64_MIN, INT64_MAX, &v));
  EXPECT_FALSE(ParseInteger("-", INT32_MIN, INT32_MAX, &v));
  EXPECT_FALSE(ParseInteger(" 1", INT32_MIN, INT32_MAX, &v));
  EXPECT_FALSE(ParseInteger("", INT32_MIN, INT32_MAX, &v));
  EXPECT_FALSE(ParseInteger("-", INT32_MIN, INT32_MAX, &v));
}

TEST(TextParsingTest, DoublesLikeJava) {
  double d;
  EXPECT_TRUE(ParseDouble("1.5", &d));
  EXPECT_EQ(d, 1.5);
  EXPECT_TRUE(ParseDouble(" -2e3 ", &d));
  EXPECT_EQ(d, -2000);
  EXPECT_TRUE(ParseDouble("1.5d", &d));
  EXPECT_TRUE(ParseDouble(".5", &d));
  EXPECT_EQ(d, 0.5);
  EXPECT_TRUE(ParseDouble("NaN", &d));
  EXPECT_TRUE(std::isnan(d));
  EXPECT_TRUE(ParseDouble("-Infinity", &d));
  EXPECT_TRUE(std::isinf(d) && d < 0);
  EXPECT_TRUE(ParseDouble("1e999", &d));
  EXPECT_TRUE(std::isinf(d));
  EXPECT_FALSE(ParseDouble("abc", &d));
  EXPECT_FALSE(ParseDouble("1,5", &d));
  EXPECT_FALSE(ParseDouble("", &d));
  bool b;
  EXPECT_TRUE(ParseBoolean("TRUE", &b) && b);
  EXPECT_TRUE(ParseBoolean("False", &b) && !b);
  EXPECT_FALSE(ParseBoolean("yes", &b));
}

TEST(TextParsingTest, Utf8Validation) {
  EXPECT_TRUE(IsValidUtf8("plain ascii text, long enough for the fast path"));
  EXPECT_TRUE(IsValidUtf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));
  EXPECT_EQ(FindInvalidUtf8("caf\xE9!"), 3u);        // Latin-1 e-acute
  EXPECT_EQ(FindInvalidUtf8("\xC0\x80"), 0u);        // overlong NUL
  EXPECT_EQ(FindInvalidUtf8("ab\xED\xA0\x80"), 2u);  // surrogate
  EXPECT_EQ(FindInvalidUtf8("abc\xE2\x82"), 3u);     // truncated
  EXPECT_EQ(FindInvalidUtf8("12345678\xFF"), 8u);
}

TEST(IntervalTest, SparkCalendarIntervalText) {
  EXPECT_EQ(FormatInterval({0, 0, 5861500000}), "1 hours 37 minutes 41.5 seconds");
  EXPECT_EQ(FormatInterval({0, 0, 0}), "0 seconds");
  EXPECT_EQ(FormatInterval({0, 0, 15666667}), "15.666667 seconds");
  EXPECT_EQ(FormatInterval({14, 3, 60000000}), "1 years 2 months 3 days 1 minutes");
  EXPECT_EQ(FormatInterval({0, 0, -500000}), "-0.5 seconds");
}

TEST(FixedIsoTimestampTest, ReadsTheCommonShapes) {
  ParsedDateTime p;
  int64_t micros;
  ASSERT_TRUE(ParseFixedIsoTimestamp("2018-10-01T03:10:13-04:00", &p));
  ASSERT_TRUE(ToTimestamp(p, TimeZone::Utc(), &micros));
  EXPECT_EQ(micros, 1538377813LL * 1000000);
  ASSERT_TRUE(ParseFixedIsoTimestamp("2018-10-01 07:10:13Z", &p));
  ASSERT_TRUE(ToTimestamp(p, TimeZone::Utc(), &micros));
  EXPECT_EQ(micros, 1538377813LL * 1000000);
  ASSERT_TRUE(ParseFixedIsoTimestamp("2018-10-01 07:10:13", &p));
  EXPECT_FALSE(p.has_offset);
  // Other shapes are left to ParseIsoTimestamp.
  EXPECT_FALSE(ParseFixedIsoTimestamp("2018-10-01 07:10:13.5", &p));
  EXPECT_FALSE(ParseFixedIsoTimestamp("2018-10-01T03:10:13+19:00", &p));
  EXPECT_FALSE(ParseFixedIsoTimestamp(" 2018-10-01 07:10:13", &p));
}

// Whatever the fast path accepts must convert exactly as ParseIsoTimestamp's result
// does, including texts it accepts that are out of range.
TEST(FixedIsoTimestampTest, AgreesWithParseIsoTimestamp) {
  const std::string bases[] = {"2018-10-01T03:10:13-04:00", "2024-02-29 23:59:59Z",
                               "1999-12-31 00:00:00", "0001-01-01T00:00:00+18:00"};
  const std::string bytes = "0123456789-+: TZz.x";
  std::mt19937 rng(7);
  int accepted = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text = bases[rng() % 4];
    for (int k = static_cast<int>(rng() % 3); k > 0; --k) {
      text[rng() % text.size()] = bytes[rng() % bytes.size()];
    }
    ParsedDateTime fast, slow;
    if (!ParseFixedIsoTimestamp(text, &fast)) continue;
    ++accepted;
    const bool slow_ok = ParseIsoTimestamp(text, &slow);
    int64_t fast_micros = 0, slow_micros = 0;
    const bool fast_valid = ToTimestamp(fast, TimeZone::Utc(), &fast_micros);
    const bool slow_valid = slow_ok && ToTimestamp(slow, TimeZone::Utc(), &slow_micros);
    ASSERT_EQ(fast_valid, slow_valid) << text;
    if (!slow_valid) continue;
    EXPECT_EQ(fast_micros, slow_micros) << text;
    EXPECT_EQ(fast.has_offset, slow.has_offset) << text;
    int64_t fast_local = 0, slow_local = 0;
    EXPECT_TRUE(fast.ToLocalMicros(&fast_local) && slow.ToLocalMicros(&slow_local));
    EXPECT_EQ(fast_local, slow_local) << text;
  }
  EXPECT_GT(accepted, 5000);
}

}  // namespace
}  // namespace sluice::types
