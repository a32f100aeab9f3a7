// SortKeyEncoder against vector::CompareValues: random rows of several key types (NULLs,
// NaN, -0.0, extremes, strings sharing long prefixes, arrays), in every direction and NULL
// placement, must order exactly as comparing the values key by key (then input order).
#include "exec/sort_key_encoder.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>

#include "types/decimal.h"
#include "vector/vector_ops.h"

namespace sluice::exec {
namespace {

using types::LogicalType;
using types::TypeId;
using vector::Vector;

Vector RandomVector(const LogicalType& type, size_t rows, std::mt19937& rng) {
  Vector v = Vector::Make(type, rows).ValueOrDie();
  std::uniform_int_distribution<int> pick(0, 9);
  const double doubles[] = {
      -0.0, 0.0, NAN, -NAN, INFINITY, -INFINITY, 1.5, -2.25, std::numeric_limits<double>::lowest()};
  const int64_t longs[] = {std::numeric_limits<int64_t>::min(),
                           -1,
                           0,
                           1,
                           std::numeric_limits<int64_t>::max(),
                           42,
                           -42,
                           7,
                           1 << 20};
  for (size_t r = 0; r < rows; ++r) {
    const int k = pick(rng);
    if (k == 9) {
      v.SetNull(r);
      if (type.id() == TypeId::kArray) v.AppendListEntry(r, 0).ValueOrDie();
      continue;
    }
    switch (type.id()) {
      case TypeId::kDouble:
        v.data<double>()[r] = doubles[k];
        break;
      case TypeId::kFloat:
        v.data<float>()[r] = static_cast<float>(doubles[k]);
        break;
      case TypeId::kBigInt:
        v.data<int64_t>()[r] = longs[k];
        break;
      case TypeId::kInt:
        v.data<int32_t>()[r] = static_cast<int32_t>(longs[k] >> (k % 2 ? 0 : 32));
        break;
      case TypeId::kDecimal:
        v.data<types::Int128>()[r] = static_cast<types::Int128>(longs[k]) * longs[(k + 3) % 9];
        break;
      case TypeId::kBoolean:
        v.data<bool>()[r] = k % 2;
        break;
      case TypeId::kString: {
        // Prefixes of each other, and long strings sharing their first 20 bytes.
        std::string s = k < 3 ? std::string(k * 7, 'a') : std::string(20, 'p');
        if (k >= 3) s += std::string(k - 3, static_cast<char>('a' + pick(rng) % 3));
        v.data<vector::StringRef>()[r] = v.heap().Add(s);
        break;
      }
      case TypeId::kArray: {
        const uint32_t n = k % 3;
        const uint32_t at = v.AppendListEntry(r, n).ValueOrDie();
        for (uint32_t i = 0; i < n; ++i) v.children()[0].data<int32_t>()[at + i] = pick(rng) % 3;
        break;
      }
      default:
        break;
    }
  }
  return v;
}

TEST(SortKeyEncoderTest, OrdersAsCompareValues) {
  std::mt19937 rng(7);
  const std::vector<std::vector<LogicalType>> layouts = {
      {TypeId::kDouble, TypeId::kBigInt},
      {TypeId::kString, TypeId::kInt, TypeId::kString},
      {TypeId::kFloat, TypeId::kBoolean, LogicalType::Decimal(38, 2)},
      {LogicalType::Array(TypeId::kInt), TypeId::kString},
      {TypeId::kString, TypeId::kString, TypeId::kString, TypeId::kString, TypeId::kBigInt},
  };
  constexpr size_t kRows = 300, kBatches = 2;
  for (const auto& types : layouts) {
    for (int flags = 0; flags < 4; ++flags) {
      std::vector<SortOrder> orders;
      std::vector<std::vector<Vector>> values(types.size());
      std::vector<std::vector<const Vector*>> keys(types.size());
      for (size_t k = 0; k < types.size(); ++k) {
        orders.push_back({((flags + k) & 1) != 0, ((flags >> 1) + k) % 2 == 0});
        for (size_t b = 0; b < kBatches; ++b)
          values[k].push_back(RandomVector(types[k], kRows, rng));
        for (const Vector& v : values[k]) keys[k].push_back(&v);
      }
      const SortKeyEncoder encoder(orders, keys);
      std::vector<uint8_t> entries(kBatches * kRows * encoder.width());
      for (size_t b = 0; b < kBatches; ++b)
        encoder.Encode(b, kRows, entries.data() + b * kRows * encoder.width());
      encoder.Sort(entries.data(), 0, kBatches * kRows, kBatches * kRows);
      // The oracle: key by key with CompareValues.
      auto compare_keys = [&](uint64_t x, uint64_t y) {
        for (size_t k = 0; k < types.size(); ++k) {
          const Vector &a = values[k][x >> 32], &b = values[k][y >> 32];
          const size_t ra = x & 0xFFFFFFFF, rb = y & 0xFFFFFFFF;
          int c = vector::CompareValues(a, ra, b, rb, orders[k].nulls_first);
          if (orders[k].descending && !a.IsNull(ra) && !b.IsNull(rb)) c = -c;
          if (c != 0) return c;
        }
        return 0;
      };
      for (size_t i = 1; i < kBatches * kRows; ++i) {
        const uint8_t* prev = entries.data() + (i - 1) * encoder.width();
        const uint8_t* cur = entries.data() + i * encoder.width();
        const uint64_t x = encoder.Ref(prev), y = encoder.Ref(cur);
        const int c = compare_keys(x, y);
        // Sorted by the keys, equal keys in input order.
        ASSERT_TRUE(c < 0 || (c == 0 && x < y))
            << "layout " << &types - &layouts[0] << " flags " << flags << " position " << i;
        ASSERT_EQ(encoder.CompareKeys(prev, cur, 0, types.size()) == 0, c == 0);
      }
    }
  }
}

}  // namespace
}  // namespace sluice::exec
