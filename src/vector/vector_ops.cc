#include "vector/vector_ops.h"

#include <cmath>
#include <cstring>

#include "common/hash.h"
#include "types/decimal.h"
#include "types/interval.h"

namespace sluice::vector {

using types::TypeId;

Status CopyRow(const Vector& src, size_t src_row, Vector& dst, size_t dst_row) {
  if (src.IsNull(src_row)) {
    dst.SetNull(dst_row);
    // Keep struct children aligned: their rows exist for every parent row.
    if (dst.type().id() == TypeId::kStruct) {
      for (Vector& child : dst.children()) child.SetNull(dst_row);
    } else if (dst.type().id() == TypeId::kArray || dst.type().id() == TypeId::kMap) {
      SLUICE_RETURN_NOT_OK(dst.AppendListEntry(dst_row, 0).status());
    } else if (const auto width = static_cast<size_t>(dst.type().FixedWidth()); width > 0) {
      // A NULL slot holds zero: dst may be made for overwrite, and kernels read NULL slots.
      std::memset(dst.data<char>() + dst_row * width, 0, width);
    }
    return Status::OK();
  }
  dst.validity().SetValid(dst_row);
  switch (src.type().id()) {
    case TypeId::kNull:
      dst.SetNull(dst_row);
      return Status::OK();
    case TypeId::kString:
    case TypeId::kBinary:
      dst.data<StringRef>()[dst_row] = dst.heap().Add(src.data<StringRef>()[src_row].view());
      return Status::OK();
    case TypeId::kStruct:
      for (size_t i = 0; i < src.children().size(); ++i)
        SLUICE_RETURN_NOT_OK(CopyRow(src.children()[i], src_row, dst.children()[i], dst_row));
      return Status::OK();
    case TypeId::kArray:
    case TypeId::kMap: {
      ListEntry e = src.data<ListEntry>()[src_row];
      SLUICE_ASSIGN_OR_RAISE(uint32_t at, dst.AppendListEntry(dst_row, e.length));
      for (size_t c = 0; c < src.children().size(); ++c) {
        for (uint32_t i = 0; i < e.length; ++i)
          SLUICE_RETURN_NOT_OK(CopyRow(src.children()[c], e.offset + i, dst.children()[c], at + i));
      }
      return Status::OK();
    }
    default: {
      const size_t width = static_cast<size_t>(src.type().FixedWidth());
      if (width == static_cast<size_t>(dst.type().FixedWidth())) {
        std::memcpy(dst.data<char>() + dst_row * width, src.data<char>() + src_row * width, width);
        return Status::OK();
      }
      // Decimals of different widths but the same scale (a copy across plans).
      if (src.type().id() == TypeId::kDecimal && dst.type().id() == TypeId::kDecimal) {
        types::Int128 v =
            width == 8 ? src.data<int64_t>()[src_row] : src.data<types::Int128>()[src_row];
        if (dst.type().FixedWidth() == 8)
          dst.data<int64_t>()[dst_row] = static_cast<int64_t>(v);
        else
          dst.data<types::Int128>()[dst_row] = v;
        return Status::OK();
      }
      return Status::Internal("CopyRow between " + src.type().ToString() + " and " +
                              dst.type().ToString());
    }
  }
}

namespace {

// dst = src's rows `rows`, keeping the forms: the gathered values are the same values, so
// the codes of a dictionary stay true.
// Strings that lie in buffers src pins (a file's pages) are not copied when most rows stay:
// dst pins the buffers too.
Status GatherInto(const Vector& src, const std::vector<uint32_t>& rows, Vector& dst) {
  const TypeId id = src.type().id();
  if ((id == TypeId::kString || id == TypeId::kBinary) && src.heap().allocated_bytes() == 0 &&
      rows.size() * 2 >= src.capacity()) {
    const StringRef* in = src.data<StringRef>();
    StringRef* out = dst.data<StringRef>();
    const bool all_valid = src.validity().AllValid();
    for (size_t i = 0; i < rows.size(); ++i) {
      if (!all_valid && src.IsNull(rows[i])) {
        dst.SetNull(i);
        out[i] = StringRef();
      } else {
        out[i] = in[rows[i]];
      }
    }
    for (const auto& pin : src.heap().pins()) dst.heap().Pin(pin);
  } else {
    for (size_t i = 0; i < rows.size(); ++i) SLUICE_RETURN_NOT_OK(CopyRow(src, rows[i], dst, i));
  }
  if (src.is_constant()) dst.MarkConstant();
  if (const DictionaryCodes* dict = src.dictionary()) {
    auto codes = std::make_shared<DictionaryCodes>(DictionaryCodes{dict->dictionary.Share(), {}});
    codes->codes.resize(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) codes->codes[i] = dict->codes[rows[i]];
    dst.SetDictionary(std::move(codes));
  }
  return Status::OK();
}

}  // namespace

// GatherInto writes every row's slot; the one slot of an empty output is zeroed, as a
// kernel may read row 0 of a constant vector.
Result<Vector> Gather(const Vector& src, const std::vector<uint32_t>& rows) {
  SLUICE_ASSIGN_OR_RAISE(Vector out, rows.empty()
                                         ? Vector::Make(src.type(), 1)
                                         : Vector::MakeForOverwrite(src.type(), rows.size()));
  SLUICE_RETURN_NOT_OK(GatherInto(src, rows, out));
  return out;
}

Result<Vector> Broadcast(const Vector& src, size_t row, size_t rows) {
  SLUICE_ASSIGN_OR_RAISE(Vector out, Vector::Make(src.type(), std::max<size_t>(rows, 1)));
  if (src.type().IsNested() || src.IsNull(row) || rows == 0) {
    for (size_t i = 0; i < rows; ++i) SLUICE_RETURN_NOT_OK(CopyRow(src, row, out, i));
  } else {
    // One copy (a string's bytes once), then its fixed-width slot repeated.
    SLUICE_RETURN_NOT_OK(CopyRow(src, row, out, 0));
    const size_t width = static_cast<size_t>(src.type().FixedWidth());
    char* data = out.data<char>();
    for (size_t i = 1; i < rows; ++i) std::memcpy(data + i * width, data, width);
  }
  out.MarkConstant();
  return out;
}

Result<Batch> GatherBatch(const Batch& batch, const std::vector<uint32_t>& rows) {
  SLUICE_ASSIGN_OR_RAISE(Batch out, rows.empty()
                                        ? Batch::Make(batch.schema_ptr(), 1)
                                        : Batch::MakeForOverwrite(batch.schema_ptr(), rows.size()));
  for (size_t c = 0; c < batch.num_columns(); ++c)
    SLUICE_RETURN_NOT_OK(GatherInto(batch.column(c), rows, out.column(c)));
  out.set_num_rows(rows.size());
  return out;
}

Result<Batch> SliceBatch(const Batch& batch, size_t offset, size_t n) {
  SLUICE_CHECK(batch.selection() == nullptr && offset + n <= batch.num_rows());
  if (offset == 0) {
    std::vector<Vector> columns;
    columns.reserve(batch.num_columns());
    for (size_t c = 0; c < batch.num_columns(); ++c) columns.push_back(batch.column(c).Share());
    return Batch::FromColumns(batch.schema_ptr(), std::move(columns), n);
  }
  std::vector<uint32_t> rows(n);
  for (size_t i = 0; i < n; ++i) rows[i] = static_cast<uint32_t>(offset + i);
  return GatherBatch(batch, rows);
}

Result<Batch> Compact(const Batch& batch) {
  // Without a selection every row is live: share the columns (copied only on a write).
  if (batch.selection() == nullptr) return SliceBatch(batch, 0, batch.num_rows());
  std::vector<uint32_t> rows(batch.num_selected());
  for (size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<uint32_t>(batch.selected_row(i));
  return GatherBatch(batch, rows);
}

Status AppendRows(const Vector& src, size_t src_rows, Vector& dst, size_t dst_rows) {
  SLUICE_RETURN_NOT_OK(dst.Reserve(dst_rows + src_rows));
  for (size_t i = 0; i < src_rows; ++i) SLUICE_RETURN_NOT_OK(CopyRow(src, i, dst, dst_rows + i));
  return Status::OK();
}

namespace {

template <typename T>
int Compare3(T a, T b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

template <typename T>
int CompareFloating(T a, T b) {
  const bool na = std::isnan(a), nb = std::isnan(b);
  if (na || nb) return na == nb ? 0 : (na ? 1 : -1);
  return Compare3(a, b);  // -0.0 == 0.0
}

types::Int128 DecimalAt(const Vector& v, size_t row) {
  return v.type().FixedWidth() == 8 ? v.data<int64_t>()[row] : v.data<types::Int128>()[row];
}

}  // namespace

int CompareValues(const Vector& a, size_t ra, const Vector& b, size_t rb, bool nulls_first) {
  const bool a_null = a.IsNull(ra), b_null = b.IsNull(rb);
  if (a_null || b_null) {
    if (a_null && b_null) return 0;
    return (a_null == nulls_first) ? -1 : 1;
  }
  switch (a.type().id()) {
    case TypeId::kNull:
      return 0;
    case TypeId::kBoolean:
      return Compare3(a.data<bool>()[ra], b.data<bool>()[rb]);
    case TypeId::kTinyInt:
      return Compare3(a.data<int8_t>()[ra], b.data<int8_t>()[rb]);
    case TypeId::kSmallInt:
      return Compare3(a.data<int16_t>()[ra], b.data<int16_t>()[rb]);
    case TypeId::kInt:
    case TypeId::kDate:
    case TypeId::kYearMonthInterval:
      return Compare3(a.data<int32_t>()[ra], b.data<int32_t>()[rb]);
    case TypeId::kBigInt:
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz:
    case TypeId::kDayTimeInterval:
      return Compare3(a.data<int64_t>()[ra], b.data<int64_t>()[rb]);
    case TypeId::kFloat:
      return CompareFloating(a.data<float>()[ra], b.data<float>()[rb]);
    case TypeId::kDouble:
      return CompareFloating(a.data<double>()[ra], b.data<double>()[rb]);
    case TypeId::kDecimal: {
      types::Int128 x = DecimalAt(a, ra), y = DecimalAt(b, rb);
      const int sa = a.type().scale(), sb = b.type().scale();
      if (sa != sb) {  // compare at the larger scale (callers usually unify types first)
        if (sa < sb)
          x *= types::PowerOfTen(sb - sa);
        else
          y *= types::PowerOfTen(sa - sb);
      }
      return Compare3(x, y);
    }
    case TypeId::kString:
    case TypeId::kBinary: {
      std::string_view x = a.data<StringRef>()[ra].view(), y = b.data<StringRef>()[rb].view();
      int c = x.compare(y);
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case TypeId::kInterval: {
      const auto& x = a.data<types::Interval>()[ra];
      const auto& y = b.data<types::Interval>()[rb];
      if (int c = Compare3(x.months, y.months)) return c;
      if (int c = Compare3(x.days, y.days)) return c;
      return Compare3(x.micros, y.micros);
    }
    case TypeId::kStruct:
      for (size_t i = 0; i < a.children().size(); ++i) {
        if (int c = CompareValues(a.children()[i], ra, b.children()[i], rb, nulls_first)) return c;
      }
      return 0;
    case TypeId::kArray:
    case TypeId::kMap: {
      ListEntry x = a.data<ListEntry>()[ra], y = b.data<ListEntry>()[rb];
      const uint32_t n = std::min(x.length, y.length);
      for (uint32_t i = 0; i < n; ++i) {
        for (size_t c = 0; c < a.children().size(); ++c) {
          if (int r = CompareValues(a.children()[c], x.offset + i, b.children()[c], y.offset + i,
                                    nulls_first))
            return r;
        }
      }
      return Compare3(x.length, y.length);
    }
  }
  return 0;
}

bool ValuesEqual(const Vector& a, size_t ra, const Vector& b, size_t rb) {
  return CompareValues(a, ra, b, rb) == 0;
}

uint64_t HashValue(const Vector& v, size_t row, uint64_t seed) {
  if (v.IsNull(row)) return CombineHashes(seed, 0x5bd1e995);
  switch (v.type().id()) {
    case TypeId::kNull:
      return CombineHashes(seed, 0x5bd1e995);
    case TypeId::kBoolean:
      return CombineHashes(seed, v.data<bool>()[row]);
    case TypeId::kTinyInt:
      return CombineHashes(seed, static_cast<uint64_t>(v.data<int8_t>()[row]));
    case TypeId::kSmallInt:
      return CombineHashes(seed, static_cast<uint64_t>(v.data<int16_t>()[row]));
    case TypeId::kInt:
    case TypeId::kDate:
    case TypeId::kYearMonthInterval:
      return CombineHashes(seed, static_cast<uint64_t>(v.data<int32_t>()[row]));
    case TypeId::kBigInt:
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz:
    case TypeId::kDayTimeInterval:
      return CombineHashes(seed, static_cast<uint64_t>(v.data<int64_t>()[row]));
    case TypeId::kFloat:
    case TypeId::kDouble: {
      double d = v.type().id() == TypeId::kFloat ? v.data<float>()[row] : v.data<double>()[row];
      if (d == 0) d = 0;  // -0.0 hashes as 0.0
      if (std::isnan(d)) d = std::numeric_limits<double>::quiet_NaN();
      uint64_t bits;
      std::memcpy(&bits, &d, 8);
      return CombineHashes(seed, bits);
    }
    case TypeId::kDecimal: {
      types::Int128 x = DecimalAt(v, row);
      return CombineHashes(CombineHashes(seed, static_cast<uint64_t>(x)),
                           static_cast<uint64_t>(x >> 64));
    }
    case TypeId::kString:
    case TypeId::kBinary:
      return HashString(v.data<StringRef>()[row].view(), seed);
    case TypeId::kInterval: {
      const auto& x = v.data<types::Interval>()[row];
      return CombineHashes(CombineHashes(seed, static_cast<uint64_t>(x.micros)),
                           (static_cast<uint64_t>(static_cast<uint32_t>(x.months)) << 32) |
                               static_cast<uint32_t>(x.days));
    }
    case TypeId::kStruct: {
      uint64_t h = seed;
      for (const Vector& child : v.children()) h = HashValue(child, row, h);
      return h;
    }
    case TypeId::kArray:
    case TypeId::kMap: {
      ListEntry e = v.data<ListEntry>()[row];
      uint64_t h = CombineHashes(seed, e.length);
      for (uint32_t i = 0; i < e.length; ++i)
        for (const Vector& child : v.children()) h = HashValue(child, e.offset + i, h);
      return h;
    }
  }
  return seed;
}

namespace {

template <typename T>
void HashFixedWidth(const Vector& v, size_t rows, uint64_t* hashes) {
  const T* values = v.data<T>();
  for (size_t r = 0; r < rows; ++r)
    hashes[r] = v.IsNull(r) ? CombineHashes(hashes[r], 0x5bd1e995)
                            : CombineHashes(hashes[r], static_cast<uint64_t>(values[r]));
}

}  // namespace

void HashColumn(const Vector& v, size_t rows, uint64_t* hashes) {
  switch (v.type().id()) {
    case TypeId::kTinyInt:
      return HashFixedWidth<int8_t>(v, rows, hashes);
    case TypeId::kSmallInt:
      return HashFixedWidth<int16_t>(v, rows, hashes);
    case TypeId::kInt:
    case TypeId::kDate:
    case TypeId::kYearMonthInterval:
      return HashFixedWidth<int32_t>(v, rows, hashes);
    case TypeId::kBigInt:
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz:
    case TypeId::kDayTimeInterval:
      return HashFixedWidth<int64_t>(v, rows, hashes);
    default:
      for (size_t r = 0; r < rows; ++r) hashes[r] = HashValue(v, r, hashes[r]);
  }
}

}  // namespace sluice::vector
