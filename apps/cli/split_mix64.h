// SplitMix64: the small, fast, seedable random number generator the sample-data generators
// share, so that a seed gives the same bytes on every machine. Not thread-safe.
#pragma once

#include <cstdint>

namespace sluice::cli {

class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  uint64_t Below(uint64_t n) { return Next() % n; }

 private:
  uint64_t state_;
};

// A value that depends only on its inputs: for data derived from (entity, day) without state.
inline uint64_t MixHash(uint64_t a, uint64_t b = 0) {
  return SplitMix64(a * 0x100000001b3ULL ^ (b + 0x632be59bd9b4e019ULL)).Next();
}

}  // namespace sluice::cli
