// Aggregate states driven directly, for what SQL cannot reach yet (array arguments and nested
// values need array()) and for Merge, which the single-threaded operator does not call.
// Expected values: the examples in Spark 3.5's docs of percentile and percentile_approx, and
// rows built by hand.
#include <gtest/gtest.h>

#include "functions/function_registry.h"
#include "functions/kernel_util.h"

namespace sluice::functions {
namespace {

using types::LogicalType;
using types::TypeId;
using vector::ListEntry;
using vector::Vector;

Vector DoubleArray(const std::vector<double>& values) {
  Vector v = std::move(Vector::Make(LogicalType::Array(TypeId::kDouble), 1)).ValueOrDie();
  const uint32_t at = v.AppendListEntry(0, static_cast<uint32_t>(values.size())).ValueOrDie();
  for (size_t i = 0; i < values.size(); ++i) Set<double>(v.children()[0], at + i, values[i]);
  return v;
}

Vector Column(TypeId type, const std::vector<std::optional<int64_t>>& values) {
  Vector v = std::move(Vector::Make(type, values.size())).ValueOrDie();
  for (size_t i = 0; i < values.size(); ++i) {
    if (!values[i]) {
      v.SetNull(i);
    } else if (type == TypeId::kDouble) {
      Set<double>(v, i, static_cast<double>(*values[i]));
    } else {
      Set<int32_t>(v, i, static_cast<int32_t>(*values[i]));
    }
  }
  return v;
}

BoundAggregate Bind(const std::string& name, const std::vector<BindArgument>& args) {
  const AggregateFunction* f = FunctionRegistry::Builtin().FindAggregate(name);
  EXPECT_NE(f, nullptr) << name;
  Result<BoundAggregate> b = f->bind(FunctionContext{}, args, AggregateCallInfo{});
  EXPECT_TRUE(b.ok()) << b.status().message();
  return std::move(b).ValueOrDie();
}

// Feeds `rows` of `args` to one state (or, split at `split`, to two merged ones).
Vector Aggregate(const BoundAggregate& b, const std::vector<const Vector*>& args, size_t rows,
                 size_t split = 0) {
  std::unique_ptr<AggregateState> first = b.make_state(), second = b.make_state();
  for (size_t r = 0; r < rows; ++r) (r < split ? second : first)->Update(args, r);
  if (split > 0) {
    second->Merge(*first);
    first = std::move(second);
  }
  Vector out = std::move(Vector::Make(b.return_type, 1)).ValueOrDie();
  EXPECT_TRUE(first->Finalize(FunctionContext{}, out, 0).ok());
  return out;
}

std::vector<double> Doubles(const Vector& array) {
  const ListEntry e = array.data<ListEntry>()[0];
  std::vector<double> out;
  for (uint32_t i = 0; i < e.length; ++i)
    out.push_back(array.children()[0].data<double>()[e.offset + i]);
  return out;
}

TEST(AggregateTest, PercentileOfAnArrayOfPercentages) {
  // percentile(col, array(0.25, 0.75)) FROM VALUES (0), (10) -> [2.5,7.5]
  Vector col = Column(TypeId::kDouble, {0, 10});
  Vector p = DoubleArray({0.25, 0.75});
  BoundAggregate b = Bind("percentile", {{TypeId::kDouble}, {p.type(), &p}});
  EXPECT_EQ(b.return_type.ToString(), LogicalType::Array(TypeId::kDouble).ToString());
  EXPECT_EQ(Doubles(Aggregate(b, {&col, &p}, 2)), (std::vector<double>{2.5, 7.5}));
  EXPECT_EQ(Doubles(Aggregate(b, {&col, &p}, 2, 1)), (std::vector<double>{2.5, 7.5}));
}

TEST(AggregateTest, PercentileApproxOfAnArrayAnswersInTheInputType) {
  // percentile_approx(col, array(0.5, 0.4, 0.1), 100) FROM VALUES (0), (1), (2), (10)
  // -> [1,1,0]
  Vector col = Column(TypeId::kInt, {0, 1, 2, 10});
  Vector p = DoubleArray({0.5, 0.4, 0.1});
  Vector accuracy = Column(TypeId::kInt, {100});
  BoundAggregate b =
      Bind("percentile_approx", {{TypeId::kInt}, {p.type(), &p}, {TypeId::kInt, &accuracy}});
  Vector out = Aggregate(b, {&col, &p, &accuracy}, 4, 2);
  ASSERT_EQ(out.type().ToString(), LogicalType::Array(TypeId::kInt).ToString());
  const ListEntry e = out.data<ListEntry>()[0];
  ASSERT_EQ(e.length, 3u);
  EXPECT_EQ(out.children()[0].data<int32_t>()[e.offset], 1);
  EXPECT_EQ(out.children()[0].data<int32_t>()[e.offset + 1], 1);
  EXPECT_EQ(out.children()[0].data<int32_t>()[e.offset + 2], 0);
}

TEST(AggregateTest, CollectListOfArraysKeepsEmptyOnesAndSkipsNull) {
  Vector arrays = std::move(Vector::Make(LogicalType::Array(TypeId::kInt), 3)).ValueOrDie();
  const uint32_t at = arrays.AppendListEntry(0, 2).ValueOrDie();
  Set<int32_t>(arrays.children()[0], at, 1);
  Set<int32_t>(arrays.children()[0], at + 1, 2);
  arrays.SetNull(1);
  ASSERT_TRUE(arrays.AppendListEntry(1, 0).ok());
  ASSERT_TRUE(arrays.AppendListEntry(2, 0).ok());
  BoundAggregate b = Bind("collect_list", {{arrays.type()}});
  std::unique_ptr<AggregateState> s = b.make_state();
  for (size_t r = 0; r < 3; ++r)  // the operator skips NULL rows before Update
    if (!arrays.IsNull(r)) s->Update({&arrays}, r);
  Vector out = std::move(Vector::Make(b.return_type, 1)).ValueOrDie();
  ASSERT_TRUE(s->Finalize(FunctionContext{}, out, 0).ok());
  const ListEntry outer = out.data<ListEntry>()[0];
  ASSERT_EQ(outer.length, 2u);
  const Vector& inner = out.children()[0];
  EXPECT_EQ(inner.data<ListEntry>()[outer.offset].length, 2u);
  EXPECT_EQ(inner.data<ListEntry>()[outer.offset + 1].length, 0u);
  const uint32_t first = inner.data<ListEntry>()[outer.offset].offset;
  EXPECT_EQ(inner.children()[0].data<int32_t>()[first], 1);
  EXPECT_EQ(inner.children()[0].data<int32_t>()[first + 1], 2);
}

TEST(AggregateTest, MergedStatesAnswerAsOne) {
  Vector col = Column(TypeId::kInt, {5, std::nullopt, 3, 9, 3, 1});
  Vector dcol = Column(TypeId::kDouble, {5, 2, 3, 9, 3, 1});
  for (const char* name : {"first", "last", "mode", "count_if", "bit_xor", "min_by"}) {
    SCOPED_TRACE(name);
    const bool boolean = std::string(name) == "count_if";
    Vector flags = std::move(Vector::Make(TypeId::kBoolean, 6)).ValueOrDie();
    for (size_t r = 0; r < 6; ++r) Set<bool>(flags, r, r % 2 == 0);
    std::vector<BindArgument> args = {{boolean ? TypeId::kBoolean : TypeId::kInt}};
    std::vector<const Vector*> columns = {boolean ? &flags : &col};
    if (std::string(name) == "min_by") {
      args.push_back({TypeId::kDouble});
      columns.push_back(&dcol);
    }
    BoundAggregate b = Bind(name, args);
    for (size_t split = 1; split < 6; ++split) {
      Vector whole = Aggregate(b, columns, 6), merged = Aggregate(b, columns, 6, split);
      EXPECT_EQ(whole.IsNull(0), merged.IsNull(0));
      if (whole.IsNull(0)) continue;
      if (b.return_type.id() == TypeId::kInt) {
        EXPECT_EQ(whole.data<int32_t>()[0], merged.data<int32_t>()[0]);
      } else {
        EXPECT_EQ(whole.data<int64_t>()[0], merged.data<int64_t>()[0]);
      }
    }
  }
  // Statistics merge with Spark's pairwise formulas: equal to one pass up to rounding.
  BoundAggregate kurtosis = Bind("kurtosis", {{TypeId::kDouble}});
  const double one = Aggregate(kurtosis, {&dcol}, 6).data<double>()[0];
  for (size_t split = 1; split < 6; ++split)
    EXPECT_NEAR(Aggregate(kurtosis, {&dcol}, 6, split).data<double>()[0], one, 1e-12);
}

// Spark's golden outputs come from two partitions (local[2]: VALUES rows split in halves),
// each with a partial state, merged into a fresh final one. The same partial states merged
// here must give Spark's doubles exactly (group-by.sql.out).
Vector MergedAsSpark(const BoundAggregate& b, const Vector& column, size_t rows, size_t split) {
  std::unique_ptr<AggregateState> low = b.make_state(), high = b.make_state();
  for (size_t r = 0; r < rows; ++r)
    if (!column.IsNull(r)) (r < split ? low : high)->Update({&column}, r);
  std::unique_ptr<AggregateState> final_state = b.make_state();
  final_state->Merge(*low);
  final_state->Merge(*high);
  Vector out = std::move(Vector::Make(b.return_type, 1)).ValueOrDie();
  EXPECT_TRUE(final_state->Finalize(FunctionContext{}, out, 0).ok());
  return out;
}

TEST(AggregateTest, CentralMomentsMergeAsSparksPartialAggregates) {
  // testData's a: (1), (1), (2), (2) | (3), (3), (null), (3), (null).
  Vector a = Column(TypeId::kDouble, {1, 1, 2, 2, 3, 3, std::nullopt, 3, std::nullopt});
  const std::pair<const char*, double> expected[] = {{"skewness", -0.2723801058145729},
                                                     {"kurtosis", -1.5069204152249134},
                                                     {"variance", 0.8095238095238094},
                                                     {"stddev", 0.8997354108424372}};
  for (const auto& [name, value] : expected) {
    SCOPED_TRACE(name);
    EXPECT_EQ(MergedAsSpark(Bind(name, {{TypeId::kDouble}}), a, 9, 4).data<double>()[0], value);
  }
}

TEST(AggregateTest, HistogramNumericMergesAsSparksPartialAggregates) {
  // 1..50 with 3 in place of 36, in halves of 25 rows.
  std::vector<std::optional<int64_t>> values;
  for (int64_t v = 1; v <= 50; ++v) values.push_back(v == 36 ? 3 : v);
  Vector col = Column(TypeId::kDouble, values);
  const std::pair<int32_t, std::vector<double>> expected[] = {
      {2, {12, 26, 38, 24}},
      {3, {9, 20, 25, 11, 40, 19}},
      {5, {5, 11, 14, 8, 22, 7, 30, 10, 43, 14}},
      {10, {3, 6, 8, 6, 13, 4, 17, 3, 20, 4, 25, 6, 31, 7, 39, 5, 43, 4, 48, 5}}};
  for (const auto& [bins, xy] : expected) {
    SCOPED_TRACE(bins);
    Vector nb = std::move(Vector::Make(TypeId::kInt, 1)).ValueOrDie();
    Set<int32_t>(nb, 0, bins);
    BoundAggregate b = Bind("histogram_numeric", {{TypeId::kDouble}, {TypeId::kInt, &nb}});
    Vector out = MergedAsSpark(b, col, 50, 25);
    const ListEntry e = out.data<ListEntry>()[0];
    ASSERT_EQ(e.length * 2, xy.size());
    const Vector& entries = out.children()[0];
    for (uint32_t i = 0; i < e.length; ++i) {
      // Spark's golden file shows x cast back to the INT input: truncated.
      EXPECT_EQ(static_cast<int64_t>(entries.children()[0].data<double>()[e.offset + i]),
                xy[2 * i]);
      EXPECT_EQ(entries.children()[1].data<double>()[e.offset + i], xy[2 * i + 1]);
    }
  }
}

}  // namespace
}  // namespace sluice::functions
