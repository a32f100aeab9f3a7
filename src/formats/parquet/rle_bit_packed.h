// Parquet's RLE / bit-packed hybrid encoding (Encodings.md), used for definition and
// repetition levels, dictionary indices and booleans: a decoder over untrusted bytes
// (never reads past its input, reports corrupt runs) and an encoder. The decoder is a
// single-owner object; the encoder a pure function.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace sluice::formats::parquet {

class RleBitPackedDecoder {
 public:
  // `bit_width` 0..32; values are unsigned.
  RleBitPackedDecoder(std::string_view bytes, int bit_width)
      : bytes_(bytes), bit_width_(bit_width) {}

  // Decodes the next `n` values; fails if the input ends first or is corrupt. `T` is
  // uint32_t, or uint8_t for levels and booleans (bit widths up to 8).
  template <typename T>
  Status Get(T* out, size_t n);

 private:
  Status NextRun();

  std::string_view bytes_;
  size_t pos_ = 0;
  int bit_width_;
  // The current run: either `repeat_left` copies of `repeat_value`, or bit-packed values.
  uint64_t repeat_left_ = 0;
  uint32_t repeat_value_ = 0;
  uint64_t packed_left_ = 0;
  size_t packed_bit_pos_ = 0;  // absolute bit offset into bytes_
  size_t packed_index_ = 0;    // values read of the current bit-packed run
};

// Encodes `n` values: runs of equal values as RLE runs where that takes fewer bytes (runs of
// 8 or more; at bit width 1, 24 or more; at 2, 12), the rest bit-packed
// (only the very last group is padded, as readers know the value count). No length prefix.
std::string EncodeRleBitPacked(const uint32_t* values, size_t n, int bit_width);

// The deprecated BIT_PACKED level encoding (levels of old v1 pages): `n` values of
// `bit_width` bits packed from the most significant bit of each byte, no header.
// `*consumed` is set to the ceil(n * bit_width / 8) bytes they take.
// `T` is uint32_t, or uint8_t for widths up to 8.
template <typename T>
Status DecodeBitPackedLevels(std::string_view bytes, int bit_width, size_t n, T* out,
                             size_t* consumed);

// Bits needed for values up to `max_value` (0 needs 0).
int BitWidth(uint64_t max_value);

}  // namespace sluice::formats::parquet
