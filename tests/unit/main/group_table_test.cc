// GroupTable (exec) keeps its string keys without copying each one: a batch that adds many
// groups is pinned, one that adds few (for its rows or its vectors' room) has its new strings
// copied, a merge pins the other table's keys. Every way, the keys must read back as written
// (checked against the strings built here) after their batch, or the other table, was overwritten
// or destroyed.
#include "exec/group_table.h"

#include <gtest/gtest.h>

#include <string>

namespace sluice::exec {
namespace {

using types::TypeId;
using vector::StringRef;
using vector::Vector;

constexpr size_t kRows = 64;

// A string past StringRef's inline bytes, so that it lies in a heap.
std::string Key(size_t i) { return "a key longer than twelve bytes #" + std::to_string(i); }

// A STRING vector of keys Key(k) for each k of `keys`, in its own heap (-1: NULL).
Vector Strings(const std::vector<int>& keys) {
  Vector v = *Vector::Make(TypeId::kString, keys.size());
  for (size_t r = 0; r < keys.size(); ++r) {
    if (keys[r] < 0)
      v.SetNull(r);
    else
      v.data<StringRef>()[r] = v.heap().Add(Key(static_cast<size_t>(keys[r])));
  }
  return v;
}

// Overwrites every row of `v` with other strings (its old storage goes unless shared).
void Overwrite(Vector& v) {
  v.Reset();
  for (size_t r = 0; r < v.capacity(); ++r)
    v.data<StringRef>()[r] = v.heap().Add("overwritten, and long enough to be in the heap");
}

std::string KeyAt(const GroupTable& t, uint32_t id) {
  return std::string(t.columns()[0].data<StringRef>()[id].view());
}

TEST(GroupTableTest, KeysOutliveTheBatchThatAddedMany) {
  GroupTable t = *GroupTable::Make({TypeId::kString});
  std::vector<int> keys;
  for (size_t i = 0; i < kRows; ++i) keys.push_back(static_cast<int>(i % 40));
  keys[5] = -1;
  Vector batch = Strings(keys);
  std::vector<uint32_t> ids;
  ASSERT_TRUE(t.FindOrInsertAll({&batch}, kRows, ids).ok());
  ASSERT_EQ(t.size(), 41u);  // 0..39 and NULL (row 5; key 5 first at row 45)
  EXPECT_GE(t.memory_bytes(), batch.memory_bytes());  // the pinned batch is counted
  Overwrite(batch);
  batch = *Vector::Make(TypeId::kString, 1);
  for (size_t r = 0; r < kRows; ++r) {
    if (keys[r] < 0) {
      EXPECT_TRUE(t.columns()[0].IsNull(ids[r]));
    } else {
      EXPECT_EQ(KeyAt(t, ids[r]), Key(static_cast<size_t>(keys[r]))) << r;
    }
  }
  EXPECT_EQ(ids[5], 5u);
  EXPECT_EQ(ids[45], 40u);
}

TEST(GroupTableTest, KeysOfABatchThatAddedFewAreCopied) {
  GroupTable t = *GroupTable::Make({TypeId::kString});
  std::vector<int> first;
  for (size_t i = 0; i < kRows; ++i) first.push_back(static_cast<int>(i));
  Vector a = Strings(first);
  std::vector<uint32_t> ids;
  ASSERT_TRUE(t.FindOrInsertAll({&a}, kRows, ids).ok());
  // A second batch of old keys and two new ones: too few to pin it.
  std::vector<int> second(kRows, 3);
  second[10] = 1000;
  second[20] = 1001;
  Vector b = Strings(second);
  ASSERT_TRUE(t.FindOrInsertAll({&b}, kRows, ids).ok());
  Overwrite(a);
  Overwrite(b);
  ASSERT_EQ(t.size(), kRows + 2);
  EXPECT_EQ(ids[10], kRows);
  EXPECT_EQ(KeyAt(t, static_cast<uint32_t>(kRows)), Key(1000));
  EXPECT_EQ(KeyAt(t, static_cast<uint32_t>(kRows + 1)), Key(1001));
  EXPECT_EQ(KeyAt(t, ids[0]), Key(3));
  EXPECT_EQ(KeyAt(t, 0), Key(0));
}

TEST(GroupTableTest, AFewRowsOfALargeVectorAreCopiedNotPinned) {
  // 4 rows read from a vector with room (and strings) for 4096: all 4 rows are new groups,
  // but keeping the vector for them would hold 1000 times their bytes.
  std::vector<int> keys;
  for (size_t i = 0; i < 4096; ++i) keys.push_back(static_cast<int>(i));
  Vector large = Strings(keys);
  GroupTable t = *GroupTable::Make({TypeId::kString});
  std::vector<uint32_t> ids;
  ASSERT_TRUE(t.FindOrInsertAll({&large}, 4, ids).ok());
  EXPECT_LT(t.memory_bytes(), large.memory_bytes() / 2);
  Overwrite(large);
  ASSERT_EQ(t.size(), 4u);
  for (uint32_t g = 0; g < 4; ++g) EXPECT_EQ(KeyAt(t, g), Key(g));
}

TEST(GroupTableTest, MergedKeysOutliveTheTablesMerged) {
  GroupTable merged = *GroupTable::Make({TypeId::kString, TypeId::kBigInt});
  std::vector<uint32_t> mine_a, mine_b;
  {
    // Two workers' tables with keys 0..29 and 20..49: 20..29 in both.
    std::vector<int> ka, kb;
    for (int i = 0; i < 30; ++i) ka.push_back(i);
    for (int i = 20; i < 50; ++i) kb.push_back(i);
    Vector a = Strings(ka), b = Strings(kb);
    Vector set = *Vector::Make(TypeId::kBigInt, 30);
    for (size_t r = 0; r < 30; ++r) set.data<int64_t>()[r] = 0;
    GroupTable ta = *GroupTable::Make({TypeId::kString, TypeId::kBigInt});
    GroupTable tb = *GroupTable::Make({TypeId::kString, TypeId::kBigInt});
    std::vector<uint32_t> ids;
    ASSERT_TRUE(ta.FindOrInsertAll({&a, &set}, 30, ids).ok());
    ASSERT_TRUE(tb.FindOrInsertAll({&b, &set}, 30, ids).ok());
    Overwrite(a);
    Overwrite(b);
    std::vector<uint32_t> all(30);
    for (uint32_t g = 0; g < 30; ++g) all[g] = g;
    ASSERT_TRUE(merged.MergeFrom(ta, all, mine_a).ok());
    ASSERT_TRUE(merged.MergeFrom(tb, all, mine_b).ok());
  }
  ASSERT_EQ(merged.size(), 50u);
  for (uint32_t g = 0; g < 30; ++g) {
    EXPECT_EQ(mine_a[g], g);
    EXPECT_EQ(KeyAt(merged, g), Key(g));
    EXPECT_EQ(KeyAt(merged, mine_b[g]), Key(20 + g));
  }
  EXPECT_EQ(mine_b[0], 20u);  // key 20 was already there
  EXPECT_EQ(mine_b[10], 30u);
}

}  // namespace
}  // namespace sluice::exec
