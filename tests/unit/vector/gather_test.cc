#include <gtest/gtest.h>

#include "vector/vector_ops.h"

namespace sluice::vector {
namespace {

// A string column whose long values point into one pinned buffer, as a file reader makes it.
struct PinnedStrings {
  Vector column;
  std::weak_ptr<const std::string> buffer;
};

PinnedStrings MakePinned(size_t rows) {
  auto buffer = std::make_shared<const std::string>(std::string(rows * 20, 'x'));
  Vector v = *Vector::Make(types::LogicalType(types::TypeId::kString), rows);
  for (size_t r = 0; r < rows; ++r)
    v.data<StringRef>()[r] = StringRef(std::string_view(*buffer).substr(r, 20));
  v.SetNull(1);
  v.heap().Pin(buffer);
  return {std::move(v), buffer};
}

TEST(GatherTest, KeepingMostRowsSharesPinnedStrings) {
  PinnedStrings in = MakePinned(10);
  const std::string third(std::string_view(*in.buffer.lock()).substr(3, 20));
  Vector out = *Gather(in.column, {3, 1, 0, 4, 5, 6});
  in.column = *Vector::Make(types::LogicalType(types::TypeId::kString), 1);  // source gone
  EXPECT_FALSE(in.buffer.expired());                                         // the output pins it
  EXPECT_EQ(out.heap().allocated_bytes(), 0u);
  EXPECT_EQ(out.data<StringRef>()[0].view(), third);
  EXPECT_TRUE(out.IsNull(1));
  EXPECT_FALSE(out.IsNull(2));
}

TEST(GatherTest, KeepingFewRowsOrOwnStringsCopies) {
  PinnedStrings in = MakePinned(10);
  Vector few = *Gather(in.column, {3, 1});
  EXPECT_GT(few.heap().allocated_bytes(), 0u);
  EXPECT_TRUE(few.IsNull(1));
  in.column = *Vector::Make(types::LogicalType(types::TypeId::kString), 1);
  EXPECT_TRUE(in.buffer.expired());  // nothing else holds it: copies were made
  EXPECT_EQ(few.data<StringRef>()[0].view(), std::string(20, 'x'));

  Vector own = *Vector::Make(types::LogicalType(types::TypeId::kString), 2);
  own.data<StringRef>()[0] = own.heap().Add(std::string(30, 'a'));
  own.data<StringRef>()[1] = own.heap().Add(std::string(30, 'b'));
  Vector copied = *Gather(own, {1, 0});
  own = *Vector::Make(types::LogicalType(types::TypeId::kString), 1);
  EXPECT_EQ(copied.data<StringRef>()[0].view(), std::string(30, 'b'));
  EXPECT_EQ(copied.data<StringRef>()[1].view(), std::string(30, 'a'));
}

// Gathers make their outputs for overwrite, so they must write NULL rows' slots too: zero,
// whatever the source's NULL slot or the output's old value held.
TEST(GatherTest, NullRowsGetZeroSlots) {
  Vector ints = *Vector::Make(types::LogicalType(types::TypeId::kInt), 3);
  for (int32_t r = 0; r < 3; ++r) ints.data<int32_t>()[r] = 40 + r;
  ints.SetNull(1);
  Vector dst = *Vector::Make(types::LogicalType(types::TypeId::kInt), 2);
  dst.data<int32_t>()[0] = 7;
  ASSERT_TRUE(CopyRow(ints, 1, dst, 0).ok());
  EXPECT_TRUE(dst.IsNull(0));
  EXPECT_EQ(dst.data<int32_t>()[0], 0);

  Vector gathered = *Gather(ints, {2, 1, 0});
  EXPECT_EQ(gathered.data<int32_t>()[0], 42);
  EXPECT_TRUE(gathered.IsNull(1));
  EXPECT_EQ(gathered.data<int32_t>()[1], 0);
  EXPECT_EQ(gathered.data<int32_t>()[2], 40);

  PinnedStrings in = MakePinned(4);  // row 1 is NULL over a 20-byte string
  Vector strings = *Gather(in.column, {1, 0, 2});
  EXPECT_TRUE(strings.IsNull(0));
  EXPECT_EQ(strings.data<StringRef>()[0].size(), 0u);
  EXPECT_EQ(strings.data<StringRef>()[1].size(), 20u);
}

}  // namespace
}  // namespace sluice::vector
