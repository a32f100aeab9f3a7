#include "formats/parquet/column_chunk_reader.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "common/check.h"
#include "formats/parquet/delta_encoding.h"
#include "formats/parquet/parquet_codec.h"
#include "formats/parquet/plain_bytes.h"
#include "formats/parquet/rle_bit_packed.h"
#include "io/compression.h"
#include "types/civil_date.h"
#include "types/decimal.h"

namespace sluice::formats::parquet {

using types::TypeId;

namespace {

// Julian day of 1970-01-01, for INT96 timestamps.
constexpr int64_t kJulianEpochDay = 2440588;
// Far above what writers put in a page (parquet-mr: 20,000; DuckDB: a row group's worth).
constexpr int32_t kMaxPageValues = 1 << 26;
// What a page header is first read with, and what a window holds beyond a page it reads.
constexpr size_t kPageHeaderBytes = 16 << 10;
// A window's least size: a usual page of about 1 MiB with its header and the next one's.
constexpr size_t kWindowBytes = (1 << 20) + (64 << 10);

}  // namespace

ColumnChunkReader::ColumnChunkReader(io::RandomAccessFile& file, uint64_t chunk_offset,
                                     uint64_t chunk_size, const LeafColumn& leaf,
                                     types::LogicalType type, CompressionCodec codec,
                                     std::string context)
    : file_(file),
      chunk_offset_(chunk_offset),
      chunk_size_(chunk_size),
      leaf_(leaf),
      type_(std::move(type)),
      codec_(codec),
      context_(std::move(context)) {}

Status ColumnChunkReader::Error(const std::string& what) const {
  return Status::ParseError(context_ + ", page " + std::to_string(page_index_) + " at byte " +
                            std::to_string(page_offset_) + ": " + what);
}

Result<std::shared_ptr<const io::ByteBuffer>> ColumnChunkReader::Decompress(
    std::string_view* body, size_t uncompressed_size, bool compressed) {
  if (!compressed || codec_ == CompressionCodec::kUncompressed) return window_;
  auto page = DecompressPage(codec_, *body, uncompressed_size);
  if (!page.ok()) return Error(page.status().message());
  *body = (*page)->view();
  return page;
}

Result<std::string_view> ColumnChunkReader::Bytes(size_t pos, size_t length) {
  length = static_cast<size_t>(std::min<uint64_t>(length, chunk_size_ - pos));
  if (window_ && pos >= window_begin_ && pos + length <= window_begin_ + window_->size())
    return window_->view().substr(pos - window_begin_, length);
  // Pages are about 1 MiB (Sluice, parquet-mr and Arrow cut them so): a window of a little
  // more usually holds a page whole with the next page's header, one read per page.
  const size_t want = std::max(length + kPageHeaderBytes, kWindowBytes);
  SLUICE_ASSIGN_OR_RAISE(
      window_, file_.Read(chunk_offset_ + pos, std::min<uint64_t>(want, chunk_size_ - pos)));
  window_begin_ = pos;
  if (window_->size() < length) return Error("the file ends inside the column chunk");
  return window_->view().substr(0, length);
}

Status ColumnChunkReader::NextPage() {
  while (true) {
    if (pos_ >= chunk_size_) return Error("the column chunk ends before its values do");
    page_offset_ = chunk_offset_ + pos_;
    // A header is a few dozen bytes, more with long min/max statistics: one that does not
    // parse is read again with more bytes, up to the chunk's end.
    size_t header_size = 0;
    Result<PageHeader> header = Status::Invalid("no header");
    for (size_t want = kPageHeaderBytes;; want *= 4) {
      SLUICE_ASSIGN_OR_RAISE(std::string_view head, Bytes(pos_, want));
      header = ParsePageHeader(head, &header_size);
      if (header.ok() || head.size() < want) break;
    }
    if (!header.ok()) return Error("corrupt page header: " + header.status().message());
    size_t body_size = static_cast<size_t>(header->compressed_page_size);
    if (body_size > chunk_size_ - pos_ - header_size) {
      return Error("page of " + std::to_string(body_size) + " bytes runs past the column chunk");
    }
    SLUICE_ASSIGN_OR_RAISE(std::string_view page, Bytes(pos_, header_size + body_size));
    std::string_view body = page.substr(header_size);
    pos_ += header_size + body_size;
    ++page_index_;
    switch (header->type) {
      case PageType::kDictionaryPage:
        SLUICE_RETURN_NOT_OK(LoadDictionary(*header, body));
        continue;
      case PageType::kDataPage:
      case PageType::kDataPageV2:
        return StartDataPage(*header, body);
      case PageType::kIndexPage:
        continue;
    }
    return Error("unknown page type " + std::to_string(static_cast<int>(header->type)));
  }
}

Status ColumnChunkReader::LoadDictionary(const PageHeader& header, std::string_view body) {
  if (!header.dictionary_page_header) return Error("dictionary page without its header");
  const auto& dict = *header.dictionary_page_header;
  if (dict.encoding != Encoding::kPlain && dict.encoding != Encoding::kPlainDictionary) {
    return Error("dictionary encoded as " + EncodingName(dict.encoding) + ", expected PLAIN");
  }
  if (dict.num_values < 0) return Error("negative dictionary size");
  SLUICE_ASSIGN_OR_RAISE(
      dictionary_page_,
      Decompress(&body, static_cast<size_t>(header.uncompressed_page_size), true));
  const auto size = static_cast<size_t>(dict.num_values);
  // Every value takes at least one byte (or a bit, for booleans): a larger count is corrupt.
  if (size > body.size() * 8 + 1) return Error("dictionary larger than its page");
  SLUICE_ASSIGN_OR_RAISE(auto vec, vector::Vector::Make(type_, size + 1));
  dictionary_ = std::make_unique<vector::Vector>(std::move(vec));
  size_t consumed = 0;
  bool_bit_pos_ = 0;
  SLUICE_RETURN_NOT_OK(ConvertPlain(body, size, dictionary_.get(), 0, &consumed));
  // The dictionary outlives this reader in the batches' dictionary forms.
  if (type_.IsStringLike()) dictionary_->heap().Pin(dictionary_page_);
  dictionary_size_ = size;
  return Status::OK();
}

Status ColumnChunkReader::StartDataPage(const PageHeader& header, std::string_view body) {
  const bool v2 = header.type == PageType::kDataPageV2;
  if (v2 ? !header.data_page_header_v2 : !header.data_page_header)
    return Error("data page without its header");
  const int32_t num_values =
      v2 ? header.data_page_header_v2->num_values : header.data_page_header->num_values;
  if (num_values < 0) return Error("negative value count");
  // Levels are decoded a page at a time; a few RLE bytes could claim billions of them.
  if (num_values > kMaxPageValues) {
    return Error("page claims " + std::to_string(num_values) + " values; at most " +
                 std::to_string(kMaxPageValues) + " per page are read");
  }
  encoding_ = v2 ? header.data_page_header_v2->encoding : header.data_page_header->encoding;
  std::string_view repetition_bytes, definition_bytes;
  if (v2) {
    const auto& h = *header.data_page_header_v2;
    size_t level_bytes = static_cast<size_t>(h.definition_levels_byte_length) +
                         static_cast<size_t>(h.repetition_levels_byte_length);
    if (h.definition_levels_byte_length < 0 || h.repetition_levels_byte_length < 0 ||
        level_bytes > body.size() ||
        level_bytes > static_cast<size_t>(std::max(0, header.uncompressed_page_size))) {
      return Error("level lengths exceed the page");
    }
    repetition_bytes = body.substr(0, static_cast<size_t>(h.repetition_levels_byte_length));
    definition_bytes = body.substr(static_cast<size_t>(h.repetition_levels_byte_length),
                                   static_cast<size_t>(h.definition_levels_byte_length));
    body.remove_prefix(level_bytes);
    size_t uncompressed = static_cast<size_t>(header.uncompressed_page_size) - level_bytes;
    SLUICE_ASSIGN_OR_RAISE(page_, Decompress(&body, uncompressed, h.is_compressed));
  } else {
    SLUICE_ASSIGN_OR_RAISE(
        page_, Decompress(&body, static_cast<size_t>(header.uncompressed_page_size), true));
  }
  std::string_view rest = body;
  const size_t count = static_cast<size_t>(num_values);
  // Page v1 holds repetition levels first, then definition levels, then values.
  const DataPageHeader* v1 = v2 ? nullptr : &*header.data_page_header;
  SLUICE_RETURN_NOT_OK(DecodeLevels(
      leaf_.max_repetition_level, v1 ? v1->repetition_level_encoding : Encoding::kRle,
      v2 ? &repetition_bytes : nullptr, &rest, count, &repetition_levels_, "repetition"));
  SLUICE_RETURN_NOT_OK(DecodeLevels(
      leaf_.max_definition_level, v1 ? v1->definition_level_encoding : Encoding::kRle,
      v2 ? &definition_bytes : nullptr, &rest, count, &definition_levels_, "definition"));
  values_ = rest;
  level_pos_ = 0;
  page_values_left_ = static_cast<size_t>(num_values);
  bool_bit_pos_ = 0;
  indices_.reset();
  size_t present = count;
  if (!definition_levels_.empty()) {
    const auto max_level = static_cast<uint8_t>(leaf_.max_definition_level);
    present = 0;
    for (uint8_t level : definition_levels_) present += level == max_level;
  }
  switch (encoding_) {
    case Encoding::kPlain:
      return Status::OK();
    case Encoding::kPlainDictionary:
    case Encoding::kRleDictionary: {
      if (!dictionary_) return Error("dictionary-encoded page but the chunk has no dictionary");
      if (values_.empty()) {
        if (present > 0) return Error("dictionary page indices missing");
        return Status::OK();
      }
      int width = static_cast<uint8_t>(values_[0]);
      if (width > 32)
        return Error("dictionary index width " + std::to_string(width) + " is over 32");
      indices_ = std::make_unique<RleBitPackedDecoder>(values_.substr(1), width);
      return Status::OK();
    }
    case Encoding::kRle: {
      if (leaf_.element->type != PhysicalType::kBoolean)
        return Error("RLE values are only valid for booleans");
      std::string_view data = values_;
      if (!v2) {
        if (data.size() < 4) return Error("RLE booleans without their length");
        uint32_t length = LoadLE<uint32_t>(data.data());
        if (length > data.size() - 4) return Error("RLE booleans run past the page");
        data = data.substr(4, length);
      } else if (data.size() >= 4 && LoadLE<uint32_t>(data.data()) == data.size() - 4) {
        data.remove_prefix(4);
      }
      indices_ = std::make_unique<RleBitPackedDecoder>(data, 1);
      return Status::OK();
    }
    case Encoding::kByteStreamSplit: {
      const int width = static_cast<int>(FixedValueWidth(*leaf_.element));
      if (width <= 0) return Error("BYTE_STREAM_SPLIT is not valid for this column's type");
      if (values_.size() < present * static_cast<size_t>(width))
        return Error("BYTE_STREAM_SPLIT data is short");
      // Gather the streams back into PLAIN order once per page.
      std::string plain(present * static_cast<size_t>(width), '\0');
      for (size_t i = 0; i < present; ++i) {
        for (int b = 0; b < width; ++b)
          plain[i * static_cast<size_t>(width) + static_cast<size_t>(b)] =
              values_[static_cast<size_t>(b) * present + i];
      }
      page_ = io::MakeStringBuffer(std::move(plain));
      values_ = page_->view();
      encoding_ = Encoding::kPlain;
      return Status::OK();
    }
    case Encoding::kDeltaBinaryPacked:
    case Encoding::kDeltaLengthByteArray:
    case Encoding::kDeltaByteArray: {
      // Rewritten as PLAIN once per page; the PLAIN converters do the rest.
      std::string plain;
      Status st = DeltaToPlain(encoding_, *leaf_.element->type, values_, present, &plain);
      if (!st.ok()) return Error(st.message());
      page_ = io::MakeStringBuffer(std::move(plain));
      values_ = page_->view();
      encoding_ = Encoding::kPlain;
      return Status::OK();
    }
    default:
      return Status::NotImplemented(context_ + ": values encoded as " + EncodingName(encoding_) +
                                    " are not supported");
  }
}

Status ColumnChunkReader::DecodeLevels(int max_level, Encoding encoding,
                                       const std::string_view* v2_bytes, std::string_view* rest,
                                       size_t count, std::vector<uint8_t>* out, const char* what) {
  out->clear();
  if (max_level == 0) return Status::OK();
  out->resize(count);
  const int width = BitWidth(static_cast<uint64_t>(max_level));
  if (width > 8) return Error(std::string(what) + " levels over 255");  // schemas nest <= 100
  Status st;
  if (v2_bytes) {
    st = RleBitPackedDecoder(*v2_bytes, width).Get(out->data(), count);
  } else if (encoding == Encoding::kBitPacked) {
    size_t consumed = 0;
    st = DecodeBitPackedLevels(*rest, width, count, out->data(), &consumed);
    if (st.ok()) rest->remove_prefix(consumed);
  } else if (encoding == Encoding::kRle) {
    if (rest->size() < 4) return Error(std::string("page too short for its ") + what + " levels");
    uint32_t length = LoadLE<uint32_t>(rest->data());
    if (length > rest->size() - 4) return Error(std::string(what) + " levels run past the page");
    st = RleBitPackedDecoder(rest->substr(4, length), width).Get(out->data(), count);
    rest->remove_prefix(4 + length);
  } else {
    return Error(std::string(what) + " levels encoded as " + EncodingName(encoding) +
                 ", expected RLE or BIT_PACKED");
  }
  if (!st.ok()) return Error(std::string(what) + " levels: " + st.message());
  if (max_level == (1 << width) - 1) return Status::OK();  // no wider value fits the bits
  for (uint8_t level : *out) {
    if (level > max_level) {
      return Error(std::string(what) + " level " + std::to_string(level) +
                   " is over the column's " + std::to_string(max_level));
    }
  }
  return Status::OK();
}

namespace {

// One typed loop per call: `convert` maps each little-endian `In` to an `Out`.
template <typename In, typename Out, typename F>
void ConvertEach(const char* in, size_t count, Out* out, F convert) {
  for (size_t i = 0; i < count; ++i) out[i] = convert(LoadLE<In>(in + i * sizeof(In)));
}

// Moves the first `present` values of rows [0, n) to the rows whose level is `max_level`,
// last first (a value only moves up), in one typed loop.
template <typename T>
void SpreadTyped(T* values, const uint8_t* levels, size_t n, size_t present, uint8_t max_level) {
  for (size_t i = n; i-- > 0 && present < i + 1;) {
    if (levels[i] == max_level) values[i] = values[--present];
  }
}

// Validity bits of up to 64 rows from their levels, each 0 or 1 (a flat column's).
uint64_t ValidityBits(const uint8_t* levels, size_t n) {
  uint64_t bits = 0;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t eight;
    std::memcpy(&eight, levels + i, 8);
    // Gathers the low bit of each byte into the top byte, first byte lowest.
    bits |= (((eight & 0x0101010101010101ULL) * 0x0102040810204080ULL) >> 56) << i;
  }
  for (; i < n; ++i) bits |= uint64_t{levels[i]} << i;
  return bits;
}

void Spread(vector::Vector* out, size_t row, const uint8_t* levels, size_t n, size_t present,
            uint8_t max_level) {
  switch (out->type().FixedWidth()) {
    case 1:
      return SpreadTyped(out->data<uint8_t>() + row, levels, n, present, max_level);
    case 2:
      return SpreadTyped(out->data<uint16_t>() + row, levels, n, present, max_level);
    case 4:
      return SpreadTyped(out->data<uint32_t>() + row, levels, n, present, max_level);
    case 8:
      return SpreadTyped(out->data<uint64_t>() + row, levels, n, present, max_level);
    default:  // 16: strings and wide decimals
      return SpreadTyped(out->data<types::Int128>() + row, levels, n, present, max_level);
  }
}

}  // namespace

Status ColumnChunkReader::ConvertPlain(std::string_view bytes, size_t count, vector::Vector* out,
                                       size_t row, size_t* consumed) {
  const SchemaElement& e = *leaf_.element;
  const PhysicalType physical = *e.type;
  const TypeId target = type_.id();
  const bool wide_decimal = target == TypeId::kDecimal &&
                            type_.precision() > types::LogicalType::kMaxInt64DecimalPrecision;
  const size_t width = physical == PhysicalType::kInt96 ? 12 : FixedValueWidth(e);
  if (physical != PhysicalType::kBoolean && physical != PhysicalType::kByteArray &&
      count * width > bytes.size()) {
    return Error("values end early (PLAIN " + PhysicalTypeName(physical) + ")");
  }
  *consumed = count * width;
  const char* in = bytes.data();
  // Values stored as the column's own type are one copy.
  auto copy = [&](size_t size) {
    std::memcpy(out->data<uint8_t>() + row * size, in, count * size);
  };
  auto to_decimal = [&](auto in_type, auto convert) {
    using In = decltype(in_type);
    if (wide_decimal) {
      ConvertEach<In>(in, count, out->data<types::Int128>() + row, convert);
    } else {
      ConvertEach<In>(in, count, out->data<int64_t>() + row,
                      [&](In v) { return static_cast<int64_t>(convert(v)); });
    }
  };
  switch (physical) {
    case PhysicalType::kBoolean: {
      if ((bool_bit_pos_ + count + 7) / 8 > bytes.size())
        return Error("values end early (PLAIN BOOLEAN)");
      auto* values = out->data<uint8_t>() + row;
      const auto* bits = reinterpret_cast<const uint8_t*>(in);
      for (size_t i = 0; i < count; ++i, ++bool_bit_pos_)
        values[i] = (bits[bool_bit_pos_ >> 3] >> (bool_bit_pos_ & 7)) & 1;
      *consumed = 0;  // booleans keep their bit position across calls instead
      return Status::OK();
    }
    case PhysicalType::kInt32:
      switch (target) {
        case TypeId::kTinyInt:
          ConvertEach<int32_t>(in, count, out->data<int8_t>() + row,
                               [](int32_t v) { return static_cast<int8_t>(v); });
          break;
        case TypeId::kSmallInt:
          ConvertEach<int32_t>(in, count, out->data<int16_t>() + row,
                               [](int32_t v) { return static_cast<int16_t>(v); });
          break;
        case TypeId::kBigInt:  // UINT_32
          ConvertEach<uint32_t>(in, count, out->data<int64_t>() + row,
                                [](uint32_t v) { return static_cast<int64_t>(v); });
          break;
        case TypeId::kDecimal:
          to_decimal(int32_t{}, [](int32_t v) { return types::Int128{v}; });
          break;
        default:  // INT, DATE
          copy(4);
          break;
      }
      return Status::OK();
    case PhysicalType::kInt64: {
      const LogicalTypeAnnotation t = AnnotationOf(e).type;
      const bool timestamp = t.kind == LogicalTypeAnnotation::Kind::kTimestamp &&
                             (target == TypeId::kTimestamp || target == TypeId::kTimestampNtz);
      int64_t* values = out->data<int64_t>() + row;
      if (target == TypeId::kDecimal) {
        // UINT64 reads as DECIMAL(20,0).
        if (type_.precision() == 20 && type_.scale() == 0 && wide_decimal) {
          to_decimal(uint64_t{}, [](uint64_t v) { return types::Int128{v}; });
        } else {
          to_decimal(int64_t{}, [](int64_t v) { return types::Int128{v}; });
        }
      } else if (timestamp && t.unit == TimeUnit::kMillis) {
        ConvertEach<int64_t>(in, count, values, [](int64_t v) { return v * 1000; });
      } else if (timestamp && t.unit == TimeUnit::kNanos) {
        ConvertEach<int64_t>(in, count, values, [](int64_t v) { return types::FloorDiv(v, 1000); });
      } else {
        copy(8);
      }
      return Status::OK();
    }
    case PhysicalType::kInt96: {
      int64_t* values = out->data<int64_t>() + row;
      for (size_t i = 0; i < count; ++i) {
        int64_t nanos_of_day = LoadLE<int64_t>(in + i * 12);
        int32_t julian_day = LoadLE<int32_t>(in + i * 12 + 8);
        // Wraps on overflow as the Java long arithmetic of Spark's fromJulianDay does.
        uint64_t day_micros = static_cast<uint64_t>(int64_t{julian_day} - kJulianEpochDay) *
                              static_cast<uint64_t>(types::kMicrosPerDay);
        values[i] = static_cast<int64_t>(
            day_micros + static_cast<uint64_t>(types::FloorDiv(nanos_of_day, 1000)));
      }
      return Status::OK();
    }
    case PhysicalType::kFloat:
      copy(4);
      return Status::OK();
    case PhysicalType::kDouble:
      copy(8);
      return Status::OK();
    case PhysicalType::kByteArray:
    case PhysicalType::kFixedLenByteArray:
      return ConvertBytes(bytes, count, out, row, consumed);
  }
  return Error("unknown physical type");
}

Status ColumnChunkReader::ConvertBytes(std::string_view bytes, size_t count, vector::Vector* out,
                                       size_t row, size_t* consumed) {
  const SchemaElement& e = *leaf_.element;
  const bool fixed = *e.type == PhysicalType::kFixedLenByteArray;
  const size_t fixed_length = static_cast<size_t>(e.type_length.value_or(0));
  if (fixed && fixed_length == 0) return Error("FIXED_LEN_BYTE_ARRAY without a length");
  const bool decimal = type_.id() == TypeId::kDecimal;
  const bool wide_decimal =
      decimal && type_.precision() > types::LogicalType::kMaxInt64DecimalPrecision;
  size_t pos = 0;
  for (size_t i = 0; i < count; ++i) {
    size_t length = fixed_length;
    if (!fixed) {
      if (4 > bytes.size() - pos) return Error("values end early (PLAIN BYTE_ARRAY)");
      length = LoadLE<uint32_t>(bytes.data() + pos);
      pos += 4;
    }
    if (length > bytes.size() - pos)
      return Error("values end early (PLAIN " + PhysicalTypeName(*e.type) + ")");
    std::string_view value = bytes.substr(pos, length);
    pos += length;
    if (!decimal) {
      out->data<vector::StringRef>()[row + i] = vector::StringRef(value);  // the caller pins
      continue;
    }
    if (length > 16)
      return Error("decimal of " + std::to_string(length) + " bytes is wider than 16");
    types::Int128 unscaled = 0;
    BigEndianToInt128(value, &unscaled);  // the length was checked just above
    if (wide_decimal) {
      out->data<types::Int128>()[row + i] = unscaled;
    } else {
      out->data<int64_t>()[row + i] = static_cast<int64_t>(unscaled);
    }
  }
  *consumed = pos;
  return Status::OK();
}

Status ColumnChunkReader::DecodeValues(size_t count, vector::Vector* out, size_t row) {
  if (count == 0) return Status::OK();
  if (encoding_ == Encoding::kPlain) {
    if (type_.IsStringLike()) out->heap().Pin(page_);
    size_t consumed = 0;
    SLUICE_RETURN_NOT_OK(ConvertPlain(values_, count, out, row, &consumed));
    values_.remove_prefix(consumed);
    return Status::OK();
  }
  if (encoding_ == Encoding::kRle) {  // booleans, 0 or 1 in one bit
    Status st = indices_->Get(out->data<uint8_t>() + row, count);
    return st.ok() ? st : Error(st.message());
  }
  index_buffer_.resize(count);
  const uint32_t* indices = index_buffer_.data();
  Status st = indices_->Get(index_buffer_.data(), count);
  if (!st.ok()) return Error(st.message());
  uint32_t largest = 0;
  for (size_t i = 0; i < count; ++i) largest = std::max(largest, indices[i]);
  if (largest >= dictionary_size_) {
    const uint32_t* bad =
        std::find_if(indices, indices + count, [&](uint32_t i) { return i >= dictionary_size_; });
    return Error("dictionary index " + std::to_string(*bad) + " is past the dictionary's " +
                 std::to_string(dictionary_size_) + " values");
  }
  if (type_.IsStringLike()) out->heap().Pin(dictionary_page_);
  // Typed copies: a memcpy of a run-time width would be a library call per value.
  auto gather = [&](auto value_type) {
    using T = decltype(value_type);
    // Read through const: the non-const accessor would copy a dictionary batches still share.
    const T* dictionary = std::as_const(*dictionary_).data<T>();
    T* values = out->data<T>() + row;
    for (size_t i = 0; i < count; ++i) values[i] = dictionary[indices[i]];
  };
  switch (type_.FixedWidth()) {
    case 1:
      gather(uint8_t{});
      break;
    case 2:
      gather(uint16_t{});
      break;
    case 4:
      gather(uint32_t{});
      break;
    case 8:
      gather(uint64_t{});
      break;
    case 16:  // strings and wide decimals
      gather(types::Int128{});
      break;
    default:
      return Error("no dictionary copy for values of " + std::to_string(type_.FixedWidth()) +
                   " bytes");
  }
  return Status::OK();
}

Status ColumnChunkReader::Read(size_t n, vector::Vector* out, size_t row) {
  // A flat column: levels are 0 (NULL) or 1, which ValidityBits relies on.
  SLUICE_CHECK(leaf_.max_definition_level <= 1 && leaf_.max_repetition_level == 0);
  const auto max_level = static_cast<uint8_t>(leaf_.max_definition_level);
  // Strings read whole from dictionary pages also keep their codes (the dictionary form),
  // so that a GROUP BY hashes each distinct string once.
  bool coded = row == 0 && type_.IsStringLike();
  std::vector<uint32_t> codes;
  if (coded) codes.reserve(n);
  while (n > 0) {
    if (page_values_left_ == 0) SLUICE_RETURN_NOT_OK(NextPage());
    const size_t take = std::min(n, page_values_left_);
    coded =
        coded && (encoding_ == Encoding::kPlainDictionary || encoding_ == Encoding::kRleDictionary);
    if (definition_levels_.empty()) {  // REQUIRED: no levels, no NULLs
      SLUICE_RETURN_NOT_OK(DecodeValues(take, out, row));
      if (coded) codes.insert(codes.end(), index_buffer_.begin(), index_buffer_.begin() + take);
    } else {
      // Values come dense; NULL rows are marked, then the values spread around them.
      const uint8_t* levels = definition_levels_.data() + level_pos_;
      size_t present = 0;
      for (size_t i = 0; i < take; ++i) present += levels[i] == max_level;
      SLUICE_RETURN_NOT_OK(DecodeValues(present, out, row));
      if (present < take) {
        for (size_t i = 0; i < take; i += 64) {
          const size_t m = std::min<size_t>(64, take - i);
          out->validity().SetBits(row + i, ValidityBits(levels + i, m), m);
        }
        Spread(out, row, levels, take, present, max_level);
      }
      if (coded) {
        for (size_t i = 0, k = 0; i < take; ++i)
          codes.push_back(levels[i] == max_level ? index_buffer_[k++] : 0);
      }
    }
    level_pos_ += take;
    page_values_left_ -= take;
    row += take;
    n -= take;
  }
  if (coded) {
    out->SetDictionary(std::make_shared<vector::DictionaryCodes>(
        vector::DictionaryCodes{dictionary_->Share(), std::move(codes)}));
  }
  return Status::OK();
}

Status ColumnChunkReader::ReadRecords(size_t records, LeafLevels* levels, vector::Vector* values) {
  const auto max_level = static_cast<uint8_t>(leaf_.max_definition_level);
  size_t started = 0;
  bool full = false;
  while (!full) {
    if (page_values_left_ == 0) {
      if (pos_ >= chunk_size_) break;
      SLUICE_RETURN_NOT_OK(NextPage());
      continue;
    }
    // Without repetition levels every value starts a record.
    const uint8_t* repetition =
        repetition_levels_.empty() ? nullptr : repetition_levels_.data() + level_pos_;
    size_t take = 0;
    for (; take < page_values_left_; ++take) {
      if (repetition && repetition[take] != 0) {
        if (started == 0) return Error("a record starts with a repetition level above 0");
        continue;
      }
      if (started == records) {
        full = true;
        break;
      }
      ++started;
    }
    if (levels->definition.size() + take > kMaxPageValues) {
      return Error("records of more than " + std::to_string(kMaxPageValues) +
                   " values in one batch are not read");
    }
    size_t present = take;
    if (definition_levels_.empty()) {
      levels->definition.insert(levels->definition.end(), take, max_level);
    } else {
      const uint8_t* definition = definition_levels_.data() + level_pos_;
      levels->definition.insert(levels->definition.end(), definition, definition + take);
      present = 0;
      for (size_t i = 0; i < take; ++i) present += definition[i] == max_level;
    }
    if (repetition) {
      levels->repetition.insert(levels->repetition.end(), repetition, repetition + take);
    } else {
      levels->repetition.insert(levels->repetition.end(), take, 0);
    }
    SLUICE_RETURN_NOT_OK(values->Reserve(levels->values + present));
    SLUICE_RETURN_NOT_OK(DecodeValues(present, values, levels->values));
    levels->values += present;
    level_pos_ += take;
    page_values_left_ -= take;
  }
  if (started < records) {
    return Error("expected " + std::to_string(records) + " more records, the column chunk holds " +
                 std::to_string(started));
  }
  return Status::OK();
}

}  // namespace sluice::formats::parquet
