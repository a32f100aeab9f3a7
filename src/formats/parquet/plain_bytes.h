// Single values in Parquet's byte layouts: little-endian numbers (PLAIN values,
// statistics, length prefixes) and big-endian two's complement decimals. Pure
// functions: thread-safe.
#pragma once

#include <cstring>
#include <string>
#include <string_view>

#include "types/decimal.h"

namespace sluice::formats::parquet {

// The value at `p`; the caller has checked that sizeof(T) bytes are there.
template <typename T>
T LoadLE(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

template <typename T>
void AppendLE(std::string* out, T v) {
  out->append(reinterpret_cast<const char*>(&v), sizeof(T));
}

// The value, if `bytes` holds exactly one (statistics carry no length).
template <typename T>
bool LoadExactLE(std::string_view bytes, T* out) {
  if (bytes.size() != sizeof(T)) return false;
  *out = LoadLE<T>(bytes.data());
  return true;
}

// A DECIMAL stored in a byte array: big-endian two's complement of 1..16 bytes.
inline bool BigEndianToInt128(std::string_view bytes, types::Int128* out) {
  if (bytes.empty() || bytes.size() > 16) return false;
  types::Int128 v = static_cast<signed char>(bytes[0]) < 0 ? -1 : 0;
  for (unsigned char c : bytes) v = (v << 8) | c;
  *out = v;
  return true;
}

}  // namespace sluice::formats::parquet
