// Date and time functions of Spark 3.5 that read or move calendar fields: current_*, the
// field readers (year ... second), date_add/date_sub/add_months/datediff/months_between,
// last_day/next_day, trunc/date_trunc, make_date/make_timestamp, the epoch conversions
// (unix_date, timestamp_seconds, ...), timestampadd/timestampdiff. Non-ANSI: a value
// that does not exist (make_date(2019, 13, 1), a bad unit string) is NULL.
#include <cmath>

#include "functions/datetime_binding.h"
#include "functions/datetime_calendar.h"
#include "functions/function_registry.h"
#include "functions/kernel_util.h"
#include "types/datetime_format.h"
#include "types/text_parsing.h"

namespace sluice::functions {

using types::CivilDate;
using types::Int128;
using types::LogicalType;
using types::TypeId;

namespace {

using Args = std::vector<const vector::Vector*>;

void Add(FunctionRegistry& r, const char* name, const char* usage, std::vector<Param> params,
         LogicalType result, ScalarKernel kernel, size_t required = SIZE_MAX) {
  const size_t n = required == SIZE_MAX ? params.size() : required;
  r.Add(ScalarFunction{name, usage, FixedBinder(name, std::move(params), n, result, kernel)});
}

// A function of one DATE giving an INT.
template <typename F>
ScalarKernel DateField(F f) {
  return [f](const FunctionContext&, const Args& in, size_t n, vector::Vector& out) {
    return MapRows<int32_t>(in, n, out,
                            [&](int32_t days) { return static_cast<int32_t>(f(days)); });
  };
}

// A function of one TIMESTAMP(_NTZ)'s wall-clock reading giving an INT.
template <typename F>
ScalarKernel TimeField(F f) {
  return [f](const FunctionContext& ctx, const Args& in, size_t n, vector::Vector& out) {
    const LogicalType type = in[0]->type();
    return MapRows<int64_t>(in, n, out, [&](int64_t ts) {
      const int64_t local = LocalMicros(ctx, type, ts);
      return static_cast<int32_t>(f(local - int64_t{LocalDays(local)} * types::kMicrosPerDay));
    });
  };
}

std::optional<int> DayOfWeekCode(std::string_view text) {
  const std::string s = Upper(text);
  static const char* kDays[][3] = {{"MO", "MON", "MONDAY"},    {"TU", "TUE", "TUESDAY"},
                                   {"WE", "WED", "WEDNESDAY"}, {"TH", "THU", "THURSDAY"},
                                   {"FR", "FRI", "FRIDAY"},    {"SA", "SAT", "SATURDAY"},
                                   {"SU", "SUN", "SUNDAY"}};
  for (int d = 0; d < 7; ++d)
    for (const char* name : kDays[d])
      if (s == name) return d;
  return std::nullopt;
}

// trunc(date, fmt): the first day of the year, quarter, month or (ISO) week; nullopt for
// another format.
std::optional<int32_t> TruncDate(int32_t days, const std::string& fmt) {
  const CivilDate d = types::CivilFromDays(days);
  if (fmt == "YEAR" || fmt == "YYYY" || fmt == "YY")
    return static_cast<int32_t>(types::DaysFromCivil(d.year, 1, 1));
  if (fmt == "QUARTER")
    return static_cast<int32_t>(types::DaysFromCivil(d.year, (d.month - 1) / 3 * 3 + 1, 1));
  if (fmt == "MONTH" || fmt == "MM" || fmt == "MON")
    return static_cast<int32_t>(types::DaysFromCivil(d.year, d.month, 1));
  if (fmt == "WEEK") return days - types::IsoWeekday(days);
  return std::nullopt;
}

// date_trunc(fmt, ts) on a wall-clock reading; nullopt for an unknown format.
std::optional<int64_t> TruncLocal(int64_t local, const std::string& fmt) {
  const int64_t days = LocalDays(local);
  if (std::optional<int32_t> d = TruncDate(static_cast<int32_t>(days), fmt))
    return int64_t{*d} * types::kMicrosPerDay;
  int64_t unit = 0;
  if (fmt == "DAY" || fmt == "DD")
    unit = types::kMicrosPerDay;
  else if (fmt == "HOUR")
    unit = kMicrosPerHour;
  else if (fmt == "MINUTE")
    unit = kMicrosPerMinute;
  else if (fmt == "SECOND")
    unit = types::kMicrosPerSecond;
  else if (fmt == "MILLISECOND")
    unit = 1000;
  else if (fmt == "MICROSECOND")
    unit = 1;
  if (unit == 0) return std::nullopt;
  return types::FloorDiv(local, unit) * unit;
}

double MonthsBetween(int64_t local1, int64_t local2, bool round_off) {
  const int32_t d1 = LocalDays(local1), d2 = LocalDays(local2);
  const CivilDate c1 = types::CivilFromDays(d1), c2 = types::CivilFromDays(d2);
  const double month_diff =
      static_cast<double>((c1.year * 12 + c1.month) - (c2.year * 12 + c2.month));
  const bool last1 = c1.day == types::DaysInMonth(c1.year, c1.month);
  const bool last2 = c2.day == types::DaysInMonth(c2.year, c2.month);
  if (c1.day == c2.day || (last1 && last2)) return month_diff;
  const int64_t sec1 = (local1 - int64_t{d1} * types::kMicrosPerDay) / types::kMicrosPerSecond;
  const int64_t sec2 = (local2 - int64_t{d2} * types::kMicrosPerDay) / types::kMicrosPerSecond;
  const double seconds = static_cast<double>((c1.day - c2.day) * int64_t{86400} + sec1 - sec2);
  const double diff = month_diff + seconds / (31.0 * 86400);
  return round_off ? std::round(diff * 1e8) / 1e8 : diff;
}

// make_timestamp's fields to a wall-clock reading; seconds are DECIMAL(16,6), and 60 with
// no fraction is the next minute (as Spark allows).
std::optional<int64_t> MakeLocal(int32_t y, int32_t mo, int32_t d, int32_t h, int32_t mi,
                                 Int128 sec_micros) {
  if (sec_micros < 0 || sec_micros > 60 * types::kMicrosPerSecond) return std::nullopt;
  int extra_minute = 0;
  if (sec_micros == 60 * types::kMicrosPerSecond) {
    sec_micros = 0;
    extra_minute = 1;
  } else if (sec_micros >= 60 * types::kMicrosPerSecond) {
    return std::nullopt;
  }
  types::ParsedDateTime p;
  p.year = y;
  p.month = mo;
  p.day = d;
  p.hour = h;
  p.minute = mi;
  p.second = static_cast<int>(sec_micros / types::kMicrosPerSecond);
  p.micros = static_cast<int>(sec_micros % types::kMicrosPerSecond);
  if (h < 0 || mi < 0) return std::nullopt;
  int64_t local;
  if (!p.ToLocalMicros(&local)) return std::nullopt;
  return local + extra_minute * kMicrosPerMinute;
}

// make_timestamp(y, mo, d, h, mi, s[, zone]) for TIMESTAMP (`ntz` false) or TIMESTAMP_NTZ.
Result<BoundScalar> BindMakeTimestamp(const std::string& name, bool ntz,
                                      const std::vector<BindArgument>& args) {
  if (args.size() < 6 || args.size() > (ntz ? 6u : 7u))
    return WrongArgCount(name, ntz ? "6" : "[6, 7]", args.size());
  BoundScalar bound;
  for (size_t i = 0; i < 5; ++i) {
    std::optional<LogicalType> t = ParamType(Param::kInt, args[i].type);
    if (!t) return UnexpectedType(name, i + 1, "INT", args[i].type);
    bound.argument_types.push_back(*t);
  }
  bound.argument_types.push_back(LogicalType::Decimal(16, 6));
  if (args.size() == 7) bound.argument_types.push_back(TypeId::kString);
  bound.return_type = ntz ? TypeId::kTimestampNtz : TypeId::kTimestamp;
  bound.kernel = [ntz](const FunctionContext& ctx, const Args& in, size_t n,
                       vector::Vector& out) -> Status {
    for (size_t r = 0; r < n; ++r) {
      bool null = false;
      for (const vector::Vector* a : in) null |= a->IsNull(r);
      std::optional<int64_t> local;
      if (!null)
        local = MakeLocal(Get<int32_t>(*in[0], r), Get<int32_t>(*in[1], r), Get<int32_t>(*in[2], r),
                          Get<int32_t>(*in[3], r), Get<int32_t>(*in[4], r), Get<Int128>(*in[5], r));
      if (!local) {
        out.SetNull(r);
        continue;
      }
      if (ntz) {
        Set<int64_t>(out, r, *local);
      } else if (in.size() == 7) {
        Result<types::TimeZone> zone =
            types::TimeZone::Load(std::string(Get<std::string_view>(*in[6], r)));
        if (!zone.ok()) return zone.status();
        Set<int64_t>(out, r, zone->LocalToUtc(*local));
      } else {
        Set<int64_t>(out, r, ctx.zone->LocalToUtc(*local));
      }
    }
    return Status::OK();
  };
  return bound;
}

// Units of timestampadd/timestampdiff: micros for fixed ones, months (negative: -months
// per unit) for calendar ones, days as 0.
struct DatetimeUnit {
  enum Kind { kFixed, kDays, kMonths } kind;
  int64_t amount;
};

std::optional<DatetimeUnit> ParseDatetimeUnit(const std::string& unit) {
  if (unit == "MICROSECOND") return DatetimeUnit{DatetimeUnit::kFixed, 1};
  if (unit == "MILLISECOND") return DatetimeUnit{DatetimeUnit::kFixed, 1000};
  if (unit == "SECOND") return DatetimeUnit{DatetimeUnit::kFixed, types::kMicrosPerSecond};
  if (unit == "MINUTE") return DatetimeUnit{DatetimeUnit::kFixed, kMicrosPerMinute};
  if (unit == "HOUR") return DatetimeUnit{DatetimeUnit::kFixed, kMicrosPerHour};
  if (unit == "DAY" || unit == "DAYOFYEAR") return DatetimeUnit{DatetimeUnit::kDays, 1};
  if (unit == "WEEK") return DatetimeUnit{DatetimeUnit::kDays, 7};
  if (unit == "MONTH") return DatetimeUnit{DatetimeUnit::kMonths, 1};
  if (unit == "QUARTER") return DatetimeUnit{DatetimeUnit::kMonths, 3};
  if (unit == "YEAR") return DatetimeUnit{DatetimeUnit::kMonths, 12};
  return std::nullopt;
}

// timestampadd(unit, n, ts) / timestampdiff(unit, start, end); `args[0]` is the unit.
Result<BoundScalar> BindTimestampUnit(const std::string& name, bool diff,
                                      const std::vector<BindArgument>& args) {
  if (args.size() != 3) return WrongArgCount(name, "3", args.size());
  std::optional<std::string> unit_name = ConstantUpper(args[0]);
  std::optional<DatetimeUnit> unit = unit_name ? ParseDatetimeUnit(*unit_name) : std::nullopt;
  if (!unit)
    return Status::Invalid(
        "[INVALID_PARAMETER_VALUE.DATETIME_UNIT] The value of parameter(s) "
        "`unit` in `" +
        name + "` is invalid: " + (unit_name ? *unit_name : std::string("?")) + ".");
  BoundScalar bound;
  const DatetimeUnit u = *unit;
  if (!diff) {
    std::optional<LogicalType> n = ParamType(Param::kBigInt, args[1].type);
    std::optional<LogicalType> ts = ParamType(Param::kAnyTimestamp, args[2].type);
    if (!n) return UnexpectedType(name, 2, "BIGINT", args[1].type);
    if (!ts) return UnexpectedType(name, 3, "TIMESTAMP", args[2].type);
    bound.argument_types = {TypeId::kString, *n, *ts};
    bound.return_type = *ts;
    bound.kernel = [u](const FunctionContext& ctx, const Args& in, size_t rows,
                       vector::Vector& out) -> Status {
      const LogicalType type = in[2]->type();
      const std::vector<const vector::Vector*> rest = {in[1], in[2]};
      return MapRows<int64_t, int64_t>(
          rest, rows, out, [&](int64_t q, int64_t ts) -> Result<int64_t> {
            int64_t r;
            if (u.kind == DatetimeUnit::kFixed) {
              if (__builtin_mul_overflow(q, u.amount, &r) || __builtin_add_overflow(ts, r, &r))
                return ArithmeticOverflow("long");
              return r;
            }
            int64_t local = LocalMicros(ctx, type, ts);
            if (__builtin_mul_overflow(q, u.amount, &q)) return ArithmeticOverflow("long");
            if (u.kind == DatetimeUnit::kDays) {
              if (__builtin_mul_overflow(q, types::kMicrosPerDay, &r) ||
                  __builtin_add_overflow(local, r, &local))
                return ArithmeticOverflow("long");
            } else {
              if (q != static_cast<int32_t>(q)) return ArithmeticOverflow("integer");
              local = AddMonthsToLocal(local, static_cast<int32_t>(q));
            }
            return FromLocalMicros(ctx, type, local);
          });
    };
    return bound;
  }
  std::optional<LogicalType> a = ParamType(Param::kAnyTimestamp, args[1].type);
  std::optional<LogicalType> b = ParamType(Param::kAnyTimestamp, args[2].type);
  if (!a) return UnexpectedType(name, 2, "TIMESTAMP", args[1].type);
  if (!b) return UnexpectedType(name, 3, "TIMESTAMP", args[2].type);
  const LogicalType common = *a == *b ? *a : LogicalType(TypeId::kTimestamp);
  bound.argument_types = {TypeId::kString, common, common};
  bound.return_type = TypeId::kBigInt;
  bound.kernel = [u](const FunctionContext& ctx, const Args& in, size_t rows,
                     vector::Vector& out) -> Status {
    const LogicalType type = in[1]->type();
    const std::vector<const vector::Vector*> rest = {in[1], in[2]};
    return MapRows<int64_t, int64_t>(rest, rows, out, [&](int64_t start, int64_t end) -> int64_t {
      // Differences as 128 bits: the two ends may be far apart.
      if (u.kind == DatetimeUnit::kFixed)
        return static_cast<int64_t>((Int128{end} - start) / u.amount);
      const int64_t ls = LocalMicros(ctx, type, start), le = LocalMicros(ctx, type, end);
      if (u.kind == DatetimeUnit::kDays)
        return static_cast<int64_t>((Int128{le} - ls) / types::kMicrosPerDay / u.amount);
      // Whole months between the readings (ChronoUnit.MONTHS.between).
      const CivilDate cs = types::CivilFromDays(LocalDays(ls)),
                      ce = types::CivilFromDays(LocalDays(le));
      int64_t months = (ce.year - cs.year) * 12 + (ce.month - cs.month);
      const int64_t rest_s = ls - (LocalDays(ls) - cs.day) * types::kMicrosPerDay;
      const int64_t rest_e = le - (LocalDays(le) - ce.day) * types::kMicrosPerDay;
      if (months > 0 && rest_e < rest_s) --months;
      if (months < 0 && rest_e > rest_s) ++months;
      return months / u.amount;
    });
  };
  return bound;
}

// date_add / date_sub: a STRING day count must be a constant integer (Spark's
// SECOND_FUNCTION_ARGUMENT_NOT_INTEGER), other strings are refused.
ScalarBinder DayCountBinder(const std::string& name, ScalarKernel kernel) {
  ScalarBinder plain = FixedBinder(name, {Param::kDate, Param::kInt}, 2, TypeId::kDate, kernel);
  return [plain, name](const FunctionContext& ctx,
                       const std::vector<BindArgument>& args) -> Result<BoundScalar> {
    if (args.size() == 2 && args[1].type.id() == TypeId::kString) {
      int64_t value;
      if (args[1].constant == nullptr)
        return UnexpectedType(name, 2, "(INT or SMALLINT or TINYINT)", args[1].type);
      if (!args[1].constant->IsNull(0) &&
          !types::ParseInteger(Get<std::string_view>(*args[1].constant, 0), INT32_MIN, INT32_MAX,
                               &value))
        return Status::Invalid("[SECOND_FUNCTION_ARGUMENT_NOT_INTEGER] The second argument of `" +
                               name + "` function needs to be an integer.");
    }
    return plain(ctx, args);
  };
}

// date_add and friends with the unit syntax go to timestampadd / timestampdiff.
ScalarBinder WithUnitForm(ScalarBinder plain, const std::string& name, bool diff) {
  return [plain, name, diff](const FunctionContext& ctx,
                             const std::vector<BindArgument>& args) -> Result<BoundScalar> {
    if (args.size() == 3) return BindTimestampUnit(name, diff, args);
    return plain(ctx, args);
  };
}

}  // namespace

void RegisterDatetimeFunctions(FunctionRegistry& r) {
  using P = Param;
  const LogicalType date = TypeId::kDate, ts = TypeId::kTimestamp, i32 = TypeId::kInt,
                    i64 = TypeId::kBigInt;
  r.Add(ScalarFunction{
      "current_date", "current_date() - Returns the current date at the start of query evaluation.",
      FixedBinder("current_date", {}, 0, date,
                  [](const FunctionContext& ctx, const Args&, size_t n, vector::Vector& out) {
                    const int32_t d = LocalDays(ctx.zone->UtcToLocal(ctx.query_start_micros));
                    for (size_t i = 0; i < n; ++i) Set<int32_t>(out, i, d);
                    return Status::OK();
                  })});
  r.Add(ScalarFunction{
      "current_timestamp",
      "current_timestamp() - Returns the current timestamp at the start of query evaluation.",
      FixedBinder("current_timestamp", {}, 0, ts,
                  [](const FunctionContext& ctx, const Args&, size_t n, vector::Vector& out) {
                    for (size_t i = 0; i < n; ++i) Set<int64_t>(out, i, ctx.query_start_micros);
                    return Status::OK();
                  })});
  r.AddAlias("now", "current_timestamp");
  r.Add(ScalarFunction{
      "localtimestamp",
      "localtimestamp() - Returns the current timestamp without time zone at the start of query "
      "evaluation.",
      FixedBinder("localtimestamp", {}, 0, TypeId::kTimestampNtz,
                  [](const FunctionContext& ctx, const Args&, size_t n, vector::Vector& out) {
                    for (size_t i = 0; i < n; ++i)
                      Set<int64_t>(out, i, ctx.zone->UtcToLocal(ctx.query_start_micros));
                    return Status::OK();
                  })});

  Add(r, "year", "year(date) - Returns the year component of the date/timestamp.", {P::kDate}, i32,
      DateField([](int32_t d) { return types::CivilFromDays(d).year; }));
  Add(r, "quarter",
      "quarter(date) - Returns the quarter of the year for date, in the range 1 to 4.", {P::kDate},
      i32, DateField([](int32_t d) { return (types::CivilFromDays(d).month - 1) / 3 + 1; }));
  Add(r, "month", "month(date) - Returns the month component of the date/timestamp.", {P::kDate},
      i32, DateField([](int32_t d) { return types::CivilFromDays(d).month; }));
  Add(r, "day", "day(date) - Returns the day of month of the date/timestamp.", {P::kDate}, i32,
      DateField([](int32_t d) { return types::CivilFromDays(d).day; }));
  r.AddAlias("dayofmonth", "day");
  Add(r, "dayofweek",
      "dayofweek(date) - Returns the day of the week for date/timestamp (1 = Sunday, 2 = Monday, "
      "..., 7 = Saturday).",
      {P::kDate}, i32, DateField([](int32_t d) { return (types::IsoWeekday(d) + 1) % 7 + 1; }));
  Add(r, "weekday",
      "weekday(date) - Returns the day of the week for date/timestamp (0 = Monday, 1 = Tuesday, "
      "..., 6 = Sunday).",
      {P::kDate}, i32, DateField([](int32_t d) { return types::IsoWeekday(d); }));
  Add(r, "dayofyear", "dayofyear(date) - Returns the day of year of the date/timestamp.",
      {P::kDate}, i32, DateField(DayOfYear));
  Add(r, "weekofyear", "weekofyear(date) - Returns the week of the year of the given date.",
      {P::kDate}, i32, DateField(IsoWeekOfYear));
  Add(r, "hour", "hour(timestamp) - Returns the hour component of the string/timestamp.",
      {P::kAnyTimestamp}, i32, TimeField([](int64_t t) { return t / kMicrosPerHour; }));
  Add(r, "minute", "minute(timestamp) - Returns the minute component of the string/timestamp.",
      {P::kAnyTimestamp}, i32, TimeField([](int64_t t) { return t / kMicrosPerMinute % 60; }));
  Add(r, "second", "second(timestamp) - Returns the second component of the string/timestamp.",
      {P::kAnyTimestamp}, i32,
      TimeField([](int64_t t) { return t / types::kMicrosPerSecond % 60; }));

  auto add_days = [](int sign) -> ScalarKernel {
    return [sign](const FunctionContext&, const Args& in, size_t n, vector::Vector& out) {
      return MapRows<int32_t, int32_t>(in, n, out, [sign](int32_t d, int32_t k) {
        return CheckedDays(int64_t{d} + sign * int64_t{k});
      });
    };
  };
  r.Add(ScalarFunction{
      "date_add",
      "date_add(start_date, num_days) - Returns the date that is `num_days` after `start_date`.",
      WithUnitForm(DayCountBinder("date_add", add_days(1)), "date_add", false)});
  r.AddAlias("dateadd", "date_add");
  r.Add(ScalarFunction{
      "date_sub",
      "date_sub(start_date, num_days) - Returns the date that is `num_days` before `start_date`.",
      DayCountBinder("date_sub", add_days(-1))});
  r.Add(ScalarFunction{
      "datediff",
      "datediff(endDate, startDate) - Returns the number of days from `startDate` to `endDate`.",
      WithUnitForm(
          FixedBinder("datediff", {P::kDate, P::kDate}, 2, i32,
                      [](const FunctionContext&, const Args& in, size_t n, vector::Vector& out) {
                        return MapRows<int32_t, int32_t>(
                            in, n, out, [](int32_t e, int32_t s) { return e - s; });
                      }),
          "datediff", true)});
  r.AddAlias("date_diff", "datediff");
  r.Add(ScalarFunction{"timestampadd",
                       "timestampadd(unit, quantity, timestamp) - Adds the specified number of "
                       "units to the given timestamp.",
                       [](const FunctionContext&, const std::vector<BindArgument>& args) {
                         return BindTimestampUnit("timestampadd", false, args);
                       }});
  r.Add(ScalarFunction{"timestampdiff",
                       "timestampdiff(unit, startTimestamp, endTimestamp) - Gets the difference "
                       "between the timestamps in the specified units.",
                       [](const FunctionContext&, const std::vector<BindArgument>& args) {
                         return BindTimestampUnit("timestampdiff", true, args);
                       }});
  Add(r, "add_months",
      "add_months(start_date, num_months) - Returns the date that is `num_months` after "
      "`start_date`.",
      {P::kDate, P::kInt}, date,
      [](const FunctionContext&, const Args& in, size_t n, vector::Vector& out) {
        return MapRows<int32_t, int32_t>(in, n, out, AddMonthsToDate);
      });
  Add(
      r, "months_between",
      "months_between(timestamp1, timestamp2[, roundOff]) - Returns the number of months between "
      "the timestamps.",
      {P::kTimestamp, P::kTimestamp, P::kString}, TypeId::kDouble,
      [](const FunctionContext& ctx, const Args& in, size_t n, vector::Vector& out) -> Status {
        for (size_t r = 0; r < n; ++r) {
          bool null = in[0]->IsNull(r) || in[1]->IsNull(r) || (in.size() == 3 && in[2]->IsNull(r));
          if (null) {
            out.SetNull(r);
            continue;
          }
          const bool round_off = in.size() < 3 || Upper(Get<std::string_view>(*in[2], r)) == "TRUE";
          Set<double>(out, r,
                      MonthsBetween(ctx.zone->UtcToLocal(Get<int64_t>(*in[0], r)),
                                    ctx.zone->UtcToLocal(Get<int64_t>(*in[1], r)), round_off));
        }
        return Status::OK();
      },
      2);
  Add(r, "last_day",
      "last_day(date) - Returns the last day of the month which the date belongs to.", {P::kDate},
      date, DateField([](int32_t d) {
        const CivilDate c = types::CivilFromDays(d);
        return types::DaysFromCivil(c.year, c.month, types::DaysInMonth(c.year, c.month));
      }));
  Add(r, "next_day",
      "next_day(start_date, day_of_week) - Returns the first date which is later than `start_date` "
      "and named as indicated.",
      {P::kDate, P::kString}, date,
      [](const FunctionContext&, const Args& in, size_t n, vector::Vector& out) {
        return MapRows<int32_t, std::string_view>(in, n, out, [](int32_t d, std::string_view dow) {
          std::optional<int32_t> result;
          if (std::optional<int> target = DayOfWeekCode(dow)) {
            const int delta = (*target - types::IsoWeekday(d) + 7) % 7;
            result = d + (delta == 0 ? 7 : delta);
          }
          return result;
        });
      });
  Add(r, "trunc",
      "trunc(date, fmt) - Returns `date` with the time portion of the day truncated to the unit "
      "specified by the format model `fmt`.",
      {P::kDate, P::kString}, date,
      [](const FunctionContext&, const Args& in, size_t n, vector::Vector& out) {
        return MapRows<int32_t, std::string_view>(
            in, n, out, [](int32_t d, std::string_view f) { return TruncDate(d, Upper(f)); });
      });
  Add(r, "date_trunc",
      "date_trunc(fmt, ts) - Returns timestamp `ts` truncated to the unit specified by the format "
      "model `fmt`.",
      // Spark's TruncTimestamp takes and gives a TIMESTAMP: a TIMESTAMP_NTZ is cast first.
      {P::kString, P::kTimestamp}, ts,
      [](const FunctionContext& ctx, const Args& in, size_t n, vector::Vector& out) {
        const LogicalType type = in[1]->type();
        return MapRows<std::string_view, int64_t>(in, n, out, [&](std::string_view f, int64_t t) {
          std::optional<int64_t> local = TruncLocal(LocalMicros(ctx, type, t), Upper(f));
          return local ? std::optional<int64_t>(FromLocalMicros(ctx, type, *local)) : std::nullopt;
        });
      });
  Add(r, "make_date", "make_date(year, month, day) - Create date from year, month and day fields.",
      {P::kInt, P::kInt, P::kInt}, date,
      [](const FunctionContext&, const Args& in, size_t n, vector::Vector& out) {
        return MapRows<int32_t, int32_t, int32_t>(
            in, n, out, [](int32_t y, int32_t m, int32_t d) -> std::optional<int32_t> {
              if (m < 1 || m > 12 || d < 1 || d > types::DaysInMonth(y, m)) return std::nullopt;
              return static_cast<int32_t>(types::DaysFromCivil(y, m, d));
            });
      });
  r.Add(ScalarFunction{"make_timestamp",
                       "make_timestamp(year, month, day, hour, min, sec[, timezone]) - Create "
                       "timestamp from year, month, day, hour, min, sec and timezone fields.",
                       [](const FunctionContext&, const std::vector<BindArgument>& args) {
                         return BindMakeTimestamp("make_timestamp", false, args);
                       }});
  r.AddAlias("make_timestamp_ltz", "make_timestamp");
  r.Add(ScalarFunction{"make_timestamp_ntz",
                       "make_timestamp_ntz(year, month, day, hour, min, sec) - Create local "
                       "date-time from year, month, day, hour, min, sec fields.",
                       [](const FunctionContext&, const std::vector<BindArgument>& args) {
                         return BindMakeTimestamp("make_timestamp_ntz", true, args);
                       }});

  Add(r, "unix_date", "unix_date(date) - Returns the number of days since 1970-01-01.", {P::kDate},
      i32, DateField([](int32_t d) { return d; }));
  Add(r, "date_from_unix_date",
      "date_from_unix_date(days) - Create date from the number of days since 1970-01-01.",
      {P::kInt}, date, DateField([](int32_t d) { return d; }));
  auto to_epoch = [](int64_t per) -> ScalarKernel {
    return [per](const FunctionContext&, const Args& in, size_t n, vector::Vector& out) {
      return MapRows<int64_t>(in, n, out, [per](int64_t t) { return types::FloorDiv(t, per); });
    };
  };
  Add(r, "unix_seconds",
      "unix_seconds(timestamp) - Returns the number of seconds since 1970-01-01 00:00:00 UTC.",
      {P::kTimestamp}, i64, to_epoch(types::kMicrosPerSecond));
  Add(r, "unix_millis",
      "unix_millis(timestamp) - Returns the number of milliseconds since 1970-01-01 00:00:00 UTC.",
      {P::kTimestamp}, i64, to_epoch(1000));
  Add(r, "unix_micros",
      "unix_micros(timestamp) - Returns the number of microseconds since 1970-01-01 00:00:00 UTC.",
      {P::kTimestamp}, i64, to_epoch(1));
  auto from_epoch = [](int64_t per) -> ScalarKernel {
    return [per](const FunctionContext&, const Args& in, size_t n, vector::Vector& out) {
      return MapRows<int64_t>(in, n, out, [per](int64_t v) -> Result<int64_t> {
        int64_t r;
        if (__builtin_mul_overflow(v, per, &r)) return ArithmeticOverflow("long");
        return r;
      });
    };
  };
  Add(r, "timestamp_millis",
      "timestamp_millis(milliseconds) - Creates timestamp from the number of milliseconds since "
      "UTC epoch.",
      {P::kBigInt}, ts, from_epoch(1000));
  Add(r, "timestamp_micros",
      "timestamp_micros(microseconds) - Creates timestamp from the number of microseconds since "
      "UTC epoch.",
      {P::kBigInt}, ts, from_epoch(1));
}

}  // namespace sluice::functions
