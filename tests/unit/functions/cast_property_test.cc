// Random strings, and random values of every plain type, cast to every type in every mode:
// no crash, no error outside ANSI (but where Spark throws anyway), and the modes agree
// (TRY_CAST gives ANSI's value or NULL where ANSI fails; a legacy value that ANSI accepts
// is the same value). Run under ASan and UBSan by the sanitizer build.
#include <cstring>
#include <random>

#include "cast_test_util.h"

namespace sluice::functions::testing {
namespace {

// Strings built from the pieces that parsers branch on, so that many are nearly valid.
std::string RandomText(std::mt19937& rng) {
  static const char* kPieces[] = {"0",          "1",
                                  "9",          "12",
                                  "2020",       "-",
                                  "+",          ".",
                                  "e",          "E",
                                  ":",          "T",
                                  " ",          "\t",
                                  "\n",         "Z",
                                  "t",          "no",
                                  "yes",        "NaN",
                                  "inf",        "x",
                                  "\xc3\xa9",   "\xff",
                                  "\0",         "/",
                                  "'",          "1e40",
                                  "-01",        "12:30",
                                  "2020-02-29", "America/Los_Angeles",
                                  "+05:30",     "99999999999999999999",
                                  "1.5d",       "0.000000001"};
  constexpr size_t kCount = sizeof(kPieces) / sizeof(kPieces[0]);
  std::uniform_int_distribution<size_t> pieces(0, 6), pick(0, kCount - 1);
  std::string out;
  for (size_t n = pieces(rng); n > 0; --n) {
    const size_t i = pick(rng);
    out += i == 24 ? std::string(1, '\0') : std::string(kPieces[i]);
  }
  return out;
}

bool SameRow(const Vector& a, size_t row_a, const Vector& b, size_t row_b) {
  if (a.IsNull(row_a) || b.IsNull(row_b)) return a.IsNull(row_a) == b.IsNull(row_b);
  const LogicalType& t = a.type();
  if (t.IsStringLike()) {
    return a.data<vector::StringRef>()[row_a].view() == b.data<vector::StringRef>()[row_b].view();
  }
  const size_t width = static_cast<size_t>(t.FixedWidth());
  // NaN != NaN as a double, but the bytes agree.
  return std::memcmp(a.data<uint8_t>() + row_a * width, b.data<uint8_t>() + row_b * width, width) ==
         0;
}

// Row `row` of a flat vector as a vector of its own.
Vector RowOf(const Vector& v, size_t row) {
  Vector one = *Vector::Make(v.type(), 1);
  if (v.IsNull(row)) {
    one.SetNull(0);
  } else if (v.type().IsStringLike()) {
    one.data<vector::StringRef>()[0] = one.heap().Add(v.data<vector::StringRef>()[row].view());
  } else {
    const size_t width = static_cast<size_t>(v.type().FixedWidth());
    std::memcpy(one.data<uint8_t>(), v.data<uint8_t>() + row * width, width);
  }
  return one;
}

struct Counts {
  size_t ansi_errors = 0;
  size_t legacy_values = 0;
};

// Casts `in` to `to` in every mode and checks that the modes agree row by row: under ANSI a
// row casts or fails with Spark's error, TRY_CAST gives ANSI's value or NULL where ANSI
// fails, and a legacy value is ANSI's value where ANSI succeeds (`same_text`: false where
// the two spell values differently, decimals as text).
void CheckModesAgree(const Vector& in, size_t rows, const LogicalType& to, const char* zone,
                     bool same_text, Counts* counts) {
  const std::string what = in.type().ToString() + " -> " + to.ToString() + " in " + zone;
  auto legacy = Cast(in, rows, to, Legacy(zone));
  // Without ANSI only what Spark throws on anyway fails (DATE past TIMESTAMP's range).
  if (!legacy.ok()) {
    EXPECT_NE(legacy.status().message().find("[CAST_OVERFLOW]"), std::string::npos) << what;
  }
  if (!CanCast(in.type(), to, /*ansi=*/true)) {  // legacy only (DATE to INT, INT to BINARY)
    if (legacy.ok()) {
      for (size_t row = 0; row < rows; ++row) counts->legacy_values += !legacy->IsNull(row);
    }
    return;
  }
  auto tried = Cast(in, rows, to, Try(zone));
  ASSERT_TRUE(tried.ok()) << what << ": " << tried.status().ToString();
  for (size_t row = 0; row < rows; ++row) {
    auto one = Cast(RowOf(in, row), 1, to, Ansi(zone));
    if (legacy.ok()) counts->legacy_values += !legacy->IsNull(row);
    if (!one.ok()) {
      ++counts->ansi_errors;
      EXPECT_EQ(one.status().code(), StatusCode::kInvalid) << what;
      EXPECT_EQ(one.status().message()[0], '[') << one.status().message();
      EXPECT_TRUE(tried->IsNull(row)) << what << " row " << row;
      continue;
    }
    EXPECT_TRUE(SameRow(*one, 0, *tried, row)) << what << " row " << row;
    if (legacy.ok() && same_text) {
      EXPECT_TRUE(legacy->IsNull(row) || SameRow(*one, 0, *legacy, row)) << what << " row " << row;
    }
  }
}

const LogicalType kTargets[] = {TypeId::kBoolean,
                                TypeId::kTinyInt,
                                TypeId::kSmallInt,
                                TypeId::kInt,
                                TypeId::kBigInt,
                                TypeId::kFloat,
                                TypeId::kDouble,
                                TypeId::kString,
                                TypeId::kBinary,
                                TypeId::kDate,
                                TypeId::kTimestamp,
                                TypeId::kTimestampNtz,
                                LogicalType::Decimal(5, 2),
                                LogicalType::Decimal(38, 10),
                                LogicalType::Decimal(18, 0)};

TEST(CastPropertyTest, RandomStringsToEveryType) {
  std::mt19937 rng(20260101);
  constexpr size_t kRows = 512;
  Counts counts;
  for (int round = 0; round < 16; ++round) {
    Strings texts;
    for (size_t i = 0; i < kRows; ++i) {
      texts.push_back(i % 50 == 0 ? std::nullopt : std::optional<std::string>(RandomText(rng)));
    }
    const Vector in = MakeStrings(texts);
    for (const LogicalType& to : kTargets) {
      for (const char* zone : {"UTC", "America/Los_Angeles"}) {
        CheckModesAgree(in, kRows, to, zone, true, &counts);
      }
    }
  }
  // The generator reaches both sides.
  EXPECT_GT(counts.ansi_errors, 1000u);
  EXPECT_GT(counts.legacy_values, 1000u);
}

// Random bits, plus each type's extremes, of every plain type to every plain type.
TEST(CastPropertyTest, RandomValuesBetweenEveryPair) {
  std::mt19937_64 rng(7);
  constexpr size_t kRows = 256;
  Counts counts;
  for (const LogicalType& from : kTargets) {
    if (from.id() == TypeId::kString) continue;  // the test above
    Vector in = *Vector::Make(from, kRows);
    const size_t width = static_cast<size_t>(from.FixedWidth());
    for (size_t row = 0; row < kRows; ++row) {
      uint64_t bits[2] = {rng(), rng()};
      // Smaller magnitudes too, and the ends of each range (all ones, the sign bit alone).
      if (row % 4 == 1) bits[0] >>= rng() % 64, bits[1] = 0;
      if (row % 16 == 2) bits[0] = ~uint64_t{0} >> 1, bits[1] = bits[0];
      if (row % 16 == 3) bits[0] = uint64_t{1} << 63, bits[1] = bits[0];
      if (row % 16 == 4) in.SetNull(row);
      if (from.IsStringLike()) {
        in.data<vector::StringRef>()[row] =
            in.heap().Add(std::string_view(reinterpret_cast<const char*>(bits), row % 17));
      } else if (from.id() == TypeId::kBoolean) {
        in.data<uint8_t>()[row] = bits[0] & 1;
      } else if (from.id() == TypeId::kDecimal) {
        // Unscaled values within the precision.
        const types::Int128 limit = types::PowerOfTen(from.precision());
        const types::Int128 v =
            static_cast<types::Int128>((static_cast<unsigned __int128>(bits[1]) << 64 | bits[0]) %
                                       static_cast<unsigned __int128>(limit)) *
            (bits[1] & 1 ? -1 : 1);
        if (width == 8) {
          in.data<int64_t>()[row] = static_cast<int64_t>(v);
        } else {
          in.data<types::Int128>()[row] = v;
        }
      } else {
        std::memcpy(in.data<uint8_t>() + row * width, bits, width);
      }
    }
    for (const LogicalType& to : kTargets) {
      if (!CanCast(from, to, false)) continue;
      // Timestamps at the ends of their range only in UTC: their wall clock in other zones
      // lies past int64.
      for (const char* zone : {"UTC", "Asia/Kolkata"}) {
        if (std::string(zone) != "UTC" &&
            (from.id() == TypeId::kTimestamp || from.id() == TypeId::kTimestampNtz)) {
          continue;
        }
        const bool same_text = !(to.id() == TypeId::kString && from.id() == TypeId::kDecimal);
        CheckModesAgree(in, kRows, to, zone, same_text, &counts);
      }
    }
  }
  EXPECT_GT(counts.ansi_errors, 100u);
  EXPECT_GT(counts.legacy_values, 10000u);
}

}  // namespace
}  // namespace sluice::functions::testing
