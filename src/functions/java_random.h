// java.util.Random: the 48-bit linear congruential generator, so that Spark's code seeded
// with a fixed number (count_min_sketch's row hashes, histogram_numeric's tie breaking)
// draws the same numbers here.
#pragma once

#include <cstdint>

namespace sluice::functions {

class JavaRandom {
 public:
  explicit JavaRandom(int64_t seed) : seed_((static_cast<uint64_t>(seed) ^ kMultiplier) & kMask) {}

  // nextInt(bound) for a bound that is not a power of two.
  int32_t NextInt(int32_t bound) {
    int32_t r = Next(31);
    // Java retries while u - r + (bound - 1) overflows an int: computed wide here.
    for (int32_t u = r; int64_t{u} - (r = u % bound) + (bound - 1) > INT32_MAX; u = Next(31)) {
    }
    return r;
  }

  double NextDouble() {
    return static_cast<double>((static_cast<int64_t>(Next(26)) << 27) + Next(27)) * 0x1.0p-53;
  }

 private:
  static constexpr uint64_t kMultiplier = 0x5DEECE66DULL;
  static constexpr uint64_t kMask = (uint64_t{1} << 48) - 1;
  // Java's long arithmetic wraps: unsigned here. `bits` is at most 31.
  int32_t Next(int bits) {
    seed_ = (seed_ * kMultiplier + 0xB) & kMask;
    return static_cast<int32_t>(seed_ >> (48 - bits));
  }
  uint64_t seed_;
};

}  // namespace sluice::functions
