#include "formats/parquet/delta_encoding.h"

#include <cstring>

namespace sluice::formats::parquet {
namespace {

class ByteCursor {
 public:
  explicit ByteCursor(std::string_view data) : data_(data) {}

  Result<uint64_t> Uleb() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= data_.size())
        return Status::ParseError("delta encoding: data ends inside a number");
      uint8_t b = static_cast<uint8_t>(data_[pos_++]);
      v |= static_cast<uint64_t>(b & 0x7F) << shift;
      if ((b & 0x80) == 0) return v;
    }
    return Status::ParseError("delta encoding: number longer than 10 bytes");
  }
  Result<int64_t> ZigZag() {
    SLUICE_ASSIGN_OR_RAISE(uint64_t v, Uleb());
    return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
  }
  size_t pos() const { return pos_; }
  size_t left() const { return data_.size() - pos_; }
  const char* here() const { return data_.data() + pos_; }
  void Advance(size_t n) { pos_ += n; }

 private:
  std::string_view data_;
  size_t pos_ = 0;
};

}  // namespace

Result<std::vector<int64_t>> DecodeDeltaBinaryPacked(std::string_view data, size_t max_values,
                                                     size_t* consumed) {
  ByteCursor in(data);
  SLUICE_ASSIGN_OR_RAISE(uint64_t block_size, in.Uleb());
  SLUICE_ASSIGN_OR_RAISE(uint64_t miniblocks, in.Uleb());
  SLUICE_ASSIGN_OR_RAISE(uint64_t total, in.Uleb());
  SLUICE_ASSIGN_OR_RAISE(int64_t first, in.ZigZag());
  if (block_size == 0 || block_size % 128 != 0 || miniblocks == 0 || block_size % miniblocks != 0 ||
      (block_size / miniblocks) % 32 != 0 || miniblocks > block_size) {
    return Status::ParseError("DELTA_BINARY_PACKED: invalid block of " +
                              std::to_string(block_size) + " values in " +
                              std::to_string(miniblocks) + " miniblocks");
  }
  if (total > max_values) {
    return Status::ParseError("DELTA_BINARY_PACKED: " + std::to_string(total) +
                              " values, the page has " + std::to_string(max_values));
  }
  const uint64_t per_miniblock = block_size / miniblocks;
  std::vector<int64_t> values;
  values.reserve(total);
  if (total > 0) values.push_back(first);
  uint64_t last = static_cast<uint64_t>(first);
  std::vector<uint8_t> widths(miniblocks);
  while (values.size() < total) {
    SLUICE_ASSIGN_OR_RAISE(int64_t min_delta, in.ZigZag());
    if (in.left() < miniblocks)
      return Status::ParseError("DELTA_BINARY_PACKED: data ends inside a block header");
    std::memcpy(widths.data(), in.here(), miniblocks);
    in.Advance(miniblocks);
    for (uint64_t m = 0; m < miniblocks && values.size() < total; ++m) {
      const int width = widths[m];
      if (width > 64)
        return Status::ParseError("DELTA_BINARY_PACKED: bit width " + std::to_string(width));
      // Every miniblock that holds values is padded to its full size.
      const size_t bytes = static_cast<size_t>(per_miniblock * static_cast<uint64_t>(width) / 8);
      if (bytes > in.left())
        return Status::ParseError("DELTA_BINARY_PACKED: data ends inside a miniblock");
      const auto* p = reinterpret_cast<const uint8_t*>(in.here());
      const uint64_t mask = width == 64 ? ~uint64_t{0} : (uint64_t{1} << width) - 1;
      for (uint64_t k = 0; k < per_miniblock && values.size() < total; ++k) {
        uint64_t delta = 0;
        const uint64_t bit = k * static_cast<uint64_t>(width);
        if (width <= 56 && (bit >> 3) + 8 <= in.left()) {  // one load holds the value
          std::memcpy(&delta, p + (bit >> 3), 8);
          delta = (delta >> (bit & 7)) & mask;
        } else {
          for (int b = 0; b < width; ++b) {
            uint64_t at = bit + static_cast<uint64_t>(b);
            delta |= static_cast<uint64_t>((p[at >> 3] >> (at & 7)) & 1) << b;
          }
        }
        last += delta + static_cast<uint64_t>(min_delta);
        values.push_back(static_cast<int64_t>(last));
      }
      in.Advance(bytes);
    }
  }
  *consumed = in.pos();
  return values;
}

Status DeltaToPlain(Encoding encoding, PhysicalType type, std::string_view data, size_t count,
                    std::string* plain) {
  plain->clear();
  size_t consumed = 0;
  if (encoding == Encoding::kDeltaBinaryPacked) {
    if (type != PhysicalType::kInt32 && type != PhysicalType::kInt64) {
      return Status::ParseError("DELTA_BINARY_PACKED is only valid for INT32 and INT64");
    }
    SLUICE_ASSIGN_OR_RAISE(auto values, DecodeDeltaBinaryPacked(data, count, &consumed));
    if (values.size() < count)
      return Status::ParseError("DELTA_BINARY_PACKED: fewer values than the page has");
    if (type == PhysicalType::kInt64) {
      plain->assign(reinterpret_cast<const char*>(values.data()), values.size() * 8);
      return Status::OK();
    }
    plain->resize(values.size() * 4);
    for (size_t i = 0; i < values.size(); ++i) {
      const auto narrow = static_cast<int32_t>(values[i]);
      std::memcpy(plain->data() + i * 4, &narrow, 4);
    }
    return Status::OK();
  }
  if (type != PhysicalType::kByteArray &&
      !(encoding == Encoding::kDeltaByteArray && type == PhysicalType::kFixedLenByteArray)) {
    return Status::ParseError(EncodingName(encoding) + " is not valid for " +
                              PhysicalTypeName(type));
  }
  std::vector<int64_t> prefixes;
  if (encoding == Encoding::kDeltaByteArray) {
    SLUICE_ASSIGN_OR_RAISE(prefixes, DecodeDeltaBinaryPacked(data, count, &consumed));
    data.remove_prefix(consumed);
  }
  SLUICE_ASSIGN_OR_RAISE(auto lengths, DecodeDeltaBinaryPacked(data, count, &consumed));
  data.remove_prefix(consumed);
  if (lengths.size() < count || (!prefixes.empty() && prefixes.size() < count) ||
      (encoding == Encoding::kDeltaByteArray && prefixes.size() < count)) {
    return Status::ParseError(EncodingName(encoding) + ": fewer values than the page has");
  }
  std::string previous, value;
  size_t pos = 0;
  for (size_t i = 0; i < count; ++i) {
    if (lengths[i] < 0 || static_cast<uint64_t>(lengths[i]) > data.size() - pos) {
      return Status::ParseError(EncodingName(encoding) + ": value " + std::to_string(i) +
                                " runs past the page");
    }
    std::string_view suffix = data.substr(pos, static_cast<size_t>(lengths[i]));
    pos += static_cast<size_t>(lengths[i]);
    if (encoding == Encoding::kDeltaByteArray) {
      if (prefixes[i] < 0 || static_cast<uint64_t>(prefixes[i]) > previous.size()) {
        return Status::ParseError("DELTA_BYTE_ARRAY: prefix longer than the previous value");
      }
      value.assign(previous, 0, static_cast<size_t>(prefixes[i]));
      value.append(suffix);
      previous = value;
      suffix = value;
    }
    if (type == PhysicalType::kByteArray) {
      auto length = static_cast<uint32_t>(suffix.size());
      plain->append(reinterpret_cast<const char*>(&length), 4);
    }
    plain->append(suffix);
  }
  return Status::OK();
}

}  // namespace sluice::formats::parquet
