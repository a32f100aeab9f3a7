// KeyTable (exec) given a key column in dictionary form beside a constant one: each code is
// looked up once, and the ids agree with the ones flat keys of the same values get.
#include "exec/key_table.h"

#include <gtest/gtest.h>

#include "vector/vector_ops.h"

namespace sluice::exec {
namespace {

using types::TypeId;
using vector::DictionaryCodes;
using vector::StringRef;
using vector::Vector;

constexpr uint32_t kNull = UINT32_MAX;

// Strings at the dictionary's codes (kNull: a NULL row), with their codes unless `flat`.
Vector Rows(const Vector& dict, const std::vector<uint32_t>& codes, bool flat) {
  auto rows = *Vector::Make(TypeId::kString, codes.size());
  for (size_t i = 0; i < codes.size(); ++i) {
    if (codes[i] == kNull)
      rows.SetNull(i);
    else
      rows.data<StringRef>()[i] = rows.heap().Add(dict.data<StringRef>()[codes[i]].view());
  }
  std::vector<uint32_t> stored = codes;
  for (uint32_t& c : stored) c = c == kNull ? 7 : c;  // a NULL row's code means nothing
  if (!flat)
    rows.SetDictionary(std::make_shared<DictionaryCodes>(DictionaryCodes{dict.Share(), stored}));
  return rows;
}

TEST(KeyTableTest, DictionaryKeyLooksUpEachCodeOnce) {
  auto dict = *Vector::Make(TypeId::kString, 8);
  const std::vector<std::string> words = {"alpha, a word past twelve bytes", "beta", "gamma"};
  for (size_t i = 0; i < words.size(); ++i) dict.data<StringRef>()[i] = dict.heap().Add(words[i]);
  auto one = *Vector::Make(TypeId::kBigInt, 1);
  one.data<int64_t>()[0] = 3;

  auto table = *KeyTable::Make({TypeId::kString, TypeId::kBigInt});
  const std::vector<uint32_t> codes = {2, kNull, 0, 0, 2, kNull, 1};
  Vector keys = Rows(dict, codes, false);
  Vector set = *vector::Broadcast(one, 0, codes.size());
  std::vector<uint32_t> ids;
  ASSERT_TRUE(table.FindOrInsertAll({&keys, &set}, codes.size(), ids).ok());
  // Ids in order of first appearance: gamma, NULL, alpha, beta.
  EXPECT_EQ(ids, (std::vector<uint32_t>{0, 1, 2, 2, 0, 1, 3}));
  ASSERT_EQ(table.size(), 4u);
  EXPECT_EQ(table.columns()[0].data<StringRef>()[0].view(), "gamma");
  EXPECT_TRUE(table.columns()[0].IsNull(1));
  EXPECT_EQ(table.columns()[1].data<int64_t>()[3], 3);

  // The same values as flat keys (hashed a column at a time) find the same ids.
  const std::vector<uint32_t> more = {1, 0, kNull, 2};
  Vector flat = Rows(dict, more, true);
  Vector set4 = *vector::Broadcast(one, 0, more.size());
  ASSERT_TRUE(table.FindOrInsertAll({&flat, &set4}, more.size(), ids).ok());
  EXPECT_EQ(ids, (std::vector<uint32_t>{3, 2, 1, 0}));
  EXPECT_EQ(table.size(), 4u);

  // A non-constant second key turns the shortcut off: (beta, 3) and (beta, 4) differ.
  Vector coded = Rows(dict, {1, 1}, false);
  auto other = *Vector::Make(TypeId::kBigInt, 2);
  other.data<int64_t>()[0] = 3;
  other.data<int64_t>()[1] = 4;
  ASSERT_TRUE(table.FindOrInsertAll({&coded, &other}, 2, ids).ok());
  EXPECT_EQ(ids, (std::vector<uint32_t>{3, 4}));
}

}  // namespace
}  // namespace sluice::exec
