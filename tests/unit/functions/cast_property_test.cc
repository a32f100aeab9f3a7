// Random strings cast to every type, in every mode: no crash, no error outside ANSI, and
// the modes agree (TRY_CAST gives ANSI's value or NULL where ANSI fails; a legacy value
// that ANSI accepts is the same value). Run under ASan by the sanitizer build.
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

TEST(CastPropertyTest, RandomStringsToEveryType) {
  std::mt19937 rng(20260101);
  const LogicalType targets[] = {TypeId::kBoolean,
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
  constexpr size_t kRows = 512;
  size_t ansi_errors = 0, legacy_values = 0;
  for (int round = 0; round < 16; ++round) {
    Strings texts;
    for (size_t i = 0; i < kRows; ++i) {
      texts.push_back(i % 50 == 0 ? std::nullopt : std::optional<std::string>(RandomText(rng)));
    }
    const Vector in = MakeStrings(texts);
    for (const LogicalType& to : targets) {
      for (const char* zone : {"UTC", "America/Los_Angeles"}) {
        auto legacy = Cast(in, kRows, to, Legacy(zone));
        ASSERT_TRUE(legacy.ok()) << to.ToString() << ": " << legacy.status().ToString();
        auto tried = Cast(in, kRows, to, Try(zone));
        ASSERT_TRUE(tried.ok()) << to.ToString() << ": " << tried.status().ToString();
        for (size_t row = 0; row < kRows; ++row) {
          legacy_values += !legacy->IsNull(row);
          // Row by row under ANSI: each row either casts or names its value.
          auto one = Cast(MakeStrings({texts[row]}), 1, to, Ansi(zone));
          if (!one.ok()) {
            ++ansi_errors;
            EXPECT_EQ(one.status().code(), StatusCode::kInvalid);
            EXPECT_EQ(one.status().message()[0], '[') << one.status().message();
            EXPECT_TRUE(tried->IsNull(row)) << to.ToString() << " '" << *texts[row] << "'";
            continue;
          }
          EXPECT_TRUE(SameRow(*one, 0, *tried, row)) << to.ToString() << " '" << *texts[row] << "'";
          EXPECT_TRUE(legacy->IsNull(row) || SameRow(*one, 0, *legacy, row))
              << to.ToString() << " '" << *texts[row] << "'";
        }
      }
    }
  }
  // The generator reaches both sides.
  EXPECT_GT(ansi_errors, 1000u);
  EXPECT_GT(legacy_values, 1000u);
}

}  // namespace
}  // namespace sluice::functions::testing
