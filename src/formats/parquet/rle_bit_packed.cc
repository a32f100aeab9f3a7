#include "formats/parquet/rle_bit_packed.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>
#include <vector>

namespace sluice::formats::parquet {

int BitWidth(uint64_t max_value) {
  int width = 0;
  while (max_value != 0) {
    ++width;
    max_value >>= 1;
  }
  return width;
}

Status RleBitPackedDecoder::NextRun() {
  uint64_t header = 0;
  for (int shift = 0;; shift += 7) {
    if (pos_ >= bytes_.size())
      return Status::ParseError("RLE/bit-packed data ends inside a run header");
    if (shift > 63) return Status::ParseError("RLE/bit-packed run header is too long");
    uint8_t b = static_cast<uint8_t>(bytes_[pos_++]);
    header |= static_cast<uint64_t>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) break;
  }
  if (header & 1) {
    uint64_t groups = header >> 1;
    uint64_t bytes_needed = groups * static_cast<uint64_t>(bit_width_);  // 8 values per group
    if (groups == 0 || bytes_needed > bytes_.size() - pos_) {
      // A final run may be cut short by the page's end; take what is there.
      if (groups == 0) return Status::ParseError("RLE/bit-packed: empty bit-packed run");
      bytes_needed = bytes_.size() - pos_;
    }
    packed_left_ =
        bit_width_ == 0 ? groups * 8 : bytes_needed * 8 / static_cast<uint64_t>(bit_width_);
    packed_left_ = std::min<uint64_t>(packed_left_, groups * 8);
    packed_bit_pos_ = pos_ * 8;
    packed_index_ = 0;
    pos_ += bytes_needed;
  } else {
    repeat_left_ = header >> 1;
    if (repeat_left_ == 0) return Status::ParseError("RLE/bit-packed: empty RLE run");
    size_t width_bytes = (static_cast<size_t>(bit_width_) + 7) / 8;
    if (width_bytes > bytes_.size() - pos_)
      return Status::ParseError("RLE/bit-packed data ends inside an RLE value");
    uint32_t v = 0;
    for (size_t i = 0; i < width_bytes; ++i)
      v |= static_cast<uint32_t>(static_cast<uint8_t>(bytes_[pos_ + i])) << (8 * i);
    repeat_value_ = v;
    pos_ += width_bytes;
  }
  return Status::OK();
}

namespace {

// Unpacks one group of 8 values of W bits (W bytes, starting on a byte) with constant
// shifts; reads up to W + 8 bytes from `in`.
template <typename T, size_t W>
void Unpack8(const uint8_t* in, T* out) {
  constexpr uint64_t kMask = W == 32 ? 0xFFFFFFFFULL : (uint64_t{1} << W) - 1;
  for (size_t j = 0; j < 8; ++j) {
    uint64_t word;
    std::memcpy(&word, in + j * W / 8, 8);  // constant size: one load
    out[j] = static_cast<T>((word >> (j * W % 8)) & kMask);
  }
}

template <typename T, size_t... W>
constexpr std::array<void (*)(const uint8_t*, T*), sizeof...(W)> Unpackers(
    std::index_sequence<W...>) {
  return {&Unpack8<T, W>...};
}

// Indexed by bit width 0..32.
template <typename T>
constexpr auto kUnpack8 = Unpackers<T>(std::make_index_sequence<33>());

}  // namespace

template <typename T>
Status RleBitPackedDecoder::Get(T* out, size_t n) {
  const uint64_t mask = bit_width_ == 32 ? 0xFFFFFFFFULL : ((uint64_t{1} << bit_width_) - 1);
  const auto width = static_cast<size_t>(bit_width_);
  const auto unpack8 = kUnpack8<T>[width];
  const auto* data = reinterpret_cast<const uint8_t*>(bytes_.data());
  const size_t limit = bytes_.size();
  size_t done = 0;
  while (done < n) {
    if (repeat_left_ == 0 && packed_left_ == 0) SLUICE_RETURN_NOT_OK(NextRun());
    if (repeat_left_ > 0) {
      size_t take = static_cast<size_t>(std::min<uint64_t>(repeat_left_, n - done));
      std::fill(out + done, out + done + take, static_cast<T>(repeat_value_));
      repeat_left_ -= take;
      done += take;
      continue;
    }
    const size_t take = static_cast<size_t>(std::min<uint64_t>(packed_left_, n - done));
    T* o = out + done;
    size_t bit = packed_bit_pos_;
    // One value, its load cut short at the end of the input.
    auto one = [&](size_t i) {
      const size_t byte = bit >> 3;
      uint64_t word = 0;
      std::memcpy(&word, data + byte, std::min<size_t>(8, limit - byte));
      o[i] = static_cast<T>((word >> (bit & 7)) & mask);
      bit += width;
    };
    size_t i = 0;
    for (; i < take && (packed_index_ + i) % 8 != 0; ++i) one(i);
    for (; take - i >= 8 && (bit >> 3) + width + 8 <= limit; i += 8, bit += 8 * width)
      unpack8(data + (bit >> 3), o + i);
    for (; i < take; ++i) one(i);
    packed_bit_pos_ = bit;
    packed_index_ += take;
    packed_left_ -= take;
    done += take;
  }
  return Status::OK();
}

template Status RleBitPackedDecoder::Get(uint8_t* out, size_t n);
template Status RleBitPackedDecoder::Get(uint32_t* out, size_t n);

namespace {

void AppendVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

// Writes values as one bit-packed run; the last group is padded with zeros.
void AppendBitPacked(const uint32_t* values, size_t n, int bit_width, std::string* out) {
  if (n == 0) return;
  const size_t groups = (n + 7) / 8;
  AppendVarint((groups << 1) | 1, out);
  const size_t at = out->size();
  out->resize(at + groups * static_cast<size_t>(bit_width));  // a group: bit_width bytes
  char* p = out->data() + at;
  size_t i = 0;
  if (bit_width <= 8) {
    // A whole group of 8 values fits a word: bit_width bytes at once (little-endian).
    for (; i + 8 <= n; i += 8, p += bit_width) {
      uint64_t word = 0;
      for (int k = 0; k < 8; ++k) word |= static_cast<uint64_t>(values[i + k]) << (k * bit_width);
      std::memcpy(p, &word, static_cast<size_t>(bit_width));
    }
  }
  uint64_t buffer = 0;
  int bits = 0;
  for (; i < groups * 8; ++i) {
    buffer |= static_cast<uint64_t>(i < n ? values[i] : 0) << bits;
    bits += bit_width;
    for (; bits >= 8; bits -= 8, buffer >>= 8) *p++ = static_cast<char>(buffer & 0xFF);
  }
}

}  // namespace

template <typename T>
Status DecodeBitPackedLevels(std::string_view bytes, int bit_width, size_t n, T* out,
                             size_t* consumed) {
  if (bit_width < 0 || bit_width > static_cast<int>(8 * sizeof(T)))
    return Status::ParseError("level width over " + std::to_string(8 * sizeof(T)) + " bits");
  const size_t bits = n * static_cast<size_t>(bit_width);
  *consumed = (bits + 7) / 8;
  if (*consumed > bytes.size()) {
    return Status::ParseError("BIT_PACKED levels need " + std::to_string(*consumed) + " bytes, " +
                              std::to_string(bytes.size()) + " are left");
  }
  size_t bit = 0;
  for (size_t i = 0; i < n; ++i) {
    uint32_t v = 0;
    for (int b = 0; b < bit_width; ++b, ++bit) {
      const auto byte = static_cast<uint8_t>(bytes[bit / 8]);
      v = (v << 1) | ((byte >> (7 - bit % 8)) & 1);
    }
    out[i] = static_cast<T>(v);
  }
  return Status::OK();
}

template Status DecodeBitPackedLevels(std::string_view, int, size_t, uint8_t*, size_t*);
template Status DecodeBitPackedLevels(std::string_view, int, size_t, uint32_t*, size_t*);

std::string EncodeRleBitPacked(const uint32_t* values, size_t n, int bit_width) {
  std::string out;
  // An RLE run costs a header, its value and a header for the bit-packed run after it: a
  // shorter run of narrow values takes fewer bytes bit-packed (24 levels of 1 bit: 3 bytes).
  const int value_bytes = (bit_width + 7) / 8;
  const auto min_run = static_cast<size_t>(
      bit_width == 0 ? 8 : std::max(8, (8 * (2 + value_bytes) + bit_width - 1) / bit_width));
  size_t packed = 0;  // values[packed, i) wait to be bit-packed
  size_t i = 0;
  while (i < n) {
    size_t run = 1;
    while (i + run < n && values[i + run] == values[i]) ++run;
    if (run >= min_run && (i - packed) % 8 != 0) {
      // A bit-packed run must hold whole groups: complete the group from this run.
      const size_t fill = 8 - (i - packed) % 8;
      i += fill;
      run -= fill;
    }
    if (run < min_run) {
      i += run;
      continue;
    }
    AppendBitPacked(values + packed, i - packed, bit_width, &out);
    AppendVarint(static_cast<uint64_t>(run) << 1, &out);
    for (int b = 0; b < value_bytes; ++b)
      out.push_back(static_cast<char>((values[i] >> (8 * b)) & 0xFF));
    i += run;
    packed = i;
  }
  AppendBitPacked(values + packed, n - packed, bit_width, &out);
  return out;
}

}  // namespace sluice::formats::parquet
