// Casts to STRING and BINARY (Spark 3.5's ToStringBase and NumberConverter.toBinary).
#include <cmath>
#include <limits>

#include "cast_test_util.h"

namespace sluice::functions::testing {
namespace {

TEST(CastToStringTest, NumbersAsJavaPrintsThem) {
  EXPECT_EQ((CastValues<std::string, double>(
                TypeId::kDouble, {1e7, 0.1, -0.0, std::numeric_limits<double>::quiet_NaN(), 100.0},
                TypeId::kString, Legacy())),
            (Strings{"1.0E7", "0.1", "-0.0", "NaN", "100.0"}));
  EXPECT_EQ((CastValues<std::string, float>(TypeId::kFloat, {1.1f}, TypeId::kString, Legacy())),
            (Strings{"1.1"}));
  EXPECT_EQ((CastValues<std::string, int8_t>(TypeId::kTinyInt, {-128, std::nullopt},
                                             TypeId::kString, Legacy())),
            (Strings{"-128", std::nullopt}));
  EXPECT_EQ((CastValues<std::string, uint8_t>(TypeId::kBoolean, {1, 0}, TypeId::kString, Legacy())),
            (Strings{"true", "false"}));
}

TEST(CastToStringTest, DecimalsAsBigDecimalToStringUnlessAnsi) {
  // Trap: without ANSI, Decimal.toString is BigDecimal.toString, which turns to scientific
  // notation once the exponent of the first digit is below -6 (ToStringBase:
  // useDecimalPlainString is ansiEnabled).
  const LogicalType d10_8 = LogicalType::Decimal(10, 8);
  EXPECT_EQ((CastValues<std::string, int64_t>(d10_8, {0, 12, -12, 100, 150000000}, TypeId::kString,
                                              Legacy())),
            (Strings{"0E-8", "1.2E-7", "-1.2E-7", "0.00000100", "1.50000000"}));
  EXPECT_EQ((CastValues<std::string, int64_t>(d10_8, {0, 12}, TypeId::kString, Ansi())),
            (Strings{"0.00000000", "0.00000012"}));
  EXPECT_EQ((CastValues<std::string, int64_t>(LogicalType::Decimal(10, 7), {1, 10}, TypeId::kString,
                                              Legacy())),
            (Strings{"1E-7", "0.0000010"}));
  EXPECT_EQ((CastValues<std::string, types::Int128>(
                LogicalType::Decimal(38, 2), {types::PowerOfTen(37)}, TypeId::kString, Legacy())),
            (Strings{"100000000000000000000000000000000000.00"}));
}

TEST(CastToStringTest, BinaryIsItsBytes) {
  // CAST(binary AS STRING) is UTF8String.fromBytes, not the "[61 62]" of show().
  EXPECT_EQ((CastValues<std::string, std::string>(TypeId::kBinary, {"ab", std::string("\0\xff", 2)},
                                                  TypeId::kString, Legacy())),
            (Strings{"ab", std::string("\0\xff", 2)}));
}

TEST(CastToStringTest, StringsAreCopiedNotShared) {
  const std::string long_text(100, 'x');
  auto in = MakeStrings({long_text, "short"});
  auto out = Cast(in, 2, TypeId::kString, Legacy());
  ASSERT_TRUE(out.ok());
  in.heap().Clear();  // the output must not point into the input's heap
  EXPECT_EQ(Read<std::string>(*out, 2), (Strings{long_text, "short"}));
}

TEST(CastToBinaryTest, StringsAndIntegersBigEndian) {
  EXPECT_EQ((CastValues<std::string, std::string>(TypeId::kString, {"abc", ""}, TypeId::kBinary,
                                                  Legacy())),
            (Strings{"abc", ""}));
  EXPECT_EQ((CastValues<std::string, int32_t>(TypeId::kInt, {1, -2}, TypeId::kBinary, Legacy())),
            (Strings{std::string("\0\0\0\1", 4), std::string("\xff\xff\xff\xfe", 4)}));
  EXPECT_EQ((CastValues<std::string, int8_t>(TypeId::kTinyInt, {-1}, TypeId::kBinary, Legacy())),
            (Strings{std::string("\xff", 1)}));
  EXPECT_EQ((CastValues<std::string, int16_t>(TypeId::kSmallInt, {258}, TypeId::kBinary, Legacy())),
            (Strings{std::string("\x01\x02", 2)}));
  EXPECT_EQ((CastValues<std::string, int64_t>(TypeId::kBigInt, {258}, TypeId::kBinary, Legacy())),
            (Strings{std::string("\0\0\0\0\0\0\x01\x02", 8)}));
  // ANSI allows only STRING -> BINARY.
  EXPECT_NE(CastError<int32_t>(TypeId::kInt, 1, TypeId::kBinary, Ansi()), "");
}

TEST(CastToStringTest, NullTypeGivesNulls) {
  auto in = *vector::Vector::Make(TypeId::kNull, 2);
  in.SetNull(0);
  in.SetNull(1);
  auto out = Cast(in, 2, TypeId::kInt, Ansi());
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(Read<int32_t>(*out, 2), (Column<int32_t>{std::nullopt, std::nullopt}));
}

}  // namespace
}  // namespace sluice::functions::testing
