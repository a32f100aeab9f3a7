// Placeholder implementations of cast.h and type_coercion.h until the full versions land.
#include <cmath>

#include "functions/cast.h"
#include "functions/cast_interval.h"
#include "functions/kernel_util.h"
#include "functions/type_coercion.h"
#include "types/civil_date.h"
#include "types/datetime_format.h"
#include "types/text_parsing.h"
#include "vector/value_formatter.h"
#include "vector/vector_ops.h"

namespace sluice::functions {

using types::LogicalType;
using types::TypeId;

namespace {
int Rank(TypeId id) {
  switch (id) {
    case TypeId::kTinyInt:
      return 1;
    case TypeId::kSmallInt:
      return 2;
    case TypeId::kInt:
      return 3;
    case TypeId::kBigInt:
      return 4;
    case TypeId::kFloat:
      return 6;
    case TypeId::kDouble:
      return 7;
    default:
      return 0;
  }
}
double AsDouble(const vector::Vector& v, size_t r) {
  switch (v.type().id()) {
    case TypeId::kBoolean:
      return v.data<bool>()[r];
    case TypeId::kTinyInt:
      return v.data<int8_t>()[r];
    case TypeId::kSmallInt:
      return v.data<int16_t>()[r];
    case TypeId::kInt:
      return v.data<int32_t>()[r];
    case TypeId::kBigInt:
      return static_cast<double>(v.data<int64_t>()[r]);
    case TypeId::kFloat:
      return v.data<float>()[r];
    case TypeId::kDouble:
      return v.data<double>()[r];
    case TypeId::kDecimal:
      return static_cast<double>(Get<types::Int128>(v, r)) / std::pow(10.0, v.type().scale());
    default:
      return 0;
  }
}
int64_t AsInt(const vector::Vector& v, size_t r) {
  switch (v.type().id()) {
    case TypeId::kBoolean:
      return v.data<bool>()[r];
    case TypeId::kTinyInt:
      return v.data<int8_t>()[r];
    case TypeId::kSmallInt:
      return v.data<int16_t>()[r];
    case TypeId::kInt:
      return v.data<int32_t>()[r];
    case TypeId::kBigInt:
      return v.data<int64_t>()[r];
    case TypeId::kDecimal:
      return static_cast<int64_t>(Get<types::Int128>(v, r) / types::PowerOfTen(v.type().scale()));
    default:
      return static_cast<int64_t>(AsDouble(v, r));
  }
}
}  // namespace

bool CanCast(const LogicalType&, const LogicalType&, bool) { return true; }

Status CastVector(const vector::Vector& in, size_t rows, vector::Vector& out,
                  const CastOptions& o) {
  if (IsIntervalCast(in.type(), out.type())) return CastInterval(in, rows, out, o);
  const TypeId to = out.type().id();
  for (size_t r = 0; r < rows; ++r) {
    if (in.IsNull(r) || in.type().id() == TypeId::kNull) {
      out.SetNull(r);
      continue;
    }
    if (in.type() == out.type()) {
      SLUICE_RETURN_NOT_OK(vector::CopyRow(in, r, out, r));
      continue;
    }
    if (to == TypeId::kString) {
      Set<std::string>(out, r, vector::FormatValue(in, r, *o.zone));
      continue;
    }
    if (in.type().id() == TypeId::kString &&
        (to == TypeId::kDate || to == TypeId::kTimestamp || to == TypeId::kTimestampNtz)) {
      std::string_view s = Get<std::string_view>(in, r);
      types::ParsedDateTime p;
      int64_t local;
      if (to == TypeId::kDate) {
        if (types::ParseIsoDate(s, &p) && p.ToLocalMicros(&local))
          Set<int32_t>(out, r, static_cast<int32_t>(p.ToDays()));
        else
          out.SetNull(r);
      } else if (types::ParseIsoTimestamp(s, &p) && p.ToLocalMicros(&local)) {
        int64_t utc;
        if (to == TypeId::kTimestampNtz)
          Set<int64_t>(out, r, local);
        else if (types::ToTimestamp(p, *o.zone, &utc))
          Set<int64_t>(out, r, utc);
        else
          out.SetNull(r);
      } else {
        out.SetNull(r);
      }
      continue;
    }
    {
      const TypeId from = in.type().id();
      const bool from_dt =
          from == TypeId::kDate || from == TypeId::kTimestamp || from == TypeId::kTimestampNtz;
      const bool to_dt =
          to == TypeId::kDate || to == TypeId::kTimestamp || to == TypeId::kTimestampNtz;
      if (from_dt && to_dt) {
        // Through the wall-clock reading: what the session zone shows for TIMESTAMP.
        int64_t local = from == TypeId::kDate
                            ? int64_t{in.data<int32_t>()[r]} * types::kMicrosPerDay
                        : from == TypeId::kTimestamp ? o.zone->UtcToLocal(in.data<int64_t>()[r])
                                                     : in.data<int64_t>()[r];
        if (to == TypeId::kDate)
          Set<int32_t>(out, r, static_cast<int32_t>(types::FloorDiv(local, types::kMicrosPerDay)));
        else
          Set<int64_t>(out, r, to == TypeId::kTimestamp ? o.zone->LocalToUtc(local) : local);
        continue;
      }
      if (from == TypeId::kTimestamp && (to == TypeId::kBigInt || to == TypeId::kDouble)) {
        const int64_t micros = in.data<int64_t>()[r];
        if (to == TypeId::kBigInt)
          Set<int64_t>(out, r, types::FloorDiv(micros, types::kMicrosPerSecond));
        else
          Set<double>(out, r, static_cast<double>(micros) / 1e6);
        continue;
      }
      if (in.type().IsNumeric() && to == TypeId::kTimestamp) {
        Set<int64_t>(out, r, static_cast<int64_t>(AsDouble(in, r) * 1e6));
        continue;
      }
    }
    if (in.type().id() == TypeId::kString) {
      std::string_view s = Get<std::string_view>(in, r);
      double d;
      int64_t i;
      if (to == TypeId::kDouble && types::ParseDouble(s, &d)) {
        Set<double>(out, r, d);
        continue;
      }
      if (to == TypeId::kBigInt && types::ParseInteger(s, INT64_MIN, INT64_MAX, &i)) {
        Set<int64_t>(out, r, i);
        continue;
      }
      if (to == TypeId::kInt && types::ParseInteger(s, INT32_MIN, INT32_MAX, &i)) {
        Set<int32_t>(out, r, static_cast<int32_t>(i));
        continue;
      }
      out.SetNull(r);
      continue;
    }
    switch (to) {
      case TypeId::kBoolean:
        Set<bool>(out, r, AsDouble(in, r) != 0);
        break;
      case TypeId::kTinyInt:
        Set<int8_t>(out, r, static_cast<int8_t>(AsInt(in, r)));
        break;
      case TypeId::kSmallInt:
        Set<int16_t>(out, r, static_cast<int16_t>(AsInt(in, r)));
        break;
      case TypeId::kInt:
        Set<int32_t>(out, r, static_cast<int32_t>(AsInt(in, r)));
        break;
      case TypeId::kBigInt:
        Set<int64_t>(out, r, AsInt(in, r));
        break;
      case TypeId::kFloat:
        Set<float>(out, r, static_cast<float>(AsDouble(in, r)));
        break;
      case TypeId::kDouble:
        Set<double>(out, r, AsDouble(in, r));
        break;
      case TypeId::kDecimal: {
        types::Int128 v;
        if (in.type().id() == TypeId::kDecimal) {
          v = Get<types::Int128>(in, r);
          int ds = out.type().scale() - in.type().scale();
          if (ds >= 0)
            v *= types::PowerOfTen(ds);
          else
            v /= types::PowerOfTen(-ds);
        } else if (in.type().IsInteger()) {
          v = static_cast<types::Int128>(AsInt(in, r)) * types::PowerOfTen(out.type().scale());
        } else {
          v = static_cast<types::Int128>(
              std::llround(AsDouble(in, r) * std::pow(10.0, out.type().scale())));
        }
        Set<types::Int128>(out, r, v);
        break;
      }
      default:
        out.SetNull(r);
    }
  }
  return Status::OK();
}

std::optional<LogicalType> WiderType(const LogicalType& a, const LogicalType& b) {
  if (a == b) return a;
  if (a.id() == TypeId::kNull) return b;
  if (b.id() == TypeId::kNull) return a;
  if (a.IsAnsiInterval() && a.id() == b.id())
    return LogicalType::Interval(std::min(a.interval_start(), b.interval_start()),
                                 std::max(a.interval_end(), b.interval_end()));
  if (a.id() == TypeId::kDecimal || b.id() == TypeId::kDecimal) {
    if (Rank(a.id()) >= 6 || Rank(b.id()) >= 6) return LogicalType(TypeId::kDouble);
    LogicalType x = a.id() == TypeId::kDecimal ? a : DecimalForIntegral(a.id());
    LogicalType y = b.id() == TypeId::kDecimal ? b : DecimalForIntegral(b.id());
    int s = std::max(x.scale(), y.scale());
    int whole = std::max(x.precision() - x.scale(), y.precision() - y.scale());
    return LogicalType::Decimal(std::min(38, s + whole), s);
  }
  if (Rank(a.id()) && Rank(b.id())) return Rank(a.id()) > Rank(b.id()) ? a : b;
  if (a.id() == TypeId::kString || b.id() == TypeId::kString) return LogicalType(TypeId::kString);
  return std::nullopt;
}

std::optional<LogicalType> WiderType(const std::vector<LogicalType>& types) {
  std::optional<LogicalType> t = LogicalType(TypeId::kNull);
  for (const LogicalType& x : types) {
    t = WiderType(*t, x);
    if (!t) return t;
  }
  return t;
}

std::optional<LogicalType> ComparisonType(const LogicalType& a, const LogicalType& b) {
  if ((a.id() == TypeId::kString && b.IsNumeric()) || (b.id() == TypeId::kString && a.IsNumeric()))
    return LogicalType(TypeId::kDouble);
  return WiderType(a, b);
}

LogicalType DecimalResultType(char op, const LogicalType& a, const LogicalType& b, bool) {
  int p1 = a.precision(), s1 = a.scale(), p2 = b.precision(), s2 = b.scale();
  int p, s;
  switch (op) {
    case '+':
    case '-':
      s = std::max(s1, s2);
      p = std::max(p1 - s1, p2 - s2) + s + 1;
      break;
    case '*':
      s = s1 + s2;
      p = p1 + p2 + 1;
      break;
    case '/':
      s = std::max(6, s1 + p2 + 1);
      p = p1 - s1 + s2 + s;
      break;
    default:
      s = std::max(s1, s2);
      p = std::min(p1 - s1, p2 - s2) + s;
      break;
  }
  if (p > 38) {
    int whole = p - s;
    s = std::max(38 - whole, std::min(s, 6));
    p = 38;
  }
  return LogicalType::Decimal(p, s);
}

LogicalType DecimalForIntegral(TypeId id) {
  switch (id) {
    case TypeId::kTinyInt:
      return LogicalType::Decimal(3, 0);
    case TypeId::kSmallInt:
      return LogicalType::Decimal(5, 0);
    case TypeId::kInt:
      return LogicalType::Decimal(10, 0);
    default:
      return LogicalType::Decimal(20, 0);
  }
}

}  // namespace sluice::functions
