#include "formats/parquet/row_group_filter.h"

#include <cstring>

#include "formats/parquet/plain_bytes.h"
#include "types/civil_date.h"
#include "types/datetime_format.h"
#include "types/text_parsing.h"

namespace sluice::formats::parquet {

using types::TypeId;
using Scalar = RowGroupFilter::Scalar;

namespace {

// A literal or partition value, read as the column's type.
std::optional<Scalar> ParseScalar(const std::string& text, const types::LogicalType& type,
                                  const types::TimeZone& zone) {
  int64_t i = 0;
  double d = 0;
  bool b = false;
  types::Int128 dec = 0;
  types::ParsedDateTime p;
  int64_t micros = 0;
  switch (type.id()) {
    case TypeId::kBoolean:
      if (types::ParseBoolean(text, &b)) return Scalar(types::Int128(b ? 1 : 0));
      break;
    case TypeId::kTinyInt:
    case TypeId::kSmallInt:
    case TypeId::kInt:
    case TypeId::kBigInt:
      if (types::ParseInteger(text, INT64_MIN, INT64_MAX, &i)) return Scalar(types::Int128(i));
      break;
    case TypeId::kFloat:
    case TypeId::kDouble:
      if (types::ParseDouble(text, &d)) return Scalar(d);
      break;
    case TypeId::kDecimal:
      if (types::ParseDecimal(text, type.precision(), type.scale(), &dec)) return Scalar(dec);
      break;
    case TypeId::kDate:
      if (types::ParseIsoDate(text, &p)) return Scalar(types::Int128(p.ToDays()));
      break;
    case TypeId::kTimestamp:
      if (types::ParseIsoTimestamp(text, &p) && types::ToTimestamp(p, zone, &micros))
        return Scalar(types::Int128(micros));
      break;
    case TypeId::kTimestampNtz:
      if (types::ParseIsoTimestamp(text, &p) && !p.has_offset && p.ToLocalMicros(&micros)) {
        return Scalar(types::Int128(micros));
      }
      break;
    case TypeId::kString:
    case TypeId::kBinary:
      return Scalar(text);
    default:
      break;
  }
  return std::nullopt;
}

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

// Orders scalars of one kind; bytes compare unsigned, as Parquet orders them.
int Order(const Scalar& a, const Scalar& b) {
  if (std::holds_alternative<std::string>(a)) {
    int c = std::get<std::string>(a).compare(std::get<std::string>(b));
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  if (std::holds_alternative<double>(a)) {
    double x = std::get<double>(a), y = std::get<double>(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  types::Int128 x = std::get<types::Int128>(a), y = std::get<types::Int128>(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

}  // namespace

Result<RowGroupFilter> RowGroupFilter::Make(std::vector<ColumnPredicate> predicates,
                                            const types::Schema& schema,
                                            const types::TimeZone& session_time_zone) {
  RowGroupFilter f;
  f.session_time_zone_ = session_time_zone;
  for (const ColumnPredicate& p : predicates) {
    auto field = schema.FindField(p.column);
    if (!field)
      return Status::Invalid("filter on '" + p.column + "': no such column (" + schema.ToDdl() +
                             ")");
    const types::LogicalType& type = schema.field(*field).type;
    std::vector<Scalar> literals;
    const bool needs_values =
        p.op != ColumnPredicate::Op::kIsNull && p.op != ColumnPredicate::Op::kIsNotNull;
    if (needs_values && p.values.empty())
      return Status::Invalid("filter on '" + p.column + "' has no value");
    for (const std::string& text : p.values) {
      auto scalar = ParseScalar(text, type, session_time_zone);
      if (!scalar) {
        return Status::Invalid("filter on '" + p.column + "': '" + text + "' is not of type " +
                               type.ToString());
      }
      literals.push_back(*scalar);
    }
    f.types_.push_back(type);
    f.literals_.push_back(std::move(literals));
  }
  f.predicates_ = std::move(predicates);
  return f;
}

bool RowGroupFilter::Compare(size_t i, const std::optional<Scalar>& min,
                             const std::optional<Scalar>& max, bool has_nulls,
                             bool all_null) const {
  using Op = ColumnPredicate::Op;
  const Op op = predicates_[i].op;
  if (op == Op::kIsNull) return has_nulls;
  if (op == Op::kIsNotNull) return !all_null;
  if (all_null) return false;  // a comparison is never true on NULL
  if (!min || !max) return true;
  for (const Scalar& v : literals_[i]) {
    if (v.index() != min->index()) return true;  // kinds differ: nothing is proven
    bool may = false;
    switch (op) {
      case Op::kEq:
      case Op::kIn:
        may = Order(*min, v) <= 0 && Order(v, *max) <= 0;
        break;
      case Op::kLt:
        may = Order(*min, v) < 0;
        break;
      case Op::kLe:
        may = Order(*min, v) <= 0;
        break;
      case Op::kGt:
        may = Order(*max, v) > 0;
        break;
      case Op::kGe:
        may = Order(*max, v) >= 0;
        break;
      default:
        may = true;
        break;
    }
    if (may) return true;
  }
  return false;
}

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
  return Compare(i, min, max, has_nulls, all_null);
}

bool RowGroupFilter::MayMatchValue(size_t i, const std::optional<std::string>& raw) const {
  if (!raw) return Compare(i, std::nullopt, std::nullopt, true, true);
  auto value = ParseScalar(*raw, types_[i], session_time_zone_);
  if (!value) return true;
  return Compare(i, value, value, false, false);
}

}  // namespace sluice::formats::parquet
