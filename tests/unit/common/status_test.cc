#include "common/status.h"

#include <gtest/gtest.h>

#include "common/hash.h"

namespace sluice {
namespace {

Result<int> Half(int x) {
  if (x % 2 != 0) return Status::Invalid("odd: " + std::to_string(x));
  return x / 2;
}

Result<int> Quarter(int x) {
  SLUICE_ASSIGN_OR_RAISE(int h, Half(x));
  SLUICE_ASSIGN_OR_RAISE(int q, Half(h));
  return q;
}

Status CheckEven(int x) {
  SLUICE_RETURN_NOT_OK(Half(x).status());
  return Status::OK();
}

TEST(StatusTest, OkHasNoMessage) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kOk);
  EXPECT_EQ(s.ToString(), "OK");
  EXPECT_EQ(s.message(), "");
}

TEST(StatusTest, ErrorCarriesCodeAndMessage) {
  Status s = Status::ParseError("bad byte at 12");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kParseError);
  EXPECT_EQ(s.ToString(), "ParseError: bad byte at 12");
  Status c = s.WithContext("reading a.csv");
  EXPECT_EQ(c.code(), StatusCode::kParseError);
  EXPECT_EQ(c.message(), "reading a.csv: bad byte at 12");
}

TEST(StatusTest, MacrosPropagateFirstError) {
  EXPECT_EQ(*Quarter(8), 2);
  auto r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "odd: 3");
  EXPECT_TRUE(CheckEven(4).ok());
  EXPECT_EQ(CheckEven(5).code(), StatusCode::kInvalid);
}

TEST(StatusTest, ResultHoldsMoveOnlyValues) {
  Result<std::unique_ptr<int>> r(std::make_unique<int>(7));
  ASSERT_TRUE(r.ok());
  std::unique_ptr<int> v = std::move(r).ValueOrDie();
  EXPECT_EQ(*v, 7);
}

TEST(HashTest, DeterministicAndSpread) {
  EXPECT_EQ(HashString("abc"), HashString("abc"));
  EXPECT_NE(HashString("abc"), HashString("abd"));
  EXPECT_NE(HashString("abc", 1), HashString("abc", 2));
  EXPECT_NE(HashInt(1), HashInt(2));
  // Low bits of consecutive keys must differ (hash tables use them as buckets).
  int same_bucket = 0;
  for (uint64_t i = 0; i < 1000; ++i) same_bucket += (HashInt(i) & 1023) == (HashInt(i + 1) & 1023);
  EXPECT_LT(same_bucket, 10);
}

}  // namespace
}  // namespace sluice
