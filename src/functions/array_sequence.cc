// sequence(start, stop[, step]): integers (step 1 or -1 by default), or DATE / TIMESTAMP /
// TIMESTAMP_NTZ values stepped by an INTERVAL (1 day by default). As Spark's Sequence, the
// i-th element is start + i * step (months and days on the session zone's calendar, then
// microseconds), so month steps keep the day of month where it exists.
#include <algorithm>

#include "functions/array_builder.h"
#include "functions/function_registry.h"
#include "functions/kernel_util.h"
#include "functions/type_coercion.h"
#include "types/civil_date.h"
#include "types/interval.h"

namespace sluice::functions {

using types::LogicalType;
using types::TypeId;
using vector::Vector;

namespace {

constexpr int64_t kMicrosPerDay = 86400LL * 1000000;
// ByteArrayMethods.MAX_ROUNDED_ARRAY_LENGTH.
constexpr uint64_t kMaxElements = 2147483632;

Status TooMany(uint64_t count) {
  return Status::Invalid("[COLLECTION_SIZE_LIMIT_EXCEEDED.PARAMETER] Can't create array with " +
                         std::to_string(count) +
                         " elements which exceeding the array size limit 2147483632.");
}

Status IllegalBoundaries(const std::string& start, const std::string& stop,
                         const std::string& step) {
  return Status::Invalid("[INVALID_SEQUENCE_STEP] Illegal sequence boundaries: " + start + " to " +
                         stop + " by " + step + ".");
}

void SetInteger(Vector& v, size_t row, int64_t value) {
  switch (v.type().id()) {
    case TypeId::kTinyInt:
      return Set<int8_t>(v, row, static_cast<int8_t>(value));
    case TypeId::kSmallInt:
      return Set<int16_t>(v, row, static_cast<int16_t>(value));
    case TypeId::kInt:
      return Set<int32_t>(v, row, static_cast<int32_t>(value));
    default:
      return Set<int64_t>(v, row, value);
  }
}

Status IntegerSequence(const std::vector<const Vector*>& in, size_t r, Vector& out) {
  const int64_t start = GetIntegral(*in[0], r), stop = GetIntegral(*in[1], r);
  const int64_t step = in.size() == 3 ? GetIntegral(*in[2], r) : (start <= stop ? 1 : -1);
  if ((step > 0 && start > stop) || (step < 0 && start < stop) || (step == 0 && start != stop))
    return IllegalBoundaries(std::to_string(start), std::to_string(stop), std::to_string(step));
  const uint64_t count =
      step == 0 ? 1 : static_cast<uint64_t>((static_cast<__int128>(stop) - start) / step) + 1;
  if (count > kMaxElements) return TooMany(count);
  SLUICE_ASSIGN_OR_RAISE(uint32_t at, out.AppendListEntry(r, static_cast<uint32_t>(count)));
  out.validity().SetValid(r);
  for (uint64_t i = 0; i < count; ++i)
    SetInteger(out.children()[0], at + i, start + static_cast<int64_t>(i) * step);
  return Status::OK();
}

// days + months on the calendar, the day of month clamped to the month's length.
int64_t AddMonths(int64_t days, int64_t months) {
  const types::CivilDate d = types::CivilFromDays(days);
  const int64_t total = d.year * 12 + (d.month - 1) + months;
  const int64_t year = types::FloorDiv(total, 12);
  const int month = static_cast<int>(total - year * 12) + 1;
  return types::DaysFromCivil(year, month, std::min(d.day, types::DaysInMonth(year, month)));
}

// start + k * step for a DATE (days) or a timestamp (micros; local wall time in `zone`).
int64_t AddSteps(bool is_date, int64_t start, const types::Interval& step, int64_t k,
                 const types::TimeZone& zone) {
  if (is_date) return AddMonths(start, k * step.months) + k * step.days;
  const int64_t local = zone.UtcToLocal(start);
  const int64_t days = types::FloorDiv(local, kMicrosPerDay);
  const int64_t moved =
      (AddMonths(days, k * step.months) + k * step.days - days) * kMicrosPerDay + local;
  return zone.LocalToUtc(moved) + k * step.micros;
}

Status TemporalSequence(const FunctionContext& ctx, const std::vector<const Vector*>& in, size_t r,
                        Vector& out) {
  const TypeId id = in[0]->type().id();
  const bool is_date = id == TypeId::kDate;
  const types::TimeZone utc = types::TimeZone::Utc();
  const types::TimeZone& zone = id == TypeId::kTimestamp ? *ctx.zone : utc;
  const int64_t start = is_date ? in[0]->data<int32_t>()[r] : in[0]->data<int64_t>()[r];
  const int64_t stop = is_date ? in[1]->data<int32_t>()[r] : in[1]->data<int64_t>()[r];
  types::Interval step{0, start <= stop ? 1 : -1, 0};
  if (in.size() == 3) {
    // ANSI steps: months, or microseconds (whole days of them count as days for dates).
    const Vector& s = *in[2];
    if (s.type().id() == TypeId::kYearMonthInterval) {
      step = {s.data<int32_t>()[r], 0, 0};
    } else if (s.type().id() == TypeId::kDayTimeInterval) {
      const int64_t micros = s.data<int64_t>()[r];
      step = is_date ? types::Interval{0, static_cast<int32_t>(micros / kMicrosPerDay),
                                       micros % kMicrosPerDay}
                     : types::Interval{0, 0, micros};
    } else {
      step = s.data<types::Interval>()[r];
    }
  }
  if (is_date && step.micros != 0)
    return Status::Invalid(
        "[INVALID_PARAMETER_VALUE] sequence step must be a day interval if start and end values "
        "are dates.");
  // The step's direction, a month counted as 28 days (Spark's estimate).
  const int64_t estimate = step.micros + (step.months * 28LL + step.days) * kMicrosPerDay;
  const int64_t span = is_date ? (stop - start) * kMicrosPerDay : stop - start;
  if ((estimate > 0 && span < 0) || (estimate < 0 && span > 0) || (estimate == 0 && span != 0))
    return IllegalBoundaries(std::to_string(start), std::to_string(stop),
                             types::FormatInterval(step));
  std::vector<int64_t> values;
  for (int64_t k = 0;; ++k) {
    const int64_t v = AddSteps(is_date, start, step, k, zone);
    if (estimate >= 0 ? v > stop : v < stop) break;
    if (values.size() >= kMaxElements) return TooMany(values.size() + 1);
    values.push_back(v);
    if (estimate == 0) break;
  }
  SLUICE_ASSIGN_OR_RAISE(uint32_t at, out.AppendListEntry(r, static_cast<uint32_t>(values.size())));
  out.validity().SetValid(r);
  for (size_t i = 0; i < values.size(); ++i) {
    if (is_date)
      Set<int32_t>(out.children()[0], at + i, static_cast<int32_t>(values[i]));
    else
      Set<int64_t>(out.children()[0], at + i, values[i]);
  }
  return Status::OK();
}

bool IsTemporal(const LogicalType& t) {
  return t.id() == TypeId::kDate || t.id() == TypeId::kTimestamp || t.id() == TypeId::kTimestampNtz;
}

Result<BoundScalar> BindSequence(const FunctionContext&, const std::vector<BindArgument>& args) {
  if (args.size() < 2 || args.size() > 3) return WrongNumArgs("sequence", "[2, 3]", args.size());
  std::optional<LogicalType> common = WiderType(args[0].type, args[1].type);
  const bool temporal = common && IsTemporal(*common);
  if (!common || (!temporal && !common->IsInteger() && common->id() != TypeId::kNull))
    return UnexpectedInputType("sequence", 0, "(\"INTEGRAL\" or \"DATE\" or \"TIMESTAMP\")",
                               args[0].type);
  if (common->id() == TypeId::kNull) common = LogicalType(TypeId::kInt);
  BoundScalar b;
  b.return_type = LogicalType::Array(*common);
  b.argument_types = {*common, *common};
  if (args.size() == 3) {
    const LogicalType& step = args[2].type;
    if (temporal && step.id() != TypeId::kInterval && !step.IsAnsiInterval() &&
        step.id() != TypeId::kNull)
      return UnexpectedInputType("sequence", 2, "\"INTERVAL\"", step);
    if (!temporal && !args[2].type.IsInteger() && args[2].type.id() != TypeId::kNull)
      return UnexpectedInputType("sequence", 2, "\"INTEGRAL\"", args[2].type);
    const LogicalType step_type = step.IsAnsiInterval() ? step : LogicalType(TypeId::kInterval);
    b.argument_types.push_back(temporal ? step_type : *common);
  }
  std::vector<size_t> strict = {0, 1};
  if (args.size() == 3) strict.push_back(2);
  b.kernel =
      RowKernel(strict, [temporal](const FunctionContext& ctx, const std::vector<const Vector*>& in,
                                   size_t r, Vector& out) {
        return temporal ? TemporalSequence(ctx, in, r, out) : IntegerSequence(in, r, out);
      });
  return b;
}

}  // namespace

void RegisterArraySequence(FunctionRegistry& r) {
  r.Add({"sequence",
         "sequence(start, stop, step) - Generates an array of elements from start to stop "
         "(inclusive), incrementing by step.",
         BindSequence});
}

}  // namespace sluice::functions
