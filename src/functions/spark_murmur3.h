// Spark's org.apache.spark.unsafe.hash.Murmur3_x86_32 (hash(), count_min_sketch): results
// are Java ints, returned sign-extended.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace sluice::functions {

struct Murmur3 {
  static uint32_t Rotl32(uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }
  static uint32_t MixK1(uint32_t k) { return Rotl32(k * 0xcc9e2d51, 15) * 0x1b873593; }
  static uint32_t MixH1(uint32_t h, uint32_t k) { return Rotl32(h ^ k, 13) * 5 + 0xe6546b64; }
  static uint32_t Fmix(uint32_t h, uint32_t length) {
    h ^= length;
    h ^= h >> 16;
    h *= 0x85ebca6b;
    h ^= h >> 13;
    h *= 0xc2b2ae35;
    return h ^ (h >> 16);
  }
  static int64_t Int(int32_t v, int64_t seed) {
    return static_cast<int32_t>(
        Fmix(MixH1(static_cast<uint32_t>(seed), MixK1(static_cast<uint32_t>(v))), 4));
  }
  static int64_t Long(int64_t v, int64_t seed) {
    uint32_t h = MixH1(static_cast<uint32_t>(seed), MixK1(static_cast<uint32_t>(v)));
    h = MixH1(h, MixK1(static_cast<uint32_t>(static_cast<uint64_t>(v) >> 32)));
    return static_cast<int32_t>(Fmix(h, 8));
  }
  // hashUnsafeBytes: whole 4-byte words, then each remaining byte (sign-extended) alone.
  static int64_t Bytes(const uint8_t* data, size_t length, int64_t seed) {
    uint32_t h = static_cast<uint32_t>(seed);
    const size_t aligned = length - length % 4;
    for (size_t i = 0; i < aligned; i += 4) {
      uint32_t word;
      std::memcpy(&word, data + i, 4);
      h = MixH1(h, MixK1(word));
    }
    for (size_t i = aligned; i < length; ++i)
      h = MixH1(h,
                MixK1(static_cast<uint32_t>(static_cast<int32_t>(static_cast<int8_t>(data[i])))));
    return static_cast<int32_t>(Fmix(h, static_cast<uint32_t>(length)));
  }
};

}  // namespace sluice::functions
