#include "formats/parquet/row_group_filter.h"

#include "formats/parquet/parquet_schema.h"
#include "formats/parquet/plain_bytes.h"
#include "formats/partition_value.h"
#include "formats/row_filter.h"
#include "types/civil_date.h"

namespace sluice::formats::parquet {

using Scalar = BoundPredicates::Scalar;

namespace {

using Kind = LogicalTypeAnnotation::Kind;

bool IsUnsigned(const LogicalTypeAnnotation& t) { return t.kind == Kind::kInteger && !t.is_signed; }

// A statistics value (PLAIN bytes) of a column, as a Scalar of its Sluice type.
std::optional<Scalar> StatScalar(std::string_view bytes, const SchemaElement& e) {
  const LogicalTypeAnnotation t = AnnotationOf(e).type;
  switch (e.type.value_or(PhysicalType::kByteArray)) {
    case PhysicalType::kBoolean:
      if (bytes.size() == 1) return Scalar(types::Int128(bytes[0] != 0));
      break;
    case PhysicalType::kInt32: {
      int32_t v;
      if (!LoadExactLE(bytes, &v)) break;
      return Scalar(IsUnsigned(t) ? types::Int128(static_cast<uint32_t>(v)) : types::Int128(v));
    }
    case PhysicalType::kInt64: {
      int64_t v;
      if (!LoadExactLE(bytes, &v)) break;
      if (IsUnsigned(t)) return Scalar(types::Int128(static_cast<uint64_t>(v)));
      const bool millis = t.kind == Kind::kTimestamp && t.unit == TimeUnit::kMillis;
      const bool nanos = t.kind == Kind::kTimestamp && t.unit == TimeUnit::kNanos;
      if (millis) return Scalar(types::Int128(v) * 1000);
      if (nanos) return Scalar(types::Int128(types::FloorDiv(v, 1000)));
      return Scalar(types::Int128(v));
    }
    case PhysicalType::kFloat: {
      float v;
      if (LoadExactLE(bytes, &v) && v == v) return Scalar(static_cast<double>(v));
      break;
    }
    case PhysicalType::kDouble: {
      double v;
      if (LoadExactLE(bytes, &v) && v == v) return Scalar(v);
      break;
    }
    case PhysicalType::kByteArray:
    case PhysicalType::kFixedLenByteArray:
      if (t.kind == Kind::kDecimal) {
        types::Int128 v;
        if (!BigEndianToInt128(bytes, &v)) break;
        return Scalar(v);
      }
      return Scalar(std::string(bytes));
    case PhysicalType::kInt96:
      break;  // INT96 statistics have no defined order
  }
  return std::nullopt;
}

// The range of an INT32 column annotated as an 8- or 16-bit integer.
std::optional<std::pair<int64_t, int64_t>> NarrowIntegerRange(const SchemaElement& e) {
  const LogicalTypeAnnotation t = AnnotationOf(e).type;
  const int bits = t.bit_width;
  if (e.type != PhysicalType::kInt32 || t.kind != Kind::kInteger || (bits != 8 && bits != 16)) {
    return std::nullopt;
  }
  if (!t.is_signed) return std::make_pair(int64_t{0}, (int64_t{1} << bits) - 1);
  return std::make_pair(-(int64_t{1} << (bits - 1)), (int64_t{1} << (bits - 1)) - 1);
}

}  // namespace

ChunkStatistics ChunkStatistics::Of(const SchemaElement& element, const ColumnMetaData& chunk,
                                    int64_t num_rows, bool type_defined_order) {
  const ChunkStatistics unknown;
  if (!chunk.statistics) return unknown;
  const Statistics& s = *chunk.statistics;
  // A flat column has one entry, value or NULL, per row.
  if (chunk.num_values != num_rows) return unknown;
  const bool required = element.repetition.value_or(Repetition::kRequired) == Repetition::kRequired;
  if (s.null_count &&
      (*s.null_count < 0 || *s.null_count > chunk.num_values || (required && *s.null_count > 0))) {
    return unknown;
  }
  ChunkStatistics out;
  out.has_nulls = !s.null_count || *s.null_count > 0;
  out.all_null = s.null_count && *s.null_count == chunk.num_values;
  // min_value/max_value are in the column's order when the file says so; the deprecated
  // min/max in signed order, which is the column's only for signed numbers.
  const bool numeric =
      element.type == PhysicalType::kInt32 || element.type == PhysicalType::kInt64 ||
      element.type == PhysicalType::kFloat || element.type == PhysicalType::kDouble;
  std::optional<std::string> min_bytes, max_bytes;
  if (s.min_value && s.max_value) {
    if (!type_defined_order) return out;
    min_bytes = s.min_value;
    max_bytes = s.max_value;
  } else if (s.min && s.max && numeric && !IsUnsigned(AnnotationOf(element).type)) {
    min_bytes = s.min;
    max_bytes = s.max;
  } else {
    return out;
  }
  if (out.all_null) return unknown;  // bounds of values that are not there
  auto min = StatScalar(*min_bytes, element), max = StatScalar(*max_bytes, element);
  if (!min || !max) return out;
  if (BoundPredicates::Compare(*min, *max) > 0) return unknown;
  if (auto range = NarrowIntegerRange(element)) {
    const auto lo = std::get<types::Int128>(*min), hi = std::get<types::Int128>(*max);
    if (lo < range->first || hi > range->second) return unknown;
  }
  out.min = std::move(min);
  out.max = std::move(max);
  return out;
}

bool RowGroupFilter::MayMatchValue(size_t i, const std::optional<std::string>& raw) const {
  return PartitionValueMayMatch(predicates_, i, schema_.field(predicates_.field(i)), raw,
                                session_time_zone_);
}

}  // namespace sluice::formats::parquet
