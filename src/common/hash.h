// Hashing of bytes and integers (xxHash3), used by hash tables and partitioning.
// Pure functions: thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sluice {

uint64_t HashBytes(const void* data, size_t size, uint64_t seed = 0);
inline uint64_t HashString(std::string_view s, uint64_t seed = 0) {
  return HashBytes(s.data(), s.size(), seed);
}
// A cheap, well-mixing hash for 64-bit keys (murmur3 finalizer).
inline uint64_t HashInt(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}
inline uint64_t CombineHashes(uint64_t a, uint64_t b) {
  return HashInt(a ^ (b + 0x9e3779b97f4a7c15ULL));
}

}  // namespace sluice
