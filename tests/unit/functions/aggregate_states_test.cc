// AggregateStates driven directly: group ids and row selections as the hash aggregate gives
// them, merges of partial states from other tables, and the per-group object fallback.
// Expected values are worked out by hand.
#include "functions/aggregate_states.h"

#include <gtest/gtest.h>

#include <cmath>

#include "functions/function_registry.h"
#include "functions/kernel_util.h"

namespace sluice::functions {
namespace {

using types::TypeId;
using vector::Vector;

BoundAggregate Bind(const std::string& name, TypeId type) {
  const AggregateFunction* f = FunctionRegistry::Builtin().FindAggregate(name);
  EXPECT_NE(f, nullptr) << name;
  Result<BoundAggregate> b = f->bind(FunctionContext{}, {{type}}, AggregateCallInfo{});
  EXPECT_TRUE(b.ok()) << b.status().message();
  return std::move(b).ValueOrDie();
}

template <typename T>
Vector Column(TypeId type, const std::vector<T>& values) {
  Vector v = std::move(Vector::Make(type, values.size())).ValueOrDie();
  for (size_t i = 0; i < values.size(); ++i) Set<T>(v, i, values[i]);
  return v;
}

Vector Finalize(const BoundAggregate& b, const AggregateStates& states, bool ansi = false) {
  Vector out = std::move(Vector::Make(b.return_type, states.size())).ValueOrDie();
  FunctionContext ctx;
  ctx.ansi = ansi;
  EXPECT_TRUE(states.Finalize(ctx, 0, states.size(), out).ok());
  return out;
}

TEST(AggregateStatesTest, SumAvgCountMinMaxKeepArraysForFixedWidthTypesAndStrings) {
  for (const char* name : {"count", "sum", "avg", "min", "max"})
    EXPECT_TRUE(Bind(name, TypeId::kInt).make_states) << name;
  EXPECT_TRUE(Bind("min", TypeId::kString).make_states);
  EXPECT_TRUE(Bind("max", TypeId::kBinary).make_states);
  EXPECT_FALSE(Bind("stddev", TypeId::kDouble).make_states);
}

// Strings order by their bytes, unsigned ("é" is 0xC3 0xA9, above "z"); values longer than
// fit inline replace shorter ones and the other way round, and are counted.
TEST(AggregateStatesTest, MinAndMaxOfStringsKeepTheirBytesAndMerge) {
  const std::vector<std::string> values = {"b", "é", "zzzzzzzzzzzzzzzzzzzzzzzz",
                                           "a", "",  "aaaaaaaaaaaaaaaaaaaaaaaaaaaa"};
  Vector x = std::move(Vector::Make(TypeId::kString, values.size())).ValueOrDie();
  for (size_t i = 0; i < values.size(); ++i)
    x.data<vector::StringRef>()[i] = x.heap().Add(values[i]);
  const std::vector<uint32_t> groups = {0, 0, 0, 1, 1, 1};
  for (bool max : {true, false}) {
    BoundAggregate b = Bind(max ? "max" : "min", TypeId::kString);
    std::unique_ptr<AggregateStates> mine = MakeAggregateStates(b), theirs = MakeAggregateStates(b);
    mine->Resize(3);
    theirs->Resize(2);
    const size_t empty_bytes = mine->memory_bytes();
    const std::vector<uint32_t> first_three = {0, 1, 2}, last_three = {3, 4, 5};
    mine->Update({&x}, groups.data(), first_three.data(), 3);
    theirs->Update({&x}, groups.data(), last_three.data(), 3);
    // Their groups 0 (nothing) and 1 (a, "", a...) into mine 0 and 1.
    const std::vector<uint32_t> from = {0, 1}, to = {0, 1};
    mine->Merge(*theirs, from.data(), to.data(), 2);
    Vector out = Finalize(b, *mine);
    const vector::StringRef* refs = out.data<vector::StringRef>();
    EXPECT_EQ(refs[0].view(), max ? "é" : "b");
    EXPECT_EQ(refs[1].view(), max ? "aaaaaaaaaaaaaaaaaaaaaaaaaaaa" : "");
    EXPECT_TRUE(out.IsNull(2));
    // max keeps a 28-byte value outside its string object; min keeps only short ones.
    if (max)
      EXPECT_GT(mine->memory_bytes(), empty_bytes);
    else
      EXPECT_EQ(mine->memory_bytes(), empty_bytes);
  }
}

TEST(AggregateStatesTest, UpdatesSelectedRowsIntoTheirGroupsAndMerges) {
  BoundAggregate b = Bind("sum", TypeId::kInt);
  Vector x = Column<int32_t>(TypeId::kInt, {1, 2, 3, 4, 5});
  const std::vector<uint32_t> groups = {0, 1, 0, 2, 1};
  const std::vector<uint32_t> rows = {0, 1, 3, 4};  // row 2 filtered out
  std::unique_ptr<AggregateStates> mine = MakeAggregateStates(b);
  mine->Resize(3);
  mine->Update({&x}, groups.data(), rows.data(), rows.size());
  // Another table's groups 0 and 1 (all rows) merge into mine 2 and 0.
  std::unique_ptr<AggregateStates> theirs = MakeAggregateStates(b);
  theirs->Resize(2);
  const std::vector<uint32_t> their_groups = {0, 0, 1, 1, 1};
  theirs->Update({&x}, their_groups.data(), nullptr, 5);
  const std::vector<uint32_t> from = {0, 1}, to = {2, 0};
  mine->Merge(*theirs, from.data(), to.data(), 2);
  mine->Resize(4);  // a new group stays empty: NULL
  Vector out = Finalize(b, *mine);
  EXPECT_EQ(out.data<int64_t>()[0], 1 + 12);
  EXPECT_EQ(out.data<int64_t>()[1], 2 + 5);
  EXPECT_EQ(out.data<int64_t>()[2], 4 + 3);
  EXPECT_TRUE(out.IsNull(3));
}

TEST(AggregateStatesTest, BigintSumWrapsAcrossMergesAndFailsUnderAnsi) {
  BoundAggregate b = Bind("sum", TypeId::kBigInt);
  Vector x = Column<int64_t>(TypeId::kBigInt, {int64_t{1} << 62, int64_t{1} << 62});
  const std::vector<uint32_t> groups = {0, 0};
  std::unique_ptr<AggregateStates> a = MakeAggregateStates(b), c = MakeAggregateStates(b);
  a->Resize(1);
  c->Resize(1);
  a->Update({&x}, groups.data(), nullptr, 2);  // 2^63 overflows here
  c->Update({&x}, groups.data(), nullptr, 2);
  const uint32_t zero = 0;
  a->Merge(*c, &zero, &zero, 1);  // 2^64 wraps to 0
  EXPECT_EQ(Finalize(b, *a).data<int64_t>()[0], 0);
  Vector out = std::move(Vector::Make(b.return_type, 1)).ValueOrDie();
  FunctionContext ansi;
  ansi.ansi = true;
  EXPECT_FALSE(a->Finalize(ansi, 0, 1, out).ok());
}

TEST(AggregateStatesTest, MaxOfDoublesIsNanWhenAnyIsAndMinSkipsIt) {
  Vector x = Column<double>(TypeId::kDouble, {2.0, std::nan(""), -1.0});
  const std::vector<uint32_t> groups = {0, 0, 0};
  for (bool max : {true, false}) {
    BoundAggregate b = Bind(max ? "max" : "min", TypeId::kDouble);
    std::unique_ptr<AggregateStates> s = MakeAggregateStates(b);
    s->Resize(1);
    s->Update({&x}, groups.data(), nullptr, 3);
    const double v = Finalize(b, *s).data<double>()[0];
    if (max)
      EXPECT_TRUE(std::isnan(v));
    else
      EXPECT_EQ(v, -1.0);
  }
}

TEST(AggregateStatesTest, AggregatesWithoutArraysKeepAnObjectPerGroup) {
  BoundAggregate b = Bind("first", TypeId::kString);
  Vector x = std::move(Vector::Make(TypeId::kString, 3)).ValueOrDie();
  for (size_t i = 0; i < 3; ++i) Set<std::string_view>(x, i, std::string("cab").substr(i, 1));
  const std::vector<uint32_t> groups = {1, 0, 1};  // c, a, b
  std::unique_ptr<AggregateStates> s = MakeAggregateStates(b);
  s->Resize(2);
  s->Update({&x}, groups.data(), nullptr, 3);
  Vector out = Finalize(b, *s);
  EXPECT_EQ(out.data<vector::StringRef>()[0].view(), "a");
  EXPECT_EQ(out.data<vector::StringRef>()[1].view(), "c");
}

}  // namespace
}  // namespace sluice::functions
