// ColumnGatherer with shared pins: gathered strings that point into the sources' pinned buffers
// keep those buffers alive; strings short enough to be inlined keep nothing alive (a top-N
// window's few short keys must not hold its whole input).
#include "exec/gather_rows.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace sluice::exec {
namespace {

using vector::StringRef;
using vector::Vector;

// A STRING vector whose values point into one buffer its heap pins (as a file's pages).
Vector PinnedStrings(const std::shared_ptr<const std::string>& buffer, size_t value_bytes) {
  Vector v = *Vector::Make(types::TypeId::kString, 3);
  v.heap().Pin(buffer);
  for (size_t r = 0; r < 3; ++r)
    v.data<StringRef>()[r] =
        StringRef(std::string_view(*buffer).substr(r * value_bytes, value_bytes));
  return v;
}

TEST(GatherRowsTest, OnlyLongStringsKeepTheSourcesBuffersAlive) {
  auto buffer = std::make_shared<const std::string>(
      "aaaaaaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbbbbbcccccccccccccccccccc");
  const Vector long_values = PinnedStrings(buffer, 20), short_values = PinnedStrings(buffer, 5);
  buffer.reset();

  const ColumnGatherer long_gatherer({&long_values}, types::TypeId::kString, /*share_pinned=*/true);
  const ColumnGatherer short_gatherer({&short_values}, types::TypeId::kString,
                                      /*share_pinned=*/true);
  const uint64_t refs[] = {MakeRowRef(0, 2), MakeRowRef(0, 0)};
  Vector long_out = *Vector::Make(types::TypeId::kString, 2);
  Vector short_out = *Vector::Make(types::TypeId::kString, 2);
  ASSERT_TRUE(long_gatherer.Gather(refs, 2, long_out).ok());
  ASSERT_TRUE(short_gatherer.Gather(refs, 2, short_out).ok());
  EXPECT_EQ(long_out.data<StringRef>()[0].view(), std::string(20, 'c'));
  EXPECT_EQ(long_out.data<StringRef>()[1].view(), std::string(20, 'a'));
  EXPECT_EQ(short_out.data<StringRef>()[0].view(), "aaaaa");  // row 2 of 5-byte values
  EXPECT_EQ(short_out.data<StringRef>()[1].view(), "aaaaa");
  EXPECT_FALSE(long_out.heap().pins().empty());
  EXPECT_TRUE(short_out.heap().pins().empty());
  EXPECT_EQ(long_out.heap().allocated_bytes(), 0u);  // shared, not copied
}

}  // namespace
}  // namespace sluice::exec
