#include "formats/parquet/row_group_filter.h"

#include "formats/parquet/plain_bytes.h"
#include "types/civil_date.h"

namespace sluice::formats::parquet {

using Scalar = BoundPredicates::Scalar;

namespace {

// A statistics value (PLAIN bytes) of a column, as a Scalar of its Sluice type.
std::optional<Scalar> StatScalar(std::string_view bytes, const SchemaElement& e) {
  using Kind = LogicalTypeAnnotation::Kind;
  switch (e.type.value_or(PhysicalType::kByteArray)) {
    case PhysicalType::kBoolean:
      if (bytes.size() == 1) return Scalar(types::Int128(bytes[0] != 0));
      break;
    case PhysicalType::kInt32: {
      int32_t v;
      if (!LoadExactLE(bytes, &v)) break;
      const bool unsigned_int = e.logical_type.kind == Kind::kInteger && !e.logical_type.is_signed;
      return Scalar(unsigned_int ? types::Int128(static_cast<uint32_t>(v)) : types::Int128(v));
    }
    case PhysicalType::kInt64: {
      int64_t v;
      if (!LoadExactLE(bytes, &v)) break;
      const LogicalTypeAnnotation& t = e.logical_type;
      if ((t.kind == Kind::kInteger && !t.is_signed) ||
          e.converted_type == ConvertedType::kUint64) {
        return Scalar(types::Int128(static_cast<uint64_t>(v)));
      }
      bool millis = (t.kind == Kind::kTimestamp && t.unit == TimeUnit::kMillis) ||
                    e.converted_type == ConvertedType::kTimestampMillis;
      bool nanos = t.kind == Kind::kTimestamp && t.unit == TimeUnit::kNanos;
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
      if (e.logical_type.kind == Kind::kDecimal || e.converted_type == ConvertedType::kDecimal) {
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

}  // namespace

bool RowGroupFilter::MayMatch(size_t i, const SchemaElement& element,
                              const ColumnMetaData& chunk) const {
  if (!chunk.statistics) return true;
  const Statistics& s = *chunk.statistics;
  // Only the exact fields carry a defined order; the deprecated ones are signed-only.
  const auto& min_bytes = s.min_value ? s.min_value : s.min;
  const auto& max_bytes = s.max_value ? s.max_value : s.max;
  const bool trust_legacy =
      s.min_value || element.type == PhysicalType::kInt32 || element.type == PhysicalType::kInt64 ||
      element.type == PhysicalType::kFloat || element.type == PhysicalType::kDouble;
  std::optional<Scalar> min, max;
  if (min_bytes && max_bytes && trust_legacy) {
    min = StatScalar(*min_bytes, element);
    max = StatScalar(*max_bytes, element);
  }
  const bool known_nulls = s.null_count.has_value();
  const bool has_nulls = !known_nulls || *s.null_count > 0;
  const bool all_null = known_nulls && *s.null_count >= chunk.num_values;
  return predicates_.MayMatch(i, min, max, has_nulls, all_null);
}

bool RowGroupFilter::MayMatchValue(size_t i, const std::optional<std::string>& raw) const {
  if (!raw) return predicates_.Matches(i, std::nullopt);
  auto value = predicates_.Parse(i, *raw);
  return !value || predicates_.Matches(i, value);
}

}  // namespace sluice::formats::parquet
