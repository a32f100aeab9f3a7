// PartitionedRows (exec) puts each row (and its hash) in the partition of its hash's top bits,
// in the order added, across batch boundaries; a string it copies must read back as written after
// its source batch was overwritten and destroyed (checked against the strings built here).
#include "exec/partitioned_rows.h"

#include <gtest/gtest.h>

#include <string>

namespace sluice::exec {
namespace {

using types::TypeId;
using vector::StringRef;
using vector::Vector;

constexpr int kBits = 5;
constexpr size_t kRows = 3000;  // two batches of it fill more than one batch per partition

std::string Key(size_t i) { return "a key longer than twelve bytes #" + std::to_string(i); }

// Partition id % 32 in the top bits; low bits that must not matter.
uint64_t Hash(size_t id) {
  return (uint64_t{id % 32} << (64 - kBits)) | (id * 0x9e3779b9ULL & ((1ULL << 59) - 1));
}

TEST(PartitionedRowsTest, RowsGoToTheirPartitionInOrderAndKeepTheirStrings) {
  auto schema = std::make_shared<const types::Schema>(
      std::vector<types::Field>{{"k", TypeId::kString}, {"v", TypeId::kBigInt}});
  PartitionedRows rows(schema, kBits);
  for (size_t round = 0; round < 2; ++round) {
    Vector k = *Vector::Make(TypeId::kString, kRows);
    Vector v = *Vector::Make(TypeId::kBigInt, kRows);
    std::vector<uint64_t> hashes(kRows);
    for (size_t r = 0; r < kRows; ++r) {
      const size_t id = round * kRows + r;
      if (id % 7 == 0)
        k.SetNull(r);
      else
        k.data<StringRef>()[r] = k.heap().Add(Key(id));
      v.data<int64_t>()[r] = static_cast<int64_t>(id);
      hashes[r] = Hash(id);
    }
    std::vector<Vector> columns;
    columns.push_back(k.Share());
    columns.push_back(v.Share());
    {
      vector::Batch batch = vector::Batch::FromColumns(schema, std::move(columns), kRows);
      ASSERT_TRUE(rows.Append(batch, hashes).ok());
    }
    // The source's strings are overwritten (its shared storage is copied, then this goes).
    k.Reset();
    for (size_t r = 0; r < kRows; ++r) k.data<StringRef>()[r] = k.heap().Add(Key(999999));
  }
  EXPECT_GT(rows.memory_bytes(), 2 * kRows * (sizeof(StringRef) + sizeof(int64_t)));
  ASSERT_EQ(rows.partitions(), 32u);
  size_t seen = 0;
  for (size_t p = 0; p < 32; ++p) {
    size_t expected = p;  // the ids of partition p, in order
    for (size_t i = 0; i < rows.partition(p).size(); ++i) {
      const vector::Batch& b = rows.partition(p)[i];
      ASSERT_LE(b.num_rows(), vector::kVectorSize);
      for (size_t r = 0; r < b.num_rows(); ++r, expected += 32, ++seen) {
        ASSERT_EQ(b.column(1).data<int64_t>()[r], static_cast<int64_t>(expected));
        ASSERT_EQ(rows.hashes(p, i)[r], Hash(expected));
        if (expected % 7 == 0)
          EXPECT_TRUE(b.column(0).IsNull(r));
        else
          ASSERT_EQ(b.column(0).data<StringRef>()[r].view(), Key(expected));
      }
    }
    EXPECT_GE(expected, 2 * kRows);
  }
  EXPECT_EQ(seen, 2 * kRows);
  rows.Clear(3);
  EXPECT_TRUE(rows.partition(3).empty());
}

}  // namespace
}  // namespace sluice::exec
