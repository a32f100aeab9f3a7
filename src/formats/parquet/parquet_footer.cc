#include "formats/parquet/parquet_footer.h"

#include <cstring>

#include "formats/parquet/plain_bytes.h"
#include "types/civil_date.h"
#include "types/datetime_format.h"
#include "types/decimal.h"
#include "types/text_parsing.h"
#include "vector/value_formatter.h"

namespace sluice::formats::parquet {

Result<FileMetaData> ReadParquetFooter(io::RandomAccessFile& file) {
  const std::string where = "'" + file.path() + "'";
  const uint64_t size = file.size();
  if (size < 12) {
    return Status::ParseError(where + " is not a Parquet file: " + std::to_string(size) +
                              " bytes, fewer than the 12 of an empty one");
  }
  SLUICE_ASSIGN_OR_RAISE(auto head, file.Read(0, 4));
  SLUICE_ASSIGN_OR_RAISE(auto tail, file.Read(size - 8, 8));
  // Files with an encrypted footer start and end with PARE instead.
  if (head->view() == "PARE" || tail->view().substr(4) == "PARE") {
    return Status::NotImplemented(where +
                                  ": encrypted Parquet files are not supported (magic PARE: the "
                                  "footer is encrypted)");
  }
  if (head->view() != kParquetMagic) {
    return Status::ParseError(where + " is not a Parquet file: it does not start with PAR1");
  }
  if (tail->view().substr(4) != kParquetMagic) {
    return Status::ParseError(where +
                              " is not a complete Parquet file: it does not end with PAR1 "
                              "(truncated, or still being written)");
  }
  uint32_t footer_size;
  std::memcpy(&footer_size, tail->data(), 4);
  if (footer_size > size - 12) {
    return Status::ParseError(where + ": footer length " + std::to_string(footer_size) +
                              " at byte " + std::to_string(size - 8) + " exceeds the file");
  }
  const uint64_t footer_offset = size - 8 - footer_size;
  SLUICE_ASSIGN_OR_RAISE(auto footer, file.Read(footer_offset, footer_size));
  auto metadata = ParseFileMetaData(footer->view());
  if (!metadata.ok()) {
    return metadata.status().WithContext(where + ": corrupt footer (it starts at byte " +
                                         std::to_string(footer_offset) + ")");
  }
  return metadata;
}

namespace {

std::string Hex(std::string_view bytes) {
  std::string out = "0x";
  for (unsigned char c : bytes) {
    char buf[3];
    std::snprintf(buf, sizeof(buf), "%02X", c);
    out += buf;
  }
  return out;
}

}  // namespace

std::string FormatStatisticsValue(std::string_view bytes, const SchemaElement& column) {
  using Kind = LogicalTypeAnnotation::Kind;
  const LogicalTypeAnnotation& logical = column.logical_type;
  const bool is_decimal =
      logical.kind == Kind::kDecimal || column.converted_type == ConvertedType::kDecimal;
  const int scale = logical.kind == Kind::kDecimal ? logical.scale : column.scale.value_or(0);
  const bool is_date = logical.kind == Kind::kDate || column.converted_type == ConvertedType::kDate;
  const bool is_timestamp = logical.kind == Kind::kTimestamp ||
                            column.converted_type == ConvertedType::kTimestampMillis ||
                            column.converted_type == ConvertedType::kTimestampMicros;
  TimeUnit unit = logical.kind == Kind::kTimestamp                           ? logical.unit
                  : column.converted_type == ConvertedType::kTimestampMillis ? TimeUnit::kMillis
                                                                             : TimeUnit::kMicros;
  switch (column.type.value_or(PhysicalType::kByteArray)) {
    case PhysicalType::kBoolean:
      return bytes.size() == 1 ? (bytes[0] ? "true" : "false") : Hex(bytes);
    case PhysicalType::kInt32: {
      int32_t v;
      if (!LoadExactLE(bytes, &v)) return Hex(bytes);
      if (is_decimal) return types::FormatDecimal(v, scale);
      if (is_date) return types::FormatDate(v);
      if (logical.kind == Kind::kInteger && !logical.is_signed)
        return std::to_string(static_cast<uint32_t>(v));
      return std::to_string(v);
    }
    case PhysicalType::kInt64: {
      int64_t v;
      if (!LoadExactLE(bytes, &v)) return Hex(bytes);
      if (is_decimal) return types::FormatDecimal(v, scale);
      if (is_timestamp) {
        int64_t micros = unit == TimeUnit::kMillis  ? v * 1000
                         : unit == TimeUnit::kNanos ? types::FloorDiv(v, 1000)
                                                    : v;
        return types::FormatLocalTimestamp(micros);
      }
      if (logical.kind == Kind::kInteger && !logical.is_signed)
        return std::to_string(static_cast<uint64_t>(v));
      return std::to_string(v);
    }
    case PhysicalType::kFloat: {
      float v;
      return LoadExactLE(bytes, &v) ? vector::FormatJavaFloat(v) : Hex(bytes);
    }
    case PhysicalType::kDouble: {
      double v;
      return LoadExactLE(bytes, &v) ? vector::FormatJavaDouble(v) : Hex(bytes);
    }
    case PhysicalType::kByteArray:
    case PhysicalType::kFixedLenByteArray: {
      types::Int128 v;
      if (is_decimal && BigEndianToInt128(bytes, &v)) return types::FormatDecimal(v, scale);
      bool text = logical.kind == Kind::kString || logical.kind == Kind::kJson ||
                  logical.kind == Kind::kEnum || column.converted_type == ConvertedType::kUtf8;
      return text && types::IsValidUtf8(bytes) ? std::string(bytes) : Hex(bytes);
    }
    case PhysicalType::kInt96:
      break;
  }
  return Hex(bytes);
}

}  // namespace sluice::formats::parquet
