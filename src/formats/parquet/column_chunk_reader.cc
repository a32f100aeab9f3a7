#include "formats/parquet/column_chunk_reader.h"

#include <cstring>

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

}  // namespace

ColumnChunkReader::ColumnChunkReader(std::shared_ptr<const io::ByteBuffer> chunk,
                                     uint64_t chunk_offset, const LeafColumn& leaf,
                                     types::LogicalType type, CompressionCodec codec,
                                     std::string context)
    : chunk_(std::move(chunk)),
      chunk_offset_(chunk_offset),
      leaf_(leaf),
      type_(std::move(type)),
      codec_(codec),
      context_(std::move(context)) {}

Status ColumnChunkReader::Error(const std::string& what) const {
  return Status::ParseError(context_ + ", page " + std::to_string(page_index_) + " at byte " +
                            std::to_string(page_offset_) + ": " + what);
}

Result<std::shared_ptr<const io::ByteBuffer>> ColumnChunkReader::Decompress(
    std::string_view bytes, size_t uncompressed_size) {
  auto out = DecompressPage(codec_, bytes, uncompressed_size);
  if (!out.ok()) return Error(out.status().message());
  return io::MakeStringBuffer(std::move(*out));
}

Status ColumnChunkReader::NextPage() {
  std::string_view chunk = chunk_->view();
  while (true) {
    if (pos_ >= chunk.size()) return Error("the column chunk ends before its values do");
    page_offset_ = chunk_offset_ + pos_;
    size_t header_size = 0;
    auto header = ParsePageHeader(chunk.substr(pos_), &header_size);
    if (!header.ok()) return Error("corrupt page header: " + header.status().message());
    size_t body_size = static_cast<size_t>(header->compressed_page_size);
    if (body_size > chunk.size() - pos_ - header_size) {
      return Error("page of " + std::to_string(body_size) + " bytes runs past the column chunk");
    }
    std::string_view body = chunk.substr(pos_ + header_size, body_size);
    const size_t page_start = pos_;
    pos_ += header_size + body_size;
    ++page_index_;
    // Pages are decoded into buffers of their own: the raw bytes (memory-mapped for
    // large chunks) are not needed again, so their memory goes back at once.
    struct DropRaw {
      const io::ByteBuffer& chunk;
      size_t offset, length;
      ~DropRaw() { chunk.DropCache(offset, length); }
    } drop{*chunk_, page_start, pos_ - page_start};
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
  SLUICE_ASSIGN_OR_RAISE(auto page,
                         Decompress(body, static_cast<size_t>(header.uncompressed_page_size)));
  // Every value takes at least one byte (or a bit, for booleans): a larger count is corrupt.
  if (static_cast<size_t>(dict.num_values) > page->size() * 8 + 1)
    return Error("dictionary larger than its page");
  SLUICE_ASSIGN_OR_RAISE(auto vec,
                         vector::Vector::Make(type_, static_cast<size_t>(dict.num_values) + 1));
  dictionary_ = std::make_unique<vector::Vector>(std::move(vec));
  dictionary_page_ = page;
  scratch_.resize(static_cast<size_t>(dict.num_values));
  for (size_t i = 0; i < scratch_.size(); ++i) scratch_[i] = static_cast<uint32_t>(i);
  size_t consumed = 0;
  bool_bit_pos_ = 0;
  SLUICE_RETURN_NOT_OK(
      ConvertPlain(page->view(), scratch_.size(), scratch_.data(), dictionary_.get(), &consumed));
  dictionary_size_ = scratch_.size();
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
    std::string_view values = body.substr(level_bytes);
    size_t uncompressed = static_cast<size_t>(header.uncompressed_page_size) - level_bytes;
    if (h.is_compressed) {
      SLUICE_ASSIGN_OR_RAISE(page_, Decompress(values, uncompressed));
    } else {
      page_ = io::MakeStringBuffer(std::string(values));
    }
  } else {
    SLUICE_ASSIGN_OR_RAISE(page_,
                           Decompress(body, static_cast<size_t>(header.uncompressed_page_size)));
  }
  std::string_view rest = page_->view();
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
  size_t present = 0;
  for (uint32_t level : definition_levels_)
    present += level == static_cast<uint32_t>(leaf_.max_definition_level);
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
                                       size_t count, std::vector<uint32_t>* out, const char* what) {
  out->assign(count, static_cast<uint32_t>(max_level));
  if (max_level == 0) return Status::OK();
  const int width = BitWidth(static_cast<uint64_t>(max_level));
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
  for (uint32_t level : *out) {
    if (level > static_cast<uint32_t>(max_level)) {
      return Error(std::string(what) + " level " + std::to_string(level) +
                   " is over the column's " + std::to_string(max_level));
    }
  }
  return Status::OK();
}

Status ColumnChunkReader::ConvertPlain(std::string_view bytes, size_t count, const uint32_t* rows,
                                       vector::Vector* out, size_t* consumed) {
  const SchemaElement& e = *leaf_.element;
  const PhysicalType physical = *e.type;
  size_t pos = 0;
  auto need = [&](size_t n) -> Status {
    if (n > bytes.size() - pos)
      return Error("values end early (PLAIN " + PhysicalTypeName(physical) + ")");
    return Status::OK();
  };
  const TypeId target = type_.id();
  const bool wide_decimal = target == TypeId::kDecimal &&
                            type_.precision() > types::LogicalType::kMaxInt64DecimalPrecision;
  auto store_decimal = [&](size_t row, types::Int128 v) {
    if (wide_decimal) {
      out->data<types::Int128>()[row] = v;
    } else {
      out->data<int64_t>()[row] = static_cast<int64_t>(v);
    }
  };
  switch (physical) {
    case PhysicalType::kBoolean:
      for (size_t i = 0; i < count; ++i) {
        size_t byte = (bool_bit_pos_ >> 3);
        if (byte >= bytes.size()) return Error("values end early (PLAIN BOOLEAN)");
        out->data<uint8_t>()[rows[i]] =
            (static_cast<uint8_t>(bytes[byte]) >> (bool_bit_pos_ & 7)) & 1;
        ++bool_bit_pos_;
      }
      *consumed = 0;  // booleans keep their bit position across calls instead
      return Status::OK();
    case PhysicalType::kInt32:
      SLUICE_RETURN_NOT_OK(need(count * 4));
      for (size_t i = 0; i < count; ++i, pos += 4) {
        int32_t v = LoadLE<int32_t>(bytes.data() + pos);
        size_t r = rows[i];
        switch (target) {
          case TypeId::kTinyInt:
            out->data<int8_t>()[r] = static_cast<int8_t>(v);
            break;
          case TypeId::kSmallInt:
            out->data<int16_t>()[r] = static_cast<int16_t>(v);
            break;
          case TypeId::kBigInt:
            out->data<int64_t>()[r] = static_cast<uint32_t>(v);
            break;  // UINT_32
          case TypeId::kDecimal:
            store_decimal(r, v);
            break;
          default:
            out->data<int32_t>()[r] = v;
            break;  // INT, DATE
        }
      }
      break;
    case PhysicalType::kInt64: {
      SLUICE_RETURN_NOT_OK(need(count * 8));
      const LogicalTypeAnnotation t = AnnotationOf(e).type;
      const bool timestamp = t.kind == LogicalTypeAnnotation::Kind::kTimestamp;
      const bool millis = timestamp && t.unit == TimeUnit::kMillis;
      const bool nanos = timestamp && t.unit == TimeUnit::kNanos;
      for (size_t i = 0; i < count; ++i, pos += 8) {
        int64_t v = LoadLE<int64_t>(bytes.data() + pos);
        size_t r = rows[i];
        if (target == TypeId::kDecimal) {
          // UINT64 reads as DECIMAL(20,0).
          bool unsigned64 = type_.precision() == 20 && type_.scale() == 0 && wide_decimal;
          store_decimal(r, unsigned64 ? static_cast<types::Int128>(static_cast<uint64_t>(v)) : v);
        } else if (target == TypeId::kTimestamp || target == TypeId::kTimestampNtz) {
          out->data<int64_t>()[r] = millis ? v * 1000 : nanos ? types::FloorDiv(v, 1000) : v;
        } else {
          out->data<int64_t>()[r] = v;
        }
      }
      break;
    }
    case PhysicalType::kInt96:
      SLUICE_RETURN_NOT_OK(need(count * 12));
      for (size_t i = 0; i < count; ++i, pos += 12) {
        int64_t nanos_of_day = LoadLE<int64_t>(bytes.data() + pos);
        int32_t julian_day = LoadLE<int32_t>(bytes.data() + pos + 8);
        // Wraps on overflow as the Java long arithmetic of Spark's fromJulianDay does.
        uint64_t day_micros = static_cast<uint64_t>(int64_t{julian_day} - kJulianEpochDay) *
                              static_cast<uint64_t>(types::kMicrosPerDay);
        out->data<int64_t>()[rows[i]] = static_cast<int64_t>(
            day_micros + static_cast<uint64_t>(types::FloorDiv(nanos_of_day, 1000)));
      }
      break;
    case PhysicalType::kFloat:
      SLUICE_RETURN_NOT_OK(need(count * 4));
      for (size_t i = 0; i < count; ++i, pos += 4)
        out->data<float>()[rows[i]] = LoadLE<float>(bytes.data() + pos);
      break;
    case PhysicalType::kDouble:
      SLUICE_RETURN_NOT_OK(need(count * 8));
      for (size_t i = 0; i < count; ++i, pos += 8)
        out->data<double>()[rows[i]] = LoadLE<double>(bytes.data() + pos);
      break;
    case PhysicalType::kByteArray:
    case PhysicalType::kFixedLenByteArray: {
      const bool fixed = physical == PhysicalType::kFixedLenByteArray;
      const size_t fixed_length = static_cast<size_t>(e.type_length.value_or(0));
      if (fixed && fixed_length == 0) return Error("FIXED_LEN_BYTE_ARRAY without a length");
      for (size_t i = 0; i < count; ++i) {
        size_t length = fixed_length;
        if (!fixed) {
          SLUICE_RETURN_NOT_OK(need(4));
          length = LoadLE<uint32_t>(bytes.data() + pos);
          pos += 4;
        }
        SLUICE_RETURN_NOT_OK(need(length));
        std::string_view value = bytes.substr(pos, length);
        pos += length;
        if (target == TypeId::kDecimal) {
          if (length > 16)
            return Error("decimal of " + std::to_string(length) + " bytes is wider than 16");
          types::Int128 unscaled = 0;
          BigEndianToInt128(value, &unscaled);  // the length was checked just above
          store_decimal(rows[i], unscaled);
        } else {
          out->data<vector::StringRef>()[rows[i]] =
              vector::StringRef(value);  // the caller pins `bytes`
        }
      }
      break;
    }
  }
  *consumed = pos;
  return Status::OK();
}

Status ColumnChunkReader::DecodeValues(size_t count, const uint32_t* rows, vector::Vector* out) {
  if (count == 0) return Status::OK();
  if (encoding_ == Encoding::kPlain) {
    if (type_.IsStringLike()) out->heap().Pin(page_);
    size_t consumed = 0;
    SLUICE_RETURN_NOT_OK(ConvertPlain(values_, count, rows, out, &consumed));
    values_.remove_prefix(consumed);
    return Status::OK();
  }
  std::vector<uint32_t> indices(count);
  Status st = indices_->Get(indices.data(), count);
  if (!st.ok()) return Error(st.message());
  if (encoding_ == Encoding::kRle) {
    for (size_t i = 0; i < count; ++i) out->data<uint8_t>()[rows[i]] = indices[i] != 0;
    return Status::OK();
  }
  for (size_t i = 0; i < count; ++i) {
    if (indices[i] >= dictionary_size_) {
      return Error("dictionary index " + std::to_string(indices[i]) + " is past the dictionary's " +
                   std::to_string(dictionary_size_) + " values");
    }
  }
  if (type_.IsStringLike()) out->heap().Pin(dictionary_page_);
  // Typed copies: a memcpy of a run-time width would be a library call per value.
  auto gather = [&](auto value_type) {
    using T = decltype(value_type);
    const T* dictionary = dictionary_->data<T>();
    T* values = out->data<T>();
    for (size_t i = 0; i < count; ++i) values[rows[i]] = dictionary[indices[i]];
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
    case 16:  // strings and wide decimals; a constant-size memcpy is inlined
      for (size_t i = 0; i < count; ++i) {
        std::memcpy(out->data<uint8_t>() + rows[i] * 16,
                    dictionary_->data<uint8_t>() + size_t{indices[i]} * 16, 16);
      }
      break;
    default:
      return Error("no dictionary copy for values of " + std::to_string(type_.FixedWidth()) +
                   " bytes");
  }
  return Status::OK();
}

Status ColumnChunkReader::Read(size_t n, vector::Vector* out, size_t row) {
  while (n > 0) {
    if (page_values_left_ == 0) SLUICE_RETURN_NOT_OK(NextPage());
    size_t take = std::min(n, page_values_left_);
    scratch_.clear();
    const uint32_t max_level = static_cast<uint32_t>(leaf_.max_definition_level);
    for (size_t i = 0; i < take; ++i) {
      if (definition_levels_[level_pos_ + i] == max_level) {
        scratch_.push_back(static_cast<uint32_t>(row + i));
      } else {
        out->SetNull(row + i);
      }
    }
    SLUICE_RETURN_NOT_OK(DecodeValues(scratch_.size(), scratch_.data(), out));
    level_pos_ += take;
    page_values_left_ -= take;
    row += take;
    n -= take;
  }
  return Status::OK();
}

Status ColumnChunkReader::ReadRecords(size_t records, LeafLevels* levels, vector::Vector* values) {
  const uint32_t max_level = static_cast<uint32_t>(leaf_.max_definition_level);
  size_t started = 0;
  bool full = false;
  while (!full) {
    if (page_values_left_ == 0) {
      if (pos_ >= chunk_->size()) break;
      SLUICE_RETURN_NOT_OK(NextPage());
      continue;
    }
    size_t take = 0;
    for (; take < page_values_left_; ++take) {
      if (repetition_levels_[level_pos_ + take] != 0) {
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
    scratch_.clear();
    for (size_t i = level_pos_; i < level_pos_ + take; ++i) {
      levels->definition.push_back(definition_levels_[i]);
      levels->repetition.push_back(repetition_levels_[i]);
      if (definition_levels_[i] == max_level)
        scratch_.push_back(static_cast<uint32_t>(levels->values++));
    }
    SLUICE_RETURN_NOT_OK(values->Reserve(levels->values));
    SLUICE_RETURN_NOT_OK(DecodeValues(scratch_.size(), scratch_.data(), values));
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
