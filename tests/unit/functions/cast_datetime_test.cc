// Casts to and from DATE, TIMESTAMP and TIMESTAMP_NTZ as Spark 3.5 gives them
// (DateTimeUtils.stringToDate / stringToTimestamp, daysToMicros, microsToDays, convertTz),
// in the session time zone, across DST changes.
#include <cmath>
#include <limits>

#include "cast_test_util.h"

namespace sluice::functions::testing {
namespace {

constexpr const char* kLosAngeles = "America/Los_Angeles";
constexpr int64_t kHour = 3600 * types::kMicrosPerSecond;

TEST(CastDateTest, FromStrings) {
  EXPECT_EQ((CastValues<int32_t, std::string>(
                TypeId::kString,
                {"2020-01-05", "2020", "2020-3", "2020-03-04T10:11", "2020-03-04 anything",
                 " 2020-03-04 ", "+2020-1-2", "-0044-03-15", std::nullopt},
                TypeId::kDate, Legacy())),
            (Column<int32_t>{Days(2020, 1, 5), Days(2020, 1, 1), Days(2020, 3, 1), Days(2020, 3, 4),
                             Days(2020, 3, 4), Days(2020, 3, 4), Days(2020, 1, 2), Days(-44, 3, 15),
                             std::nullopt}));
  // A year needs 4 digits; only a full date may be followed by more.
  EXPECT_EQ((CastValues<int32_t, std::string>(TypeId::kString,
                                              {"2020-13-01", "2020-02-30", "20-01-01", "2020/01/01",
                                               "2020-01x", "2020-01 ", "", "abc"},
                                              TypeId::kDate, Legacy())),
            (Column<int32_t>{std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt,
                             Days(2020, 1, 1), std::nullopt, std::nullopt}));
  EXPECT_NE(CastError<std::string>(TypeId::kString, "2020-13-01", TypeId::kDate, Ansi())
                .find("[CAST_INVALID_INPUT] The value '2020-13-01' of the type \"STRING\" cannot "
                      "be cast to \"DATE\""),
            std::string::npos);
  EXPECT_EQ(
      (CastValues<int32_t, std::string>(TypeId::kString, {"2020-13-01"}, TypeId::kDate, Try())),
      (Column<int32_t>{std::nullopt}));
}

TEST(CastTimestampTest, FromStringsInTheSessionZone) {
  auto cast = [](const Strings& text) {
    return CastValues<int64_t, std::string>(TypeId::kString, text, TypeId::kTimestamp,
                                            Legacy(kLosAngeles));
  };
  EXPECT_EQ(cast({"2020-01-01 00:00:00", "2020-01-01", "2020-06-01T12:00", "2020-01-01 7"}),
            (Column<int64_t>{UtcMicros(2020, 1, 1, 8), UtcMicros(2020, 1, 1, 8),
                             UtcMicros(2020, 6, 1, 19), UtcMicros(2020, 1, 1, 15)}));
  // An offset or zone in the text wins over the session zone.
  EXPECT_EQ(cast({"2020-01-01T00:00:00Z", "2020-01-01 00:00:00+01:00",
                  "2020-06-01 12:00:00 Europe/Paris", "2020-01-01 00:00:00 UTC"}),
            (Column<int64_t>{UtcMicros(2020, 1, 1), UtcMicros(2019, 12, 31, 23),
                             UtcMicros(2020, 6, 1, 10), UtcMicros(2020, 1, 1)}));
  // Fractions past microseconds are cut, not rounded.
  EXPECT_EQ(cast({"2020-01-01 12:34:56.123456789"}),
            (Column<int64_t>{UtcMicros(2020, 1, 1, 20, 34, 56, 123456)}));
  // DST gap (02:30 does not exist on 2020-03-08): moved forward by the gap, as java.time
  // does, to 03:30 PDT. DST overlap (01:30 happens twice on 2020-11-01): the earlier, PDT.
  EXPECT_EQ(cast({"2020-03-08 02:30:00", "2020-11-01 01:30:00"}),
            (Column<int64_t>{UtcMicros(2020, 3, 8, 10, 30), UtcMicros(2020, 11, 1, 8, 30)}));
  EXPECT_EQ(cast({"2020-01-01 25:00:00", "abc", "2020-01-01 00:00:00 Mars/Olympus", ""}),
            (Column<int64_t>(4, std::nullopt)));
  // parseTimestampString reads a zone only after the seconds, wants an hour after the
  // separator, and at most 6 digits of year.
  EXPECT_EQ(cast({"2020-01-01T12:34Z", "2020-01-01 12 UTC", "2020-01-01T", "0002020-01-01",
                  "2020-01-01T12:34:56Z"}),
            (Column<int64_t>{std::nullopt, std::nullopt, std::nullopt, std::nullopt,
                             UtcMicros(2020, 1, 1, 12, 34, 56)}));
  EXPECT_NE(CastError<std::string>(TypeId::kString, "abc", TypeId::kTimestamp, Ansi())
                .find("cannot be cast to \"TIMESTAMP\" because it is malformed"),
            std::string::npos);
}

TEST(CastTimestampTest, NtzIgnoresZones) {
  EXPECT_EQ((CastValues<int64_t, std::string>(
                TypeId::kString, {"2020-01-01 00:00:00+01:00", "2020-03-08 02:30:00", "x"},
                TypeId::kTimestampNtz, Legacy(kLosAngeles))),
            (Column<int64_t>{UtcMicros(2020, 1, 1), UtcMicros(2020, 3, 8, 2, 30), std::nullopt}));
  // TIMESTAMP <-> TIMESTAMP_NTZ through the session zone's wall clock.
  EXPECT_EQ((CastValues<int64_t, int64_t>(TypeId::kTimestamp, {UtcMicros(2020, 7, 1)},
                                          TypeId::kTimestampNtz, Legacy(kLosAngeles))),
            (Column<int64_t>{UtcMicros(2020, 6, 30, 17)}));
  EXPECT_EQ((CastValues<int64_t, int64_t>(TypeId::kTimestampNtz, {UtcMicros(2020, 6, 30, 17)},
                                          TypeId::kTimestamp, Legacy(kLosAngeles))),
            (Column<int64_t>{UtcMicros(2020, 7, 1)}));
  EXPECT_EQ((CastValues<int64_t, int32_t>(TypeId::kDate, {Days(2020, 3, 8)}, TypeId::kTimestampNtz,
                                          Legacy(kLosAngeles))),
            (Column<int64_t>{UtcMicros(2020, 3, 8)}));
  EXPECT_EQ((CastValues<int32_t, int64_t>(TypeId::kTimestampNtz, {-1}, TypeId::kDate, Legacy())),
            (Column<int32_t>{Days(1969, 12, 31)}));
}

TEST(CastTimestampTest, DatesAndTimestampsMeetInTheSessionZone) {
  // Midnight in Los Angeles, PST then PDT.
  EXPECT_EQ((CastValues<int64_t, int32_t>(TypeId::kDate, {Days(2020, 3, 8), Days(2020, 11, 1)},
                                          TypeId::kTimestamp, Legacy(kLosAngeles))),
            (Column<int64_t>{UtcMicros(2020, 3, 8, 8), UtcMicros(2020, 11, 1, 7)}));
  // Sao Paulo's clocks went from 00:00 to 01:00 on 2018-11-04: the day starts at 01:00 -02.
  EXPECT_EQ((CastValues<int64_t, int32_t>(TypeId::kDate, {Days(2018, 11, 4)}, TypeId::kTimestamp,
                                          Legacy("America/Sao_Paulo"))),
            (Column<int64_t>{UtcMicros(2018, 11, 4, 3)}));
  EXPECT_EQ(
      (CastValues<int32_t, int64_t>(
          TypeId::kTimestamp,
          {UtcMicros(2020, 1, 1, 7, 59, 59), UtcMicros(2020, 1, 1, 8), -1, std::nullopt},
          TypeId::kDate, Legacy(kLosAngeles))),
      (Column<int32_t>{Days(2019, 12, 31), Days(2020, 1, 1), Days(1969, 12, 31), std::nullopt}));
  // A DATE far past TIMESTAMP's range: Spark throws (long overflow) even without ANSI.
  const int32_t far = Days(5000000, 1, 1);
  EXPECT_NE(CastError<int32_t>(TypeId::kDate, far, TypeId::kTimestamp, Legacy()), "");
  EXPECT_EQ((CastValues<int64_t, int32_t>(TypeId::kDate, {far}, TypeId::kTimestamp, Try())),
            (Column<int64_t>{std::nullopt}));
}

TEST(CastTimestampTest, NumbersAreSeconds) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  EXPECT_EQ((CastValues<int64_t, int32_t>(TypeId::kInt, {1, -1}, TypeId::kTimestamp, Legacy())),
            (Column<int64_t>{1000000, -1000000}));
  // TimeUnit.SECONDS.toMicros saturates, in every mode.
  EXPECT_EQ((CastValues<int64_t, int64_t>(TypeId::kBigInt, {kMax}, TypeId::kTimestamp, Ansi())),
            (Column<int64_t>{kMax}));
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ((CastValues<int64_t, double>(TypeId::kDouble, {1.5, nan, 1e300, -1e-7},
                                         TypeId::kTimestamp, Legacy())),
            (Column<int64_t>{1500000, std::nullopt, kMax, 0}));
  EXPECT_NE(CastError<double>(TypeId::kDouble, nan, TypeId::kTimestamp, Ansi())
                .find("[CAST_INVALID_INPUT] The value NaN of the type \"DOUBLE\" cannot be cast "
                      "to \"TIMESTAMP\""),
            std::string::npos);
  EXPECT_NE(
      CastError<double>(TypeId::kDouble, 1e300, TypeId::kTimestamp, Ansi()).find("[CAST_OVERFLOW]"),
      std::string::npos);
  // FLOAT goes through its double value: 1.1f is 1.100000023841858 seconds.
  EXPECT_EQ((CastValues<int64_t, float>(TypeId::kFloat, {1.1f}, TypeId::kTimestamp, Legacy())),
            (Column<int64_t>{1100000}));
  // DECIMAL: times 10^6, truncated.
  EXPECT_EQ((CastValues<int64_t, int64_t>(LogicalType::Decimal(10, 3), {1234}, TypeId::kTimestamp,
                                          Legacy())),
            (Column<int64_t>{1234000}));
  EXPECT_EQ((CastValues<int64_t, int64_t>(LogicalType::Decimal(18, 8), {-50, 150},
                                          TypeId::kTimestamp, Legacy())),
            (Column<int64_t>{0, 1}));
  // Trap: a BOOLEAN is one microsecond, not one second.
  EXPECT_EQ((CastValues<int64_t, uint8_t>(TypeId::kBoolean, {1, 0}, TypeId::kTimestamp, Legacy())),
            (Column<int64_t>{1, 0}));
  // And back: seconds, floored; as a double with the fraction.
  EXPECT_EQ(
      (CastValues<int64_t, int64_t>(TypeId::kTimestamp, {-1500000}, TypeId::kBigInt, Legacy())),
      (Column<int64_t>{-2}));
  EXPECT_EQ(
      (CastValues<double, int64_t>(TypeId::kTimestamp, {-1500000}, TypeId::kDouble, Legacy())),
      (Column<double>{-1.5}));
}

TEST(CastTimestampTest, ToStringInTheSessionZone) {
  EXPECT_EQ((CastValues<std::string, int64_t>(TypeId::kTimestamp, {0, 1500000}, TypeId::kString,
                                              Legacy(kLosAngeles))),
            (Strings{"1969-12-31 16:00:00", "1969-12-31 16:00:01.5"}));
  EXPECT_EQ((CastValues<std::string, int64_t>(TypeId::kTimestampNtz, {UtcMicros(2020, 1, 2, 3)},
                                              TypeId::kString, Legacy(kLosAngeles))),
            (Strings{"2020-01-02 03:00:00"}));
  EXPECT_EQ((CastValues<std::string, int32_t>(TypeId::kDate, {0, Days(-44, 3, 15)}, TypeId::kString,
                                              Legacy())),
            (Strings{"1970-01-01", "-0044-03-15"}));
}

}  // namespace
}  // namespace sluice::functions::testing
