#include "functions/cast_interval.h"

#include <limits>

#include "functions/interval_parsing.h"
#include "functions/kernel_util.h"
#include "types/civil_date.h"
#include "vector/value_formatter.h"

namespace sluice::functions {

using types::IntervalField;
using types::LogicalType;
using types::TypeId;

namespace {

constexpr int64_t kMicrosPer[] = {0,
                                  0,
                                  types::kMicrosPerDay,
                                  3600 * types::kMicrosPerSecond,
                                  60 * types::kMicrosPerSecond,
                                  types::kMicrosPerSecond};

// One unit of the type's last field, in its stored unit (months or microseconds).
int64_t UnitOf(IntervalField end) {
  if (end == IntervalField::kYear) return 12;
  if (end == IntervalField::kMonth) return 1;
  return kMicrosPer[static_cast<int>(end)];
}

int64_t ReadInteger(const vector::Vector& v, size_t row) {
  switch (v.type().id()) {
    case TypeId::kTinyInt:
      return v.data<int8_t>()[row];
    case TypeId::kSmallInt:
      return v.data<int16_t>()[row];
    case TypeId::kInt:
    case TypeId::kYearMonthInterval:
      return v.data<int32_t>()[row];
    default:
      return v.data<int64_t>()[row];
  }
}

Status WriteInteger(vector::Vector& v, size_t row, int64_t value) {
  int64_t min = std::numeric_limits<int64_t>::min(), max = std::numeric_limits<int64_t>::max();
  switch (v.type().id()) {
    case TypeId::kTinyInt:
      min = INT8_MIN, max = INT8_MAX;
      break;
    case TypeId::kSmallInt:
      min = INT16_MIN, max = INT16_MAX;
      break;
    case TypeId::kInt:
    case TypeId::kYearMonthInterval:
      min = INT32_MIN, max = INT32_MAX;
      break;
    default:
      break;
  }
  if (value < min || value > max)
    return Status::Invalid("[CAST_OVERFLOW] The value " + std::to_string(value) +
                           " cannot be cast to " + v.type().ToString() + " due to an overflow.");
  switch (v.type().id()) {
    case TypeId::kTinyInt:
      Set<int8_t>(v, row, static_cast<int8_t>(value));
      break;
    case TypeId::kSmallInt:
      Set<int16_t>(v, row, static_cast<int16_t>(value));
      break;
    case TypeId::kInt:
    case TypeId::kYearMonthInterval:
      Set<int32_t>(v, row, static_cast<int32_t>(value));
      break;
    default:
      Set<int64_t>(v, row, value);
  }
  return Status::OK();
}

// One row; the error is the row's (CastInterval turns it into NULL for TRY_CAST).
Status CastRow(const vector::Vector& in, size_t row, vector::Vector& out, const CastOptions& o) {
  const LogicalType& from = in.type();
  const LogicalType& to = out.type();
  if (to.id() == TypeId::kString) {
    Set<std::string>(out, row, vector::FormatValue(in, row, *o.zone));
    return Status::OK();
  }
  if (from.id() == TypeId::kString) {
    const std::string_view text = Get<std::string_view>(in, row);
    if (to.id() == TypeId::kInterval) {
      Result<UnitInterval> parsed = ParseUnitInterval(text);
      if (!parsed.ok()) {
        if (o.ansi) return parsed.status();
        out.SetNull(row);
        return Status::OK();
      }
      Set<types::Interval>(out, row, parsed->value);
      return Status::OK();
    }
    SLUICE_ASSIGN_OR_RAISE(int64_t value, ParseAnsiIntervalCast(text, to));
    return WriteInteger(out, row, value);
  }
  if (from.IsAnsiInterval() && to.id() == from.id()) {
    // Cut to the target's last field, toward zero.
    const int64_t v = ReadInteger(in, row);
    const int64_t unit =
        to.interval_end() == IntervalField::kSecond ? 1 : UnitOf(to.interval_end());
    return WriteInteger(out, row, v - v % unit);
  }
  if (from.IsInteger() && to.IsAnsiInterval()) {
    int64_t v;
    if (__builtin_mul_overflow(ReadInteger(in, row), UnitOf(to.interval_end()), &v))
      return Status::Invalid("[CAST_OVERFLOW] The value " + std::to_string(ReadInteger(in, row)) +
                             " cannot be cast to " + to.ToString() + " due to an overflow.");
    return WriteInteger(out, row, v);
  }
  if (from.IsAnsiInterval() && to.IsInteger())
    return WriteInteger(out, row, ReadInteger(in, row) / UnitOf(from.interval_end()));
  return Status::Invalid("[DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION] cannot cast " +
                         from.ToString() + " to " + to.ToString() + ".");
}

}  // namespace

bool ReadIntervalText(std::string_view text, vector::Vector& out, size_t row) {
  if (out.type().id() == TypeId::kInterval) {
    Result<UnitInterval> parsed = ParseUnitInterval(text);
    if (parsed.ok())
      Set<types::Interval>(out, row, parsed->value);
    else
      out.SetNull(row);
    return true;
  }
  Result<int64_t> value = ParseAnsiIntervalCast(text, out.type());
  return value.ok() && WriteInteger(out, row, *value).ok();
}

bool IsIntervalCast(const LogicalType& from, const LogicalType& to) {
  const bool from_interval = from.id() == TypeId::kInterval || from.IsAnsiInterval();
  const bool to_interval = to.id() == TypeId::kInterval || to.IsAnsiInterval();
  if (!from_interval && !to_interval) return false;
  if (from.id() == TypeId::kString || to.id() == TypeId::kString) return true;
  if (from.IsAnsiInterval() && to.id() == from.id()) return true;
  const bool single_field =
      (from_interval ? from : to).interval_start() == (from_interval ? from : to).interval_end();
  return single_field &&
         ((from.IsInteger() && to.IsAnsiInterval()) || (from.IsAnsiInterval() && to.IsInteger()));
}

Status CastInterval(const vector::Vector& in, size_t rows, vector::Vector& out,
                    const CastOptions& options) {
  for (size_t row = 0; row < rows; ++row) {
    if (in.IsNull(row) || in.type().id() == TypeId::kNull) {
      out.SetNull(row);
      continue;
    }
    Status st = CastRow(in, row, out, options);
    if (!st.ok()) {
      if (!options.try_cast) return st;
      out.SetNull(row);
    }
  }
  return Status::OK();
}

}  // namespace sluice::functions
