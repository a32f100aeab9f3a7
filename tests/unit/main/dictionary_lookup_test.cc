// Ids by dictionary code across batches (exec/dictionary_lookup.h): batches sharing one
// dictionary look each code up once in all, a new dictionary (whose codes mean other strings)
// or a new constant key starts over; KeyTable and GroupTable give every row the id of its
// string, checked against the strings built here.
#include "exec/dictionary_lookup.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "exec/group_table.h"
#include "exec/key_table.h"

namespace sluice::exec {
namespace {

using types::TypeId;
using vector::DictionaryCodes;
using vector::StringRef;
using vector::Vector;

constexpr uint32_t kNull = UINT32_MAX;

Vector Dictionary(const std::vector<std::string>& words) {
  Vector dict = *Vector::Make(TypeId::kString, words.size());
  for (size_t i = 0; i < words.size(); ++i) dict.data<StringRef>()[i] = dict.heap().Add(words[i]);
  return dict;
}

// A batch of the dictionary's strings at `codes` (kNull: a NULL row), in dictionary form.
Vector Coded(const Vector& dict, const std::vector<uint32_t>& codes) {
  Vector rows = *Vector::Make(TypeId::kString, codes.size());
  std::vector<uint32_t> stored;
  for (size_t i = 0; i < codes.size(); ++i) {
    if (codes[i] == kNull)
      rows.SetNull(i);
    else
      rows.data<StringRef>()[i] = rows.heap().Add(dict.data<StringRef>()[codes[i]].view());
    stored.push_back(codes[i] == kNull ? 0 : codes[i]);
  }
  rows.SetDictionary(std::make_shared<DictionaryCodes>(DictionaryCodes{dict.Share(), stored}));
  return rows;
}

Vector Constant(int64_t value, size_t rows) {
  Vector v = *Vector::Make(TypeId::kBigInt, rows);
  for (size_t r = 0; r < rows; ++r) v.data<int64_t>()[r] = value;
  v.MarkConstant();
  return v;
}

// The rows of `batch` as text ("NULL" for NULL).
std::vector<std::string> Texts(const Vector& batch, size_t rows) {
  std::vector<std::string> out;
  for (size_t r = 0; r < rows; ++r)
    out.push_back(batch.IsNull(r) ? "NULL" : std::string(batch.data<StringRef>()[r].view()));
  return out;
}

const std::vector<std::string> kWords = {"alpha, a word past twelve bytes", "beta", "gamma"};
// The same words at other codes: a stale code -> id map would give them the wrong ids.
const std::vector<std::string> kShuffled = {"gamma", "delta, also a longer word",
                                            "alpha, a word past twelve bytes", "beta"};

TEST(DictionaryIdsTest, EachCodeLookedUpOncePerDictionaryAndConstants) {
  const Vector first = Dictionary(kWords), second = Dictionary(kShuffled);
  DictionaryIds cache;
  std::vector<std::string> looked_up;
  std::map<std::string, uint32_t> id_of;  // the look-up: an id per distinct (constant, text)
  int64_t constant = 1;
  auto lookup_batch = [&](const Vector& dict, const std::vector<uint32_t>& codes) {
    Vector batch = Coded(dict, codes);
    Vector other = Constant(constant, codes.size());
    const std::vector<std::string> texts = Texts(batch, codes.size());
    std::vector<uint32_t> ids;
    EXPECT_TRUE(cache
                    .LookUp({&other, &batch}, 1, codes.size(), ids,
                            [&](size_t r) -> Result<uint32_t> {
                              const std::string key = std::to_string(constant) + texts[r];
                              looked_up.push_back(key);
                              return id_of.emplace(key, id_of.size()).first->second;
                            })
                    .ok());
    for (size_t r = 0; r < codes.size(); ++r)
      EXPECT_EQ(ids[r], id_of.at(std::to_string(constant) + texts[r])) << r;
  };
  // Three batches of one dictionary: each code and NULL once in all.
  lookup_batch(first, {2, 0, 2, kNull});
  lookup_batch(first, {0, 1, kNull, 2});
  lookup_batch(first, {1, 1, 0});
  EXPECT_EQ(looked_up, (std::vector<std::string>{"1gamma", "1alpha, a word past twelve bytes",
                                                 "1NULL", "1beta"}));
  // Another dictionary: looked up again (code 0 is now gamma), then kept again.
  looked_up.clear();
  lookup_batch(second, {0, 2, 1});
  lookup_batch(second, {2, 0, 3, 1});
  EXPECT_EQ(looked_up, (std::vector<std::string>{"1gamma", "1alpha, a word past twelve bytes",
                                                 "1delta, also a longer word", "1beta"}));
  // The first dictionary back, or another constant key: looked up again.
  looked_up.clear();
  lookup_batch(first, {1});
  constant = 2;
  lookup_batch(first, {1, kNull});
  EXPECT_EQ(looked_up, (std::vector<std::string>{"1beta", "2beta", "2NULL"}));
}

// Ids of `codes` of `dict` found (or added) by a table, checked as the strings they stand for.
template <typename Table>
void ExpectIdsFollowStrings(Table& table, std::map<std::string, uint32_t>& id_of,
                            const Vector& dict, const std::vector<uint32_t>& codes) {
  Vector batch = Coded(dict, codes);
  Vector set = Constant(7, codes.size());
  std::vector<uint32_t> ids;
  ASSERT_TRUE(table.FindOrInsertAll({&batch, &set}, codes.size(), ids).ok());
  const std::vector<std::string> texts = Texts(batch, codes.size());
  for (size_t r = 0; r < codes.size(); ++r) {
    // A new string takes the next id; a known one its id.
    const uint32_t expected = id_of.emplace(texts[r], id_of.size()).first->second;
    EXPECT_EQ(ids[r], expected) << texts[r];
  }
  EXPECT_EQ(table.size(), id_of.size());
}

TEST(DictionaryIdsTest, KeyTableIdsFollowTheStringsAcrossDictionaries) {
  const Vector first = Dictionary(kWords), second = Dictionary(kShuffled);
  KeyTable table = *KeyTable::Make({TypeId::kString, TypeId::kBigInt});
  std::map<std::string, uint32_t> id_of;
  ExpectIdsFollowStrings(table, id_of, first, {2, 0, kNull, 2});
  ExpectIdsFollowStrings(table, id_of, first, {1, 0, 2});
  ExpectIdsFollowStrings(table, id_of, second, {0, 1, 2, 3, kNull});
  ExpectIdsFollowStrings(table, id_of, first, {0, 1, 2});
  EXPECT_EQ(std::string(table.columns()[0].data<StringRef>()[3].view()), "beta");
}

TEST(DictionaryIdsTest, GroupTableIdsFollowTheStringsAcrossDictionaries) {
  const Vector first = Dictionary(kWords), second = Dictionary(kShuffled);
  GroupTable table = *GroupTable::Make({TypeId::kString, TypeId::kBigInt});
  std::map<std::string, uint32_t> id_of;
  ExpectIdsFollowStrings(table, id_of, first, {2, 0, kNull, 2});
  ExpectIdsFollowStrings(table, id_of, first, {1, 0, 2});
  ExpectIdsFollowStrings(table, id_of, second, {3, 1, 0, 2, kNull});
  ExpectIdsFollowStrings(table, id_of, first, {0, 1, 2});
  EXPECT_EQ(std::string(table.columns()[0].data<StringRef>()[4].view()),
            "delta, also a longer word");
}

}  // namespace
}  // namespace sluice::exec
