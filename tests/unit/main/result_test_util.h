// Helpers of the result-format tests: vectors filled by hand, one value at a time.
#pragma once

#include <gtest/gtest.h>

#include <cstring>
#include <string_view>

#include "types/interval.h"
#include "vector/vector.h"

namespace sluice::main {

inline vector::Vector MakeVector(const types::LogicalType& type, size_t rows) {
  auto v = vector::Vector::Make(type, rows);
  EXPECT_TRUE(v.ok()) << v.status().ToString();
  return std::move(*v);
}

inline void SetString(vector::Vector& v, size_t row, std::string_view text) {
  v.data<vector::StringRef>()[row] = v.heap().Add(text);
}

inline void SetInterval(vector::Vector& v, size_t row, types::Interval iv) {
  std::memcpy(v.data<uint8_t>() + row * sizeof(iv), &iv, sizeof(iv));
}

// Starts row `row` of an ARRAY or MAP vector with `length` elements; returns the first
// child index to fill.
inline uint32_t AppendList(vector::Vector& v, size_t row, uint32_t length) {
  auto offset = v.AppendListEntry(row, length);
  EXPECT_TRUE(offset.ok()) << offset.status().ToString();
  return *offset;
}

}  // namespace sluice::main
