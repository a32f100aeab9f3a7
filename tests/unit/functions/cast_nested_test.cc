// ARRAY, MAP and STRUCT casts (element-wise, STRUCT fields by position), their text, and
// which casts Spark 3.5 allows (Cast.canCast / canAnsiCast / canTryCast).
#include "cast_test_util.h"

namespace sluice::functions::testing {
namespace {

using types::Field;
using vector::ListEntry;

// ARRAY<STRING> rows from lists of optional strings; a missing list is a NULL row.
Vector MakeStringArrays(const std::vector<std::optional<Strings>>& rows) {
  Vector v = *Vector::Make(LogicalType::Array(TypeId::kString), rows.size());
  for (size_t r = 0; r < rows.size(); ++r) {
    const uint32_t n = rows[r] ? static_cast<uint32_t>(rows[r]->size()) : 0;
    const uint32_t offset = *v.AppendListEntry(r, n);
    if (!rows[r]) {
      v.SetNull(r);
      continue;
    }
    Vector& elements = v.children()[0];
    for (uint32_t i = 0; i < n; ++i) {
      const auto& s = (*rows[r])[i];
      if (s) {
        elements.data<vector::StringRef>()[offset + i] = elements.heap().Add(*s);
      } else {
        elements.SetNull(offset + i);
      }
    }
  }
  return v;
}

// Rows of an ARRAY<INT> result, elements as optional ints; NULL rows as nullopt.
std::vector<std::optional<Column<int32_t>>> ReadIntArrays(const Vector& v, size_t rows) {
  std::vector<std::optional<Column<int32_t>>> out;
  for (size_t r = 0; r < rows; ++r) {
    if (v.IsNull(r)) {
      out.push_back(std::nullopt);
      continue;
    }
    const ListEntry e = v.data<ListEntry>()[r];
    Column<int32_t> elements;
    for (uint32_t i = 0; i < e.length; ++i) {
      const Vector& child = v.children()[0];
      elements.push_back(child.IsNull(e.offset + i)
                             ? std::nullopt
                             : std::optional<int32_t>(child.data<int32_t>()[e.offset + i]));
    }
    out.push_back(elements);
  }
  return out;
}

TEST(CastNestedTest, ArraysElementWise) {
  auto in =
      MakeStringArrays({Strings{"1", "x", std::nullopt}, std::nullopt, Strings{}, Strings{" 7 "}});
  const LogicalType to = LogicalType::Array(TypeId::kInt);
  auto out = Cast(in, 4, to, Legacy());
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  using Rows = std::vector<std::optional<Column<int32_t>>>;
  EXPECT_EQ(ReadIntArrays(*out, 4), (Rows{Column<int32_t>{1, std::nullopt, std::nullopt},
                                          std::nullopt, Column<int32_t>{}, Column<int32_t>{7}}));
  // ANSI: the element's error, with the element's types.
  EXPECT_NE(Cast(in, 4, to, Ansi())
                .status()
                .message()
                .find("The value 'x' of the type \"STRING\" cannot be cast to \"INT\""),
            std::string::npos);
  // TRY_CAST: Spark's generated code catches the failure around the whole value, so the
  // whole array is NULL, not the element (Cast.castCode's try/catch).
  auto tried = Cast(in, 4, to, Try());
  ASSERT_TRUE(tried.ok());
  EXPECT_EQ(ReadIntArrays(*tried, 4),
            (Rows{std::nullopt, std::nullopt, Column<int32_t>{}, Column<int32_t>{7}}));
}

TEST(CastNestedTest, StructsByPositionAndNullRows) {
  const LogicalType from =
      LogicalType::Struct({Field{"a", TypeId::kInt, true}, Field{"b", TypeId::kString, true}});
  const LogicalType to =
      LogicalType::Struct({Field{"x", TypeId::kBigInt, true}, Field{"y", TypeId::kDouble, true}});
  Vector in = *Vector::Make(from, 3);
  in.children()[0].data<int32_t>()[0] = 5;
  in.children()[1].data<vector::StringRef>()[0] = in.children()[1].heap().Add("2.5");
  in.SetNull(1);  // its fields hold garbage that must not be read
  in.children()[1].data<vector::StringRef>()[1] = in.children()[1].heap().Add("not a number");
  in.children()[0].SetNull(2);
  in.children()[1].data<vector::StringRef>()[2] = in.children()[1].heap().Add("x");
  // Row 1 is NULL: its fields are not looked at, even under ANSI.
  EXPECT_TRUE(Cast(in, 2, to, Ansi()).ok());
  auto out = Cast(in, 3, to, Ansi());
  // Row 2's 'x' fails under ANSI; row 1 is NULL and not looked at.
  EXPECT_NE(out.status().message().find("The value 'x'"), std::string::npos);
  out = Cast(in, 3, to, Legacy());
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(Read<int64_t>(out->children()[0], 1), (Column<int64_t>{5}));
  EXPECT_EQ(Read<double>(out->children()[1], 1), (Column<double>{2.5}));
  EXPECT_TRUE(out->IsNull(1));
  EXPECT_FALSE(out->IsNull(2));
  EXPECT_TRUE(out->children()[0].IsNull(2));
  EXPECT_TRUE(out->children()[1].IsNull(2));
  // As text: "null" inside, as ToStringBase writes it.
  auto text = Cast(in, 3, TypeId::kString, Legacy());
  EXPECT_EQ(Read<std::string>(*text, 3), (Strings{"{5, 2.5}", std::nullopt, "{null, x}"}));
}

TEST(CastNestedTest, MapsKeysAndValues) {
  const LogicalType from = LogicalType::Map(TypeId::kString, TypeId::kString);
  Vector in = *Vector::Make(from, 1);
  const uint32_t offset = *in.AppendListEntry(0, 2);
  Vector& keys = in.children()[0];
  Vector& values = in.children()[1];
  keys.data<vector::StringRef>()[offset] = keys.heap().Add("a");
  keys.data<vector::StringRef>()[offset + 1] = keys.heap().Add("b");
  values.data<vector::StringRef>()[offset] = values.heap().Add("1.5");
  values.SetNull(offset + 1);
  auto out = Cast(in, 1, LogicalType::Map(TypeId::kString, TypeId::kDouble), Legacy());
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  const ListEntry e = out->data<ListEntry>()[0];
  ASSERT_EQ(e.length, 2u);
  EXPECT_EQ(out->children()[0].data<vector::StringRef>()[e.offset].view(), "a");
  EXPECT_EQ(out->children()[1].data<double>()[e.offset], 1.5);
  EXPECT_TRUE(out->children()[1].IsNull(e.offset + 1));
  auto text = Cast(in, 1, TypeId::kString, Legacy());
  EXPECT_EQ(Read<std::string>(*text, 1), (Strings{"{a -> 1.5, b -> null}"}));
}

TEST(CastNestedTest, ArrayOfBinaryAsTextKeepsBytesAndNulls) {
  Vector in = *Vector::Make(LogicalType::Array(TypeId::kBinary), 1);
  const uint32_t offset = *in.AppendListEntry(0, 2);
  in.children()[0].data<vector::StringRef>()[offset] = in.children()[0].heap().Add("hi");
  in.children()[0].SetNull(offset + 1);
  auto text = Cast(in, 1, TypeId::kString, Legacy());
  EXPECT_EQ(Read<std::string>(*text, 1), (Strings{"[hi, null]"}));
}

TEST(CastRulesTest, WhichCastsExist) {
  const LogicalType str = TypeId::kString, i = TypeId::kInt, date = TypeId::kDate,
                    ts = TypeId::kTimestamp, ntz = TypeId::kTimestampNtz, b = TypeId::kBoolean,
                    bin = TypeId::kBinary, d = TypeId::kDouble, dec = LogicalType::Decimal(10, 2);
  struct Case {
    LogicalType from, to;
    bool legacy, ansi;
  };
  const Case cases[] = {
      {str, i, true, true},
      {i, str, true, true},
      {date, i, true, false},
      {date, b, true, false},
      {ts, b, true, false},
      {i, b, true, true},
      {b, ts, true, false},
      {i, ts, true, true},
      {ts, dec, true, true},
      {ntz, ts, true, true},
      {ntz, i, false, false},
      {i, ntz, false, false},
      {i, bin, true, false},
      {d, bin, false, false},
      {str, bin, true, true},
      {bin, str, true, true},
      {bin, i, false, false},
      {date, ntz, true, true},
      {ts, date, true, true},
      {ntz, date, true, true},
      {i, date, false, false},
      {b, date, false, false},
      {TypeId::kNull, date, true, true},
      {str, TypeId::kInterval, true, true},
      {TypeId::kInterval, i, false, false},
      {LogicalType::Array(i), str, true, true},
      {str, LogicalType::Array(i), false, false},
      {LogicalType::Array(str), LogicalType::Array(i), true, true},
      {LogicalType::Array(date), LogicalType::Array(i), true, false},
      // A MAP key cast that may give NULL is refused without ANSI (forceNullable).
      {LogicalType::Map(str, i), LogicalType::Map(i, i), false, true},
      {LogicalType::Map(i, str), LogicalType::Map(TypeId::kBigInt, i), true, true},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(CanCast(c.from, c.to, false), c.legacy)
        << c.from.ToString() << " -> " << c.to.ToString();
    EXPECT_EQ(CanCast(c.from, c.to, true), c.ansi)
        << c.from.ToString() << " -> " << c.to.ToString();
  }
  // STRUCT: same width; a nullable field may not go to a NOT NULL one, nor may a cast that
  // can make NULL.
  const LogicalType s_int = LogicalType::Struct({Field{"a", i, true}});
  const LogicalType s_str_nn = LogicalType::Struct({Field{"a", str, false}});
  const LogicalType s_int_nn = LogicalType::Struct({Field{"z", i, false}});
  EXPECT_TRUE(CanCast(s_int, LogicalType::Struct({Field{"q", str, true}}), false));
  EXPECT_FALSE(CanCast(s_int, s_int_nn, false));
  EXPECT_FALSE(CanCast(s_str_nn, s_int_nn, false));  // '1x' would be NULL
  EXPECT_TRUE(CanCast(s_str_nn, s_int_nn, true));    // ANSI: an error instead
  EXPECT_FALSE(
      CanCast(s_int, LogicalType::Struct({Field{"a", i, true}, Field{"b", i, true}}), false));
  // TRY_CAST: ANSI's list for plain types, the legacy one inside nested types.
  EXPECT_FALSE(CanTryCast(date, i));
  EXPECT_TRUE(CanTryCast(LogicalType::Array(date), LogicalType::Array(i)));
  EXPECT_TRUE(CanTryCast(LogicalType::Array(date), str));
  EXPECT_TRUE(ForceNullable(str, i));
  EXPECT_FALSE(ForceNullable(i, TypeId::kBigInt));
  EXPECT_TRUE(ForceNullable(TypeId::kBigInt, LogicalType::Decimal(10, 0)));
  EXPECT_FALSE(ForceNullable(TypeId::kInt, LogicalType::Decimal(10, 0)));
  EXPECT_TRUE(ForceNullable(d, i));
  EXPECT_TRUE(ForceNullable(ts, i));
  EXPECT_FALSE(ForceNullable(ts, TypeId::kBigInt));
}

}  // namespace
}  // namespace sluice::functions::testing
