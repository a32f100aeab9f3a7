#include "exec/sort_key_encoder.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "types/decimal.h"
#include "types/interval.h"
#include "vector/vector_ops.h"

namespace sluice::exec {

using types::TypeId;
using vector::Vector;

namespace {

constexpr size_t kMaxWidth = 64;  // entry bytes, the reference's 8 included
constexpr size_t kRefBytes = 8;

void PutBigEndian(uint8_t* p, uint64_t v, size_t bytes) {
  for (size_t i = bytes; i-- > 0; v >>= 8) p[i] = static_cast<uint8_t>(v);
}

// Bytes after the NULL byte; 0 for types compared with CompareValues.
size_t ValueWidth(TypeId id) {
  switch (id) {
    case TypeId::kNull:
      return 0;
    case TypeId::kBoolean:
    case TypeId::kTinyInt:
      return 1;
    case TypeId::kSmallInt:
      return 2;
    case TypeId::kInt:
    case TypeId::kDate:
    case TypeId::kYearMonthInterval:
    case TypeId::kFloat:
      return 4;
    case TypeId::kBigInt:
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz:
    case TypeId::kDayTimeInterval:
    case TypeId::kDouble:
      return 8;
    case TypeId::kDecimal:
    case TypeId::kInterval:
      return 16;
    case TypeId::kString:
    case TypeId::kBinary:
      return SortKeyEncoder::kStringPrefix + 1;  // prefix, then the saturated length
    case TypeId::kArray:
    case TypeId::kMap:
    case TypeId::kStruct:
      return 0;
  }
  return 0;
}

template <typename T>
uint64_t FlipSign(T v) {
  using U = std::make_unsigned_t<T>;
  return static_cast<U>(static_cast<U>(v) ^ (U{1} << (sizeof(T) * 8 - 1)));
}

uint64_t FloatBits(double d) {
  if (std::isnan(d)) return ~uint64_t{0};  // every NaN equal, above +inf
  if (d == 0) d = 0;                       // -0.0 = 0.0
  uint64_t bits;
  std::memcpy(&bits, &d, 8);
  return (bits >> 63) ? ~bits : bits | (uint64_t{1} << 63);
}

uint64_t FloatBits(float f) {
  if (std::isnan(f)) return ~uint32_t{0};
  if (f == 0) f = 0;
  uint32_t bits;
  std::memcpy(&bits, &f, 4);
  return (bits >> 31) ? ~bits : bits | (uint32_t{1} << 31);
}

// Writes put(p + 1, row) for the valid rows (row i, or ids[i]), zero value bytes for NULL
// ones.
template <typename Put>
void EncodeRows(const Vector& v, size_t rows, const uint32_t* ids, uint8_t* p, size_t stride,
                size_t width, uint8_t null_byte, Put put) {
  const bool all_valid = v.validity().AllValid();
  for (size_t i = 0; i < rows; ++i, p += stride) {
    const size_t r = ids != nullptr ? ids[i] : i;
    if (!all_valid && v.IsNull(r)) {
      p[0] = null_byte;
      std::memset(p + 1, 0, width);
    } else {
      p[0] = 1;
      put(p + 1, r);
    }
  }
}

void EncodeValues(const Vector& v, size_t rows, const uint32_t* ids, uint8_t* p, size_t stride,
                  size_t width, uint8_t null_byte) {
  auto fixed = [&](auto tag) {
    using T = decltype(tag);
    const T* d = v.data<T>();
    EncodeRows(v, rows, ids, p, stride, width, null_byte, [&](uint8_t* out, size_t r) {
      if constexpr (std::is_floating_point_v<T>)
        PutBigEndian(out, FloatBits(d[r]), sizeof(T));
      else if constexpr (std::is_same_v<T, bool>)
        out[0] = d[r] ? 1 : 0;
      else
        PutBigEndian(out, FlipSign(d[r]), sizeof(T));
    });
  };
  switch (v.type().id()) {
    case TypeId::kBoolean:
      return fixed(bool{});
    case TypeId::kTinyInt:
      return fixed(int8_t{});
    case TypeId::kSmallInt:
      return fixed(int16_t{});
    case TypeId::kInt:
    case TypeId::kDate:
    case TypeId::kYearMonthInterval:
      return fixed(int32_t{});
    case TypeId::kBigInt:
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz:
    case TypeId::kDayTimeInterval:
      return fixed(int64_t{});
    case TypeId::kFloat:
      return fixed(float{});
    case TypeId::kDouble:
      return fixed(double{});
    case TypeId::kDecimal: {
      const bool narrow = v.type().FixedWidth() == 8;
      return EncodeRows(v, rows, ids, p, stride, width, null_byte, [&](uint8_t* out, size_t r) {
        const types::Int128 x = narrow ? v.data<int64_t>()[r] : v.data<types::Int128>()[r];
        const auto u =
            static_cast<unsigned __int128>(x) ^ (static_cast<unsigned __int128>(1) << 127);
        PutBigEndian(out, static_cast<uint64_t>(u >> 64), 8);
        PutBigEndian(out + 8, static_cast<uint64_t>(u), 8);
      });
    }
    case TypeId::kInterval: {
      const types::Interval* d = v.data<types::Interval>();
      return EncodeRows(v, rows, ids, p, stride, width, null_byte, [&](uint8_t* out, size_t r) {
        PutBigEndian(out, FlipSign(d[r].months), 4);
        PutBigEndian(out + 4, FlipSign(d[r].days), 4);
        PutBigEndian(out + 8, FlipSign(d[r].micros), 8);
      });
    }
    case TypeId::kString:
    case TypeId::kBinary: {
      const vector::StringRef* d = v.data<vector::StringRef>();
      constexpr size_t kPrefix = SortKeyEncoder::kStringPrefix;
      return EncodeRows(v, rows, ids, p, stride, width, null_byte, [&](uint8_t* out, size_t r) {
        const size_t n = d[r].size();
        std::memset(out, 0, kPrefix);
        std::memcpy(out, d[r].data(), std::min(n, kPrefix));
        out[kPrefix] = static_cast<uint8_t>(std::min(n, kPrefix + 1));
      });
    }
    default:  // kNull: every row NULL
      return EncodeRows(v, rows, ids, p, stride, width, null_byte, [](uint8_t*, size_t) {});
  }
}

template <size_t N>
struct Entry {
  uint8_t bytes[N];
};

// Calls fn(Entry<N>*) over `data` for N = the entry width.
template <typename Fn>
void WithEntries(size_t width, uint8_t* data, Fn&& fn) {
  switch (width) {
    case 16:
      return fn(reinterpret_cast<Entry<16>*>(data));
    case 24:
      return fn(reinterpret_cast<Entry<24>*>(data));
    case 32:
      return fn(reinterpret_cast<Entry<32>*>(data));
    case 40:
      return fn(reinterpret_cast<Entry<40>*>(data));
    case 48:
      return fn(reinterpret_cast<Entry<48>*>(data));
    case 56:
      return fn(reinterpret_cast<Entry<56>*>(data));
    default:
      return fn(reinterpret_cast<Entry<kMaxWidth>*>(data));
  }
}

}  // namespace

SortKeyEncoder::SortKeyEncoder(std::vector<SortOrder> orders,
                               std::vector<std::vector<const Vector*>> keys)
    : values_(std::move(keys)) {
  size_t at = 0, segment_begin = 0;
  for (size_t k = 0; k < orders.size(); ++k) {
    Key key;
    key.order = orders[k];
    const TypeId id = values_[k].empty() ? TypeId::kNull : values_[k][0]->type().id();
    const size_t value_width = ValueWidth(id);
    const bool encoded =
        (value_width > 0 || id == TypeId::kNull) && at + 1 + value_width <= kMaxWidth - kRefBytes;
    key.is_string = encoded && (id == TypeId::kString || id == TypeId::kBinary);
    if (encoded) {
      key.offset = at;
      key.width = 1 + value_width;
      at += key.width;
    }
    keys_.push_back(key);
    if (!encoded || key.is_string) {
      segments_.push_back({segment_begin, at, static_cast<int>(k)});
      segment_begin = at;
      exact_ = false;
    }
  }
  if (segment_begin < at) segments_.push_back({segment_begin, at, -1});
  key_bytes_ = at;
  width_ = std::max<size_t>(16, (at + kRefBytes + 7) / 8 * 8);
}

void SortKeyEncoder::Encode(uint32_t batch, size_t rows, uint8_t* out,
                            const uint32_t* row_ids) const {
  for (size_t k = 0; k < keys_.size(); ++k) {
    const Key& key = keys_[k];
    if (key.width == 0) continue;
    uint8_t* p = out + key.offset;
    EncodeValues(*values_[k][batch], rows, row_ids, p, width_, key.width - 1,
                 key.order.nulls_first ? 0 : 2);
    if (key.order.descending)
      for (size_t r = 0; r < rows; ++r)
        for (size_t i = 1; i < key.width; ++i) p[r * width_ + i] ^= 0xFF;
  }
  for (size_t r = 0; r < rows; ++r) {
    uint8_t* e = out + r * width_;
    std::memset(e + key_bytes_, 0, width_ - kRefBytes - key_bytes_);
    const uint64_t row = row_ids != nullptr ? row_ids[r] : r;
    PutBigEndian(e + width_ - kRefBytes, (uint64_t{batch} << 32) | row, kRefBytes);
  }
}

uint64_t SortKeyEncoder::Ref(const uint8_t* entry) const {
  uint64_t v = 0;
  for (size_t i = width_ - kRefBytes; i < width_; ++i) v = (v << 8) | entry[i];
  return v;
}

bool SortKeyEncoder::MayTie(size_t k, const uint8_t* a) const {
  const Key& key = keys_[k];
  if (key.width == 0) return true;
  if (!key.is_string || a[key.offset] != 1) return false;
  const uint8_t length = a[key.offset + key.width - 1] ^ (key.order.descending ? 0xFF : 0);
  return length > kStringPrefix;
}

int SortKeyEncoder::CompareValues(size_t k, const uint8_t* a, const uint8_t* b) const {
  const uint64_t ra = Ref(a), rb = Ref(b);
  const Vector& va = *values_[k][ra >> 32];
  const Vector& vb = *values_[k][rb >> 32];
  const size_t rowa = ra & 0xFFFFFFFF, rowb = rb & 0xFFFFFFFF;
  const SortOrder& order = keys_[k].order;
  const int c = vector::CompareValues(va, rowa, vb, rowb, order.nulls_first);
  // NULL placement is already in `c`; only non-NULL order flips when descending.
  if (order.descending && !va.IsNull(rowa) && !vb.IsNull(rowb)) return -c;
  return c;
}

int SortKeyEncoder::CompareKeys(const uint8_t* a, const uint8_t* b, size_t from, size_t to) const {
  for (size_t k = from; k < to; ++k) {
    const Key& key = keys_[k];
    if (int c = std::memcmp(a + key.offset, b + key.offset, key.width)) return c;
    if (MayTie(k, a))
      if (int c = CompareValues(k, a, b)) return c;
  }
  return 0;
}

bool SortKeyEncoder::Less(const uint8_t* a, const uint8_t* b) const {
  if (exact_) return std::memcmp(a, b, width_) < 0;
  for (const Segment& s : segments_) {
    if (int c = std::memcmp(a + s.begin, b + s.begin, s.end - s.begin)) return c < 0;
    if (s.tie_key >= 0 && MayTie(s.tie_key, a))
      if (int c = CompareValues(s.tie_key, a, b)) return c < 0;
  }
  return std::memcmp(a + width_ - kRefBytes, b + width_ - kRefBytes, kRefBytes) < 0;
}

void SortKeyEncoder::Sort(uint8_t* data, size_t first, size_t last, size_t keep) const {
  WithEntries(width_, data, [&]<size_t N>(Entry<N>* e) {
    auto sort = [&](auto less) {
      if (keep < last - first)
        std::partial_sort(e + first, e + first + keep, e + last, less);
      else
        std::sort(e + first, e + last, less);
    };
    if (exact_)
      sort([](const Entry<N>& x, const Entry<N>& y) {
        return std::memcmp(x.bytes, y.bytes, N) < 0;
      });
    else
      sort([this](const Entry<N>& x, const Entry<N>& y) { return Less(x.bytes, y.bytes); });
  });
}

void SortKeyEncoder::Merge(uint8_t* data, size_t first, size_t middle, size_t last) const {
  WithEntries(width_, data, [&]<size_t N>(Entry<N>* e) {
    std::inplace_merge(
        e + first, e + middle, e + last,
        [this](const Entry<N>& x, const Entry<N>& y) { return Less(x.bytes, y.bytes); });
  });
}

}  // namespace sluice::exec
