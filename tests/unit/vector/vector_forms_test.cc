// The constant and dictionary forms beside a Vector's flat values, and batch slices: flat
// reads equal the logical values, shares keep the forms, writes un-share and drop them.
#include <gtest/gtest.h>

#include "vector/vector_ops.h"

namespace sluice::vector {
namespace {

using types::TypeId;

std::string StringAt(const Vector& v, size_t row) {
  return v.IsNull(row) ? "NULL" : std::string(v.data<StringRef>()[row].view());
}

TEST(VectorFormsTest, BroadcastIsConstantAndFlat) {
  auto one = *Vector::Make(TypeId::kString, 1);
  const std::string text = "a value longer than twelve bytes";
  one.data<StringRef>()[0] = one.heap().Add(text);
  auto c = *Broadcast(one, 0, 100);
  EXPECT_TRUE(c.is_constant());
  for (size_t i = 0; i < 100; ++i) ASSERT_EQ(StringAt(c, i), text) << i;

  // A share keeps the mark; a write un-shares and drops it, the other keeps its values.
  Vector shared = c.Share();
  EXPECT_TRUE(shared.is_constant());
  shared.data<StringRef>()[5] = StringRef(std::string_view("x"));
  EXPECT_FALSE(shared.is_constant());
  EXPECT_TRUE(c.is_constant());
  EXPECT_EQ(StringAt(shared, 5), "x");
  EXPECT_EQ(StringAt(c, 5), text);

  auto null_one = *Vector::Make(TypeId::kInt, 1);
  null_one.SetNull(0);
  auto nulls = *Broadcast(null_one, 0, 70);
  EXPECT_TRUE(nulls.is_constant());
  for (size_t i = 0; i < 70; ++i) ASSERT_TRUE(nulls.IsNull(i)) << i;

  auto ints = *Vector::Make(TypeId::kBigInt, 3);
  ints.data<int64_t>()[2] = -7;
  auto sevens = *Broadcast(ints, 2, 2048);
  for (size_t i = 0; i < 2048; ++i) ASSERT_EQ(sevens.data<int64_t>()[i], -7) << i;
  sevens.SetNull(3);  // any write drops the mark
  EXPECT_FALSE(sevens.is_constant());
}

// A dictionary of three strings and rows at codes {2, NULL, 0, 0, 1}.
Vector DictionaryRows() {
  auto dict = *Vector::Make(TypeId::kString, 3);
  const std::vector<std::string> words = {"zero is longer than twelve", "one", "two"};
  for (size_t i = 0; i < words.size(); ++i) dict.data<StringRef>()[i] = dict.heap().Add(words[i]);
  const std::vector<uint32_t> codes = {2, 0, 0, 0, 1};
  auto rows = *Vector::Make(TypeId::kString, codes.size());
  for (size_t i = 0; i < codes.size(); ++i)
    rows.data<StringRef>()[i] = dict.data<StringRef>()[codes[i]];
  rows.SetNull(1);
  rows.SetDictionary(std::make_shared<DictionaryCodes>(DictionaryCodes{dict.Share(), codes}));
  return rows;
}

TEST(VectorFormsTest, DictionaryCodesRideBesideFlatValues) {
  Vector rows = DictionaryRows();
  ASSERT_NE(rows.dictionary(), nullptr);
  const DictionaryCodes& d = *rows.dictionary();
  for (size_t i = 0; i < 5; ++i) {
    if (rows.IsNull(i)) continue;
    EXPECT_EQ(StringAt(rows, i), StringAt(d.dictionary, d.codes[i])) << i;
  }
  EXPECT_EQ(StringAt(rows, 0), "two");
  EXPECT_EQ(StringAt(rows, 1), "NULL");

  Vector shared = rows.Share();
  EXPECT_EQ(shared.dictionary(), rows.dictionary());
  shared.heap();  // write access drops the codes of that Vector only
  EXPECT_EQ(shared.dictionary(), nullptr);
  EXPECT_NE(rows.dictionary(), nullptr);

  // A gather keeps the codes of the rows it takes, NULLs included.
  auto gathered = *Gather(rows, {4, 1, 0});
  ASSERT_NE(gathered.dictionary(), nullptr);
  EXPECT_EQ(gathered.dictionary()->codes[0], 1u);
  EXPECT_EQ(gathered.dictionary()->codes[2], 2u);
  EXPECT_EQ(StringAt(gathered, 0), "one");
  EXPECT_TRUE(gathered.IsNull(1));
  EXPECT_EQ(StringAt(gathered, 2), "two");
}

TEST(VectorFormsTest, SlicesSharePrefixesAndCopyOtherRanges) {
  auto schema = std::make_shared<types::Schema>(
      std::vector<types::Field>{{"i", TypeId::kInt}, {"s", TypeId::kString}});
  auto batch = *Batch::Make(schema, 10);
  for (int i = 0; i < 10; ++i) {
    batch.column(0).data<int32_t>()[i] = i * 10;
    batch.column(1).data<StringRef>()[i] =
        batch.column(1).heap().Add("string number " + std::to_string(i));
  }
  batch.column(0).SetNull(7);
  batch.set_num_rows(10);

  auto prefix = *SliceBatch(batch, 0, 4);
  EXPECT_EQ(prefix.num_rows(), 4u);
  const Batch& read = prefix;
  EXPECT_EQ(read.column(0).data<int32_t>(), std::as_const(batch).column(0).data<int32_t>());
  // Writing to the slice copies first: the batch keeps its values.
  prefix.column(0).data<int32_t>()[1] = -1;
  EXPECT_EQ(std::as_const(batch).column(0).data<int32_t>()[1], 10);
  EXPECT_EQ(std::as_const(prefix).column(0).data<int32_t>()[1], -1);

  auto middle = *SliceBatch(batch, 6, 3);
  ASSERT_EQ(middle.num_rows(), 3u);
  EXPECT_EQ(middle.column(0).data<int32_t>()[0], 60);
  EXPECT_TRUE(middle.column(0).IsNull(1));
  EXPECT_EQ(middle.column(0).data<int32_t>()[2], 80);
  EXPECT_EQ(StringAt(middle.column(1), 2), "string number 8");
}

}  // namespace
}  // namespace sluice::vector
