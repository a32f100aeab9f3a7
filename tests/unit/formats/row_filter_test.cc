#include "formats/row_filter.h"

#include <gtest/gtest.h>

#include <cmath>

#include "formats/column_predicate.h"

namespace sluice::formats {
namespace {

using Op = ColumnPredicate::Op;

// One row per value of each column; the rows a filter keeps.
std::vector<size_t> Kept(const std::vector<ColumnPredicate>& where) {
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
  auto filter = RowFilter::Make(where, *schema, types::TimeZone::Utc());
  EXPECT_TRUE(filter.ok()) << filter.status().ToString();
  filter->Apply(&batch);
  std::vector<size_t> kept;
  for (size_t i = 0; i < batch.num_selected(); ++i) kept.push_back(batch.selected_row(i));
  return kept;
}

TEST(RowFilterTest, KeepsRowsAsSqlWould) {
  using V = std::vector<size_t>;
  EXPECT_EQ(Kept({{"i", Op::kGe, {"2"}}}), (V{1, 2}));  // NULL compares as unknown: row 3 is out
  EXPECT_EQ(Kept({{"i", Op::kIn, {"1", "3", "9"}}}), (V{0, 2}));
  EXPECT_EQ(Kept({{"i", Op::kIsNull, {}}}), (V{3}));
  EXPECT_EQ(Kept({{"s", Op::kIsNotNull, {}}, {"s", Op::kLt, {"b"}}}), (V{0, 2}));
  EXPECT_EQ(Kept({{"d", Op::kGt, {"1"}}}), (V{0, 1}));  // NaN is above every number, as in Spark
  EXPECT_EQ(Kept({{"d", Op::kEq, {"NaN"}}}), (V{1}));
  EXPECT_EQ(Kept({{"dec", Op::kEq, {"2.05"}}}), (V{1}));
  EXPECT_EQ(Kept({{"ts", Op::kGt, {"2023-11-14 22:13:21"}}}), (V{1, 2}));
  EXPECT_EQ(Kept({{"i", Op::kGt, {"1"}}, {"i", Op::kLt, {"3"}}}), (V{1}));
}

}  // namespace
}  // namespace sluice::formats
