#include "formats/row_filter.h"

#include <gtest/gtest.h>

#include <cmath>

#include "formats/column_predicate.h"

namespace sluice::formats {
namespace {

using Op = ColumnPredicate::Op;

TEST(ColumnPredicateTest, ParsesSqlSpelling) {
  auto p = ParsePredicates(
      "day >= '2024-01-05' and `event type` IN ('open', 'it''s') AND n is not null AND "
      "x<3 AND y = -1.5e3 AND ts > TIMESTAMP '2024-01-01 10:00:00' AND b == true AND z IS NULL");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_EQ(p->size(), 8u);
  EXPECT_EQ((*p)[0].column, "day");
  EXPECT_EQ((*p)[0].op, Op::kGe);
  EXPECT_EQ((*p)[0].values, std::vector<std::string>{"2024-01-05"});
  EXPECT_EQ((*p)[1].column, "event type");
  EXPECT_EQ((*p)[1].op, Op::kIn);
  EXPECT_EQ((*p)[1].values, (std::vector<std::string>{"open", "it's"}));
  EXPECT_EQ((*p)[2].op, Op::kIsNotNull);
  EXPECT_EQ((*p)[3].op, Op::kLt);
  EXPECT_EQ((*p)[4].values, std::vector<std::string>{"-1.5e3"});
  EXPECT_EQ((*p)[5].values, std::vector<std::string>{"2024-01-01 10:00:00"});
  EXPECT_EQ((*p)[6].op, Op::kEq);
  EXPECT_EQ((*p)[7].op, Op::kIsNull);
}

TEST(ColumnPredicateTest, ErrorsNameTheOffset) {
  auto expect_error = [](const std::string& text, const std::string& message) {
    auto p = ParsePredicates(text);
    ASSERT_FALSE(p.ok()) << text;
    EXPECT_NE(p.status().message().find(message), std::string::npos) << p.status().ToString();
  };
  expect_error("", "offset 0: expected a column name");
  expect_error("a != 3", "offset 2: expected =, <, <=, >, >=, IN or IS after 'a'");
  expect_error("a = 'x", "unterminated '");
  expect_error("a IN (1, 2", "expected , or )");
  expect_error("a = 1 OR b = 2", "offset 6: expected AND or the end");
  expect_error("a IS NOT 3", "expected NULL");
}

// One row per value of each column; the rows a filter keeps.
std::vector<size_t> Kept(const std::string& where) {
  auto schema = std::make_shared<const types::Schema>(
      *types::ParseDdlSchema("i INT, d DOUBLE, s STRING, dec DECIMAL(30,2), ts TIMESTAMP"));
  auto batch = *vector::Batch::Make(schema);
  const int32_t is[] = {1, 2, 3, 0};
  const double ds[] = {1.5, NAN, -2, 0};
  const char* ss[] = {"a", "b", "", "z"};
  for (size_t r = 0; r < 4; ++r) {
    batch.column(0).data<int32_t>()[r] = is[r];
    batch.column(1).data<double>()[r] = ds[r];
    batch.column(2).data<vector::StringRef>()[r] = batch.column(2).heap().Add(ss[r]);
    batch.column(3).data<types::Int128>()[r] = types::Int128(is[r]) * 100 + 5;  // i.05
    batch.column(4).data<int64_t>()[r] = 1700000000000000LL + is[r] * 1000000LL;
  }
  for (size_t c = 0; c < 5; ++c) batch.column(c).SetNull(3);  // row 3 is all NULL
  batch.set_num_rows(4);
  auto filter = RowFilter::Make(*ParsePredicates(where), *schema, types::TimeZone::Utc());
  EXPECT_TRUE(filter.ok()) << filter.status().ToString();
  filter->Apply(&batch);
  std::vector<size_t> kept;
  for (size_t i = 0; i < batch.num_selected(); ++i) kept.push_back(batch.selected_row(i));
  return kept;
}

TEST(RowFilterTest, KeepsRowsAsSqlWould) {
  using V = std::vector<size_t>;
  EXPECT_EQ(Kept("i >= 2"), (V{1, 2}));  // NULL compares as unknown: row 3 is out
  EXPECT_EQ(Kept("i IN (1, 3, 9)"), (V{0, 2}));
  EXPECT_EQ(Kept("i IS NULL"), (V{3}));
  EXPECT_EQ(Kept("s IS NOT NULL AND s < 'b'"), (V{0, 2}));
  EXPECT_EQ(Kept("d > 1"), (V{0, 1}));  // NaN is above every number, as in Spark
  EXPECT_EQ(Kept("d = 'NaN'"), (V{1}));
  EXPECT_EQ(Kept("dec = 2.05"), (V{1}));
  EXPECT_EQ(Kept("ts > '2023-11-14 22:13:21'"), (V{1, 2}));
  EXPECT_EQ(Kept("i > 1 AND i < 3"), (V{1}));
}

}  // namespace
}  // namespace sluice::formats
