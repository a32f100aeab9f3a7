#include "formats/column_predicate.h"

#include <cctype>
#include <cmath>

#include "types/datetime_format.h"
#include "types/text_parsing.h"

namespace sluice::formats {

using types::TypeId;
using Scalar = BoundPredicates::Scalar;
using Op = ColumnPredicate::Op;

namespace {

// A literal, read as the column's type.
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

// Orders scalars of one kind; bytes compare unsigned, as Parquet orders them.
int Order(const Scalar& a, const Scalar& b) {
  if (std::holds_alternative<std::string>(a)) {
    int c = std::get<std::string>(a).compare(std::get<std::string>(b));
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  if (std::holds_alternative<double>(a)) {
    // NaN is above every number and equal to itself, as in Spark.
    double x = std::get<double>(a), y = std::get<double>(b);
    if (std::isnan(x) || std::isnan(y)) return std::isnan(x) - std::isnan(y);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  types::Int128 x = std::get<types::Int128>(a), y = std::get<types::Int128>(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

}  // namespace

Result<BoundPredicates> BoundPredicates::Make(std::vector<ColumnPredicate> predicates,
                                              const types::Schema& schema,
                                              const types::TimeZone& session_time_zone,
                                              bool case_sensitive) {
  BoundPredicates f;
  for (const ColumnPredicate& p : predicates) {
    auto field = schema.FindField(p.column, case_sensitive);
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
    f.fields_.push_back(*field);
    f.literals_.push_back(std::move(literals));
  }
  f.predicates_ = std::move(predicates);
  return f;
}

int BoundPredicates::Compare(const Scalar& a, const Scalar& b) { return Order(a, b); }

bool BoundPredicates::MayMatch(size_t i, const std::optional<Scalar>& min,
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

}  // namespace sluice::formats
