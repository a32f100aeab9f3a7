#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "types/civil_date.h"
#include "types/decimal.h"
#include "vector/batch.h"
#include "vector/value_formatter.h"

namespace sluice::vector {
namespace {

using types::LogicalType;
using types::TypeId;

TEST(StringRefTest, InlineAndPointerForms) {
  std::string short_text = "twelve bytes";
  StringRef a(short_text);
  EXPECT_TRUE(a.IsInlined());
  short_text[0] = 'X';  // inline copies do not alias the source
  EXPECT_EQ(a.view(), "twelve bytes");
  std::string long_text = "thirteen bytes";
  StringRef b(long_text);
  EXPECT_FALSE(b.IsInlined());
  EXPECT_EQ(b.data(), long_text.data());
  EXPECT_EQ(b, StringRef(std::string("thirteen bytes")));
  EXPECT_FALSE(b == StringRef(std::string("thirteen bytez")));
  EXPECT_EQ(StringRef().size(), 0u);
}

TEST(StringHeapTest, CopiesLongStringsAndPins) {
  StringHeap heap;
  std::string text(100, 'a');
  StringRef r = heap.Add(text);
  text.assign(100, 'b');
  EXPECT_EQ(r.view(), std::string(100, 'a'));
  std::string big(40000, 'z');
  StringRef big_ref = heap.Add(big);
  StringRef after = heap.Add(std::string(50, 'c'));
  EXPECT_EQ(big_ref.view(), big);
  EXPECT_EQ(after.view(), std::string(50, 'c'));
  auto pinned = std::make_shared<std::string>("kept alive");
  std::weak_ptr<std::string> weak = pinned;
  heap.Pin(pinned);
  pinned.reset();
  EXPECT_FALSE(weak.expired());
  heap.Clear();
  EXPECT_TRUE(weak.expired());
}

TEST(StringHeapTest, ArenaBlocksAreChargedToTheTracker) {
  memory::MemoryTracker tracker("strings");
  {
    StringHeap heap(&tracker);
    heap.Add("short");  // inline: no block
    EXPECT_EQ(tracker.used(), 0);
    heap.Add(std::string(100, 'a'));
    EXPECT_EQ(tracker.used(), 256);  // a first block of 256 bytes
    heap.Add(std::string(1 << 20, 'b'));
    EXPECT_EQ(tracker.used(), 256 + (1 << 20));
    EXPECT_EQ(static_cast<int64_t>(heap.allocated_bytes()), tracker.used());
  }
  EXPECT_EQ(tracker.used(), 0);
}

// One value held per heap (an aggregate group's min or max) costs a small block; the
// blocks after it are full-sized.
TEST(StringHeapTest, TheFirstBlockIsSmall) {
  memory::MemoryTracker tracker("strings");
  StringHeap heap(&tracker);
  const std::string value(64, 'x');
  heap.Add(value);
  EXPECT_EQ(tracker.used(), 256);
  for (int i = 0; i < 4; ++i) heap.Add(value);  // 320 bytes: a second block, of 64 KiB
  EXPECT_EQ(tracker.used(), 256 + 64 * 1024);
  const StringRef copied = heap.Add(value);
  EXPECT_EQ(copied.view(), value);
  heap.Clear();
  heap.Add(std::string(1000, 'y'));  // a first string larger than 256 bytes: a block its size
  EXPECT_EQ(tracker.used(), 1000);
}

TEST(ValidityMaskTest, AllValidUntilANullAppears) {
  ValidityMask m;
  EXPECT_TRUE(m.AllValid());
  m.SetInvalid(70);
  EXPECT_FALSE(m.IsValid(70));
  EXPECT_TRUE(m.IsValid(69));
  EXPECT_EQ(m.CountInvalid(2048), 1u);
  m.SetValid(70);
  EXPECT_TRUE(m.IsValid(70));
  m.SetInvalid(5000);  // beyond the default capacity
  EXPECT_FALSE(m.IsValid(5000));
}

TEST(VectorTest, FlatNestedAndBatch) {
  auto schema = std::make_shared<const types::Schema>(std::vector<types::Field>{
      {"id", TypeId::kInt, true},
      {"tags", LogicalType::Array(TypeId::kString), true},
      {"point", LogicalType::Struct({{"x", TypeId::kDouble, true}, {"y", TypeId::kDouble, true}}),
       true},
      {"attrs", LogicalType::Map(TypeId::kString, TypeId::kBigInt), true}});
  auto batch = Batch::Make(schema, 4);
  ASSERT_TRUE(batch.ok());
  Vector& id = batch->column(0);
  id.data<int32_t>()[0] = 7;
  id.SetNull(1);
  Vector& tags = batch->column(1);
  for (uint32_t row = 0; row < 2; ++row) {
    auto offset = tags.AppendListEntry(row, 2000);  // grows the child past its capacity
    ASSERT_TRUE(offset.ok());
    for (uint32_t k = 0; k < 2000; ++k)
      tags.children()[0].data<StringRef>()[*offset + k] = StringRef(std::string_view("t"));
  }
  EXPECT_EQ(tags.child_size(), 4000u);
  Vector& point = batch->column(2);
  point.children()[0].data<double>()[0] = 1.5;
  point.children()[1].SetNull(0);
  Vector& attrs = batch->column(3);
  uint32_t at = *attrs.AppendListEntry(0, 1);
  attrs.children()[0].data<StringRef>()[at] = StringRef(std::string_view("k"));
  attrs.children()[1].data<int64_t>()[at] = 9;
  batch->set_num_rows(2);
  types::TimeZone utc = types::TimeZone::Utc();
  EXPECT_EQ(FormatValue(id, 0, utc), "7");
  EXPECT_EQ(FormatValue(id, 1, utc), "NULL");
  EXPECT_EQ(FormatValue(point, 0, utc), "{1.5, NULL}");
  EXPECT_EQ(FormatValue(attrs, 0, utc), "{k -> 9}");
  EXPECT_EQ(FormatValue(tags, 1, utc).substr(0, 7), "[t, t, ");
  batch->Reset();
  EXPECT_FALSE(batch->column(0).IsNull(1));
  EXPECT_EQ(batch->column(1).child_size(), 0u);
}

TEST(ValueFormatterTest, JavaDoublesAndPythonFloats) {
  EXPECT_EQ(FormatJavaDouble(5861.5), "5861.5");
  EXPECT_EQ(FormatJavaDouble(1.0), "1.0");
  EXPECT_EQ(FormatJavaDouble(1e7), "1.0E7");
  EXPECT_EQ(FormatJavaDouble(1.25e-4), "1.25E-4");
  EXPECT_EQ(FormatJavaDouble(0.001), "0.001");
  EXPECT_EQ(FormatJavaDouble(-0.0), "-0.0");
  EXPECT_EQ(FormatJavaDouble(std::numeric_limits<double>::quiet_NaN()), "NaN");
  EXPECT_EQ(FormatJavaDouble(-std::numeric_limits<double>::infinity()), "-Infinity");
  EXPECT_EQ(FormatJavaFloat(0.1f), "0.1");
  EXPECT_EQ(FormatPythonFloat(5861.5), "5861.5");
  EXPECT_EQ(FormatPythonFloat(0.0), "0.0");
  EXPECT_EQ(FormatPythonFloat(43478.0 / 3), "14492.666666666666");
  EXPECT_EQ(FormatPythonFloat(1e16), "1e+16");
  EXPECT_EQ(FormatPythonFloat(1234567890123456.0), "1234567890123456.0");
  EXPECT_EQ(FormatPythonFloat(0.0001), "0.0001");
  EXPECT_EQ(FormatPythonFloat(0.00001), "1e-05");
}

TEST(ValueFormatterTest, TemporalValuesInTheSessionZone) {
  auto v = Vector::Make(TypeId::kTimestamp, 2);
  ASSERT_TRUE(v.ok());
  v->data<int64_t>()[0] =
      (types::DaysFromCivil(2018, 10, 1) * 86400 + 17 * 3600) * types::kMicrosPerSecond;
  auto toronto = *types::TimeZone::Load("America/Toronto");
  EXPECT_EQ(FormatValue(*v, 0, toronto), "2018-10-01 13:00:00");
  EXPECT_EQ(FormatValue(*v, 0, types::TimeZone::Utc()), "2018-10-01 17:00:00");
  auto d = Vector::Make(LogicalType::Decimal(20, 3), 1);
  d->data<types::Int128>()[0] = -12345;
  EXPECT_EQ(FormatValue(*d, 0, toronto), "-12.345");
}

TEST(ValidityMaskTest, SetBitsMatchesRowByRow) {
  // Every start offset and length across word boundaries, against row-by-row Set.
  const uint64_t pattern = 0xF0E1D2C3B4A59687ULL;
  for (size_t row : {0, 1, 37, 63, 64, 100, 2040, 2100}) {
    for (size_t n : {1, 7, 8, 27, 63, 64}) {
      ValidityMask bits, rows;
      rows.SetInvalid(5);  // some earlier state both keep
      bits.SetInvalid(5);
      bits.SetBits(row, pattern, n);
      for (size_t i = 0; i < n; ++i) rows.Set(row + i, (pattern >> i) & 1);
      for (size_t r = 0; r < row + n + 70; ++r)
        ASSERT_EQ(bits.IsValid(r), rows.IsValid(r)) << row << "+" << n << " row " << r;
    }
  }
  ValidityMask all_valid;
  all_valid.SetBits(10, ~uint64_t{0}, 64);
  EXPECT_TRUE(all_valid.AllValid());
}

}  // namespace
}  // namespace sluice::vector
