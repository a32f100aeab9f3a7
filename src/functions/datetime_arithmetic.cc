// Spark 3.5's resolution of + - * / over dates, timestamps and intervals
// (ResolveBinaryArithmetic): date + int (date_add), date - date and timestamp - timestamp
// (day-time intervals, CalendarIntervals under spark.sql.legacy.interval.enabled), datetime
// +- interval of each kind, a string +- interval (read as a timestamp, the result as a
// string), interval +- interval, and interval * or / a number. Interval overflow and
// division by zero are errors whatever the ANSI mode, as in Spark.
#include "functions/datetime_arithmetic.h"

#include <cmath>
#include <limits>

#include "functions/cast.h"
#include "functions/datetime_calendar.h"
#include "functions/kernel_util.h"
#include "types/civil_date.h"
#include "types/datetime_format.h"
#include "vector/value_formatter.h"

namespace sluice::functions {

using types::DivideHalfUp;
using types::Int128;
using types::Interval;
using types::IntervalField;
using types::LogicalType;
using types::TypeId;

namespace {

using Args = std::vector<const vector::Vector*>;

bool IsTimestamp(const LogicalType& t) {
  return t.id() == TypeId::kTimestamp || t.id() == TypeId::kTimestampNtz;
}
bool IsAnyInterval(const LogicalType& t) {
  return t.id() == TypeId::kInterval || t.IsAnsiInterval();
}
// What date_add takes: TINYINT, SMALLINT, INT (and an untyped NULL).
bool IsDayCount(const LogicalType& t) {
  return t.id() == TypeId::kTinyInt || t.id() == TypeId::kSmallInt || t.id() == TypeId::kInt ||
         t.id() == TypeId::kNull;
}

Status Mismatch(char op, const LogicalType& a, const LogicalType& b) {
  return Status::Invalid(std::string("[DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES] Cannot resolve ") +
                         a.ToString() + " " + op + " " + b.ToString() +
                         ": the operand types do not fit the operator.");
}

// The wider of two ANSI intervals of one kind: INTERVAL YEAR + INTERVAL MONTH is YEAR TO MONTH.
LogicalType WidenIntervals(const LogicalType& a, const LogicalType& b) {
  return LogicalType::Interval(std::min(a.interval_start(), b.interval_start()),
                               std::max(a.interval_end(), b.interval_end()));
}

const types::TimeZone& ZoneFor(const FunctionContext& ctx, const LogicalType& t) {
  static const types::TimeZone utc = types::TimeZone::Utc();
  return t.id() == TypeId::kTimestampNtz ? utc : *ctx.zone;
}

BoundScalar Bound(LogicalType result, std::vector<LogicalType> args, ScalarKernel kernel) {
  BoundScalar b;
  b.return_type = std::move(result);
  b.argument_types = std::move(args);
  b.kernel = std::move(kernel);
  return b;
}

// datetime (DATE, TIMESTAMP, TIMESTAMP_NTZ) + interval of any kind, `sign` = -1 for minus.
Result<BoundScalar> AddInterval(const LogicalType& dt, const LogicalType& iv, int sign) {
  const TypeId d = dt.id();
  if (iv.id() == TypeId::kYearMonthInterval) {
    if (d == TypeId::kDate)
      return Bound(dt, {dt, iv},
                   [sign](const FunctionContext&, const Args& in, size_t n, vector::Vector& out) {
                     return MapRows<int32_t, int32_t>(in, n, out,
                                                      [sign](int32_t days, int32_t months) {
                                                        return AddMonthsToDate(days, sign * months);
                                                      });
                   });
    return Bound(
        dt, {dt, iv},
        [sign, dt](const FunctionContext& ctx, const Args& in, size_t n, vector::Vector& out) {
          const types::TimeZone& zone = ZoneFor(ctx, dt);
          return MapRows<int64_t, int32_t>(in, n, out, [&](int64_t ts, int32_t months) {
            return zone.LocalToUtc(AddMonthsToLocal(zone.UtcToLocal(ts), sign * months));
          });
        });
  }
  if (iv.id() == TypeId::kDayTimeInterval) {
    if (d == TypeId::kDate && iv.interval_end() == IntervalField::kDay)
      return Bound(
          dt, {dt, iv},
          [sign](const FunctionContext&, const Args& in, size_t n, vector::Vector& out) {
            return MapRows<int32_t, int64_t>(in, n, out, [sign](int32_t days, int64_t micros) {
              return CheckedDays(int64_t{days} + sign * (micros / types::kMicrosPerDay));
            });
          });
    const LogicalType ts = d == TypeId::kDate ? LogicalType(TypeId::kTimestamp) : dt;
    return Bound(ts, {ts, iv},
                 [sign](const FunctionContext&, const Args& in, size_t n, vector::Vector& out) {
                   return MapRows<int64_t, int64_t>(
                       in, n, out, [sign](int64_t t, int64_t micros) -> Result<int64_t> {
                         int64_t r;
                         if (__builtin_add_overflow(t, sign * micros, &r))
                           return ArithmeticOverflow("long");
                         return r;
                       });
                 });
  }
  // CalendarInterval.
  if (d == TypeId::kDate)
    return Bound(
        dt, {dt, iv},
        [sign](const FunctionContext& ctx, const Args& in, size_t n, vector::Vector& out) {
          return MapRows<int32_t, Interval>(
              in, n, out, [&](int32_t days, Interval v) -> Result<int32_t> {
                v = {sign * v.months, sign * v.days, sign * v.micros};
                if (v.micros == 0) return AddIntervalToDate(days, v);
                // A time part: through the session zone's midnight, as Spark's DateAddInterval.
                SLUICE_ASSIGN_OR_RAISE(
                    int64_t ts,
                    AddIntervalToTimestamp(ctx.zone->LocalToUtc(days * types::kMicrosPerDay), v,
                                           *ctx.zone));
                return CheckedDays(types::FloorDiv(ctx.zone->UtcToLocal(ts), types::kMicrosPerDay));
              });
        });
  return Bound(
      dt, {dt, iv},
      [sign, dt](const FunctionContext& ctx, const Args& in, size_t n, vector::Vector& out) {
        const types::TimeZone& zone = ZoneFor(ctx, dt);
        return MapRows<int64_t, Interval>(in, n, out, [&](int64_t ts, Interval v) {
          return AddIntervalToTimestamp(ts, {sign * v.months, sign * v.days, sign * v.micros},
                                        zone);
        });
      });
}

// interval +- interval of the same kind.
Result<BoundScalar> CombineIntervals(char op, const LogicalType& a, const LogicalType& b) {
  const int sign = op == '-' ? -1 : 1;
  if (a.id() == TypeId::kInterval)
    return Bound(a, {a, a},
                 [sign](const FunctionContext&, const Args& in, size_t n, vector::Vector& out) {
                   return MapRows<Interval, Interval>(
                       in, n, out, [sign](Interval x, Interval y) -> Result<Interval> {
                         Interval r;
                         if (__builtin_add_overflow(x.months, sign * y.months, &r.months) ||
                             __builtin_add_overflow(x.days, sign * y.days, &r.days) ||
                             __builtin_add_overflow(x.micros, sign * y.micros, &r.micros))
                           return ArithmeticOverflow("integer");
                         return r;
                       });
                 });
  const LogicalType t = WidenIntervals(a, b);
  if (t.id() == TypeId::kYearMonthInterval)
    return Bound(
        t, {t, t}, [sign](const FunctionContext&, const Args& in, size_t n, vector::Vector& out) {
          return MapRows<int32_t, int32_t>(
              in, n, out, [sign](int32_t x, int32_t y) -> Result<int32_t> {
                int32_t r;
                if (sign > 0 ? __builtin_add_overflow(x, y, &r) : __builtin_sub_overflow(x, y, &r))
                  return ArithmeticOverflow("integer");
                return r;
              });
        });
  return Bound(
      t, {t, t}, [sign](const FunctionContext&, const Args& in, size_t n, vector::Vector& out) {
        return MapRows<int64_t, int64_t>(
            in, n, out, [sign](int64_t x, int64_t y) -> Result<int64_t> {
              int64_t r;
              if (sign > 0 ? __builtin_add_overflow(x, y, &r) : __builtin_sub_overflow(x, y, &r))
                return ArithmeticOverflow("long");
              return r;
            });
      });
}

// A string +- interval: the string read as a TIMESTAMP, the sum printed back (Spark casts
// around TimeAdd the same way).
Result<BoundScalar> StringPlusInterval(const LogicalType& iv, int sign) {
  SLUICE_ASSIGN_OR_RAISE(BoundScalar inner, AddInterval(TypeId::kTimestamp, iv, sign));
  ScalarKernel add = inner.kernel;
  const LogicalType ts_type = inner.return_type;
  return Bound(TypeId::kString, {TypeId::kString, iv},
               [add, iv, ts_type](const FunctionContext& ctx, const Args& in, size_t n,
                                  vector::Vector& out) -> Status {
                 SLUICE_ASSIGN_OR_RAISE(vector::Vector ts,
                                        vector::Vector::Make(TypeId::kTimestamp, n));
                 CastOptions options;
                 options.zone = ctx.zone;
                 SLUICE_RETURN_NOT_OK(CastVector(*in[0], n, ts, options));
                 SLUICE_ASSIGN_OR_RAISE(vector::Vector sum, vector::Vector::Make(ts_type, n));
                 SLUICE_RETURN_NOT_OK(add(ctx, {&ts, in[1]}, n, sum));
                 for (size_t r = 0; r < n; ++r) {
                   if (sum.IsNull(r))
                     out.SetNull(r);
                   else
                     Set<std::string>(out, r, vector::FormatValue(sum, r, *ctx.zone));
                 }
                 return Status::OK();
               });
}

// end - start for dates: a day-time interval of days, or Period.between under legacy.
Result<BoundScalar> SubtractDates(const FunctionContext& ctx) {
  const LogicalType date = TypeId::kDate;
  if (ctx.legacy_interval)
    return Bound(TypeId::kInterval, {date, date},
                 [](const FunctionContext&, const Args& in, size_t n, vector::Vector& out) {
                   return MapRows<int32_t, int32_t>(in, n, out, [](int32_t end, int32_t start) {
                     // java.time.Period.between: whole months, then the days left.
                     const types::CivilDate e = types::CivilFromDays(end),
                                            s = types::CivilFromDays(start);
                     int64_t months = (e.year - s.year) * 12 + (e.month - s.month);
                     int64_t days = e.day - s.day;
                     if (months > 0 && days < 0) {
                       --months;
                       days = end - AddMonthsToDate(start, static_cast<int32_t>(months));
                     } else if (months < 0 && days > 0) {
                       ++months;
                       days -= types::DaysInMonth(e.year, e.month);
                     }
                     return Interval{static_cast<int32_t>(months), static_cast<int32_t>(days), 0};
                   });
                 });
  const LogicalType day = LogicalType::Interval(IntervalField::kDay, IntervalField::kDay);
  return Bound(day, {date, date},
               [](const FunctionContext&, const Args& in, size_t n, vector::Vector& out) {
                 return MapRows<int32_t, int32_t>(in, n, out, [](int32_t end, int32_t start) {
                   return (int64_t{end} - start) * types::kMicrosPerDay;
                 });
               });
}

// end - start for timestamps: the difference of their wall-clock readings in the zone
// (Spark's subtractTimestamps), as DAY TO SECOND, or CalendarInterval micros under legacy.
Result<BoundScalar> SubtractTimestamps(const FunctionContext& ctx, const LogicalType& a,
                                       const LogicalType& b) {
  const LogicalType t = a.id() == TypeId::kTimestampNtz && b.id() != TypeId::kTimestamp ? a
                        : b.id() == TypeId::kTimestampNtz && a.id() != TypeId::kTimestamp
                            ? b
                            : LogicalType(TypeId::kTimestamp);
  const bool legacy = ctx.legacy_interval;
  const LogicalType result =
      legacy ? LogicalType(TypeId::kInterval)
             : LogicalType::Interval(IntervalField::kDay, IntervalField::kSecond);
  return Bound(result, {t, t},
               [t, legacy](const FunctionContext& c, const Args& in, size_t n,
                           vector::Vector& out) -> Status {
                 const types::TimeZone& zone = ZoneFor(c, t);
                 if (legacy)
                   return MapRows<int64_t, int64_t>(in, n, out, [](int64_t end, int64_t start) {
                     return Interval{0, 0, end - start};
                   });
                 return MapRows<int64_t, int64_t>(
                     in, n, out, [&](int64_t end, int64_t start) -> Result<int64_t> {
                       int64_t r;
                       if (__builtin_sub_overflow(zone.UtcToLocal(end), zone.UtcToLocal(start), &r))
                         return ArithmeticOverflow("long");
                       return r;
                     });
               });
}

// interval * number, interval / number, number * interval (`swapped`).
Result<BoundScalar> ScaleInterval(char op, const LogicalType& iv, const LogicalType& number,
                                  bool swapped) {
  LogicalType num = number;
  if (num.IsInteger())
    num = TypeId::kBigInt;
  else if (num.id() != TypeId::kDecimal)
    num = TypeId::kDouble;
  const bool ym = iv.id() == TypeId::kYearMonthInterval;
  const bool calendar = iv.id() == TypeId::kInterval;
  const int scale = num.id() == TypeId::kDecimal ? num.scale() : 0;
  const TypeId kind = num.id();
  // One component: value (op) number, rounded HALF_UP (std::round also rounds halves away
  // from zero), checked against [min, max].
  auto apply = [op, kind, scale](int64_t value, const vector::Vector& nv, size_t row, int64_t min,
                                 int64_t max, const char* type) -> Result<int64_t> {
    Int128 r;
    if (kind == TypeId::kDouble) {
      const double x = nv.data<double>()[row];
      if (op == '/' && x == 0)
        return Status::Invalid("[INTERVAL_DIVIDED_BY_ZERO] Division by zero.");
      const double d = op == '*' ? static_cast<double>(value) * x : static_cast<double>(value) / x;
      if (!(d < 0x1p63 && d >= -0x1p63)) return ArithmeticOverflow(type);
      r = static_cast<int64_t>(std::round(d));
    } else {
      const Int128 x =
          kind == TypeId::kBigInt ? Int128{nv.data<int64_t>()[row]} : Get<Int128>(nv, row);
      if (op == '/' && x == 0)
        return Status::Invalid("[INTERVAL_DIVIDED_BY_ZERO] Division by zero.");
      const Int128 unit = types::PowerOfTen(scale);
      if (__builtin_mul_overflow(Int128{value}, op == '*' ? x : unit, &r))
        return ArithmeticOverflow(type);
      r = op == '*' ? DivideHalfUp(r, unit) : DivideHalfUp(r, x);
    }
    if (r < min || r > max) return ArithmeticOverflow(type);
    return static_cast<int64_t>(r);
  };
  std::vector<LogicalType> arg_types =
      swapped ? std::vector<LogicalType>{num, iv} : std::vector<LogicalType>{iv, num};
  // A scaled ANSI interval has its kind's full range (Spark: INTERVAL '2' YEAR * 2 is
  // INTERVAL YEAR TO MONTH).
  using types::IntervalField;
  const LogicalType result =
      ym         ? LogicalType::Interval(IntervalField::kYear, IntervalField::kMonth)
      : calendar ? iv
                 : LogicalType::Interval(IntervalField::kDay, IntervalField::kSecond);
  return Bound(
      result, arg_types,
      [=](const FunctionContext&, const Args& in, size_t n, vector::Vector& out) -> Status {
        const vector::Vector& iv_in = *in[swapped ? 1 : 0];
        const vector::Vector& num_in = *in[swapped ? 0 : 1];
        for (size_t r = 0; r < n; ++r) {
          if (iv_in.IsNull(r) || num_in.IsNull(r)) {
            out.SetNull(r);
            continue;
          }
          if (ym) {
            SLUICE_ASSIGN_OR_RAISE(int64_t v, apply(iv_in.data<int32_t>()[r], num_in, r, INT32_MIN,
                                                    INT32_MAX, "integer"));
            Set<int32_t>(out, r, static_cast<int32_t>(v));
          } else if (!calendar) {
            SLUICE_ASSIGN_OR_RAISE(int64_t v, apply(iv_in.data<int64_t>()[r], num_in, r, INT64_MIN,
                                                    INT64_MAX, "long"));
            Set<int64_t>(out, r, v);
          } else {
            const Interval x = iv_in.data<Interval>()[r];
            SLUICE_ASSIGN_OR_RAISE(int64_t m,
                                   apply(x.months, num_in, r, INT32_MIN, INT32_MAX, "integer"));
            SLUICE_ASSIGN_OR_RAISE(int64_t d,
                                   apply(x.days, num_in, r, INT32_MIN, INT32_MAX, "integer"));
            SLUICE_ASSIGN_OR_RAISE(int64_t u,
                                   apply(x.micros, num_in, r, INT64_MIN, INT64_MAX, "long"));
            Set<Interval>(out, r, Interval{static_cast<int32_t>(m), static_cast<int32_t>(d), u});
          }
        }
        return Status::OK();
      });
}

// The same binding for the arguments in the other order.
BoundScalar Swapped(BoundScalar b) {
  std::swap(b.argument_types[0], b.argument_types[1]);
  b.kernel = [k = std::move(b.kernel)](const FunctionContext& ctx, const Args& in, size_t n,
                                       vector::Vector& out) {
    return k(ctx, {in[1], in[0]}, n, out);
  };
  return b;
}

Result<BoundScalar> BindAdditive(char op, const FunctionContext& ctx, LogicalType a,
                                 LogicalType b) {
  const int sign = op == '-' ? -1 : 1;
  if (IsAnyInterval(a) && IsAnyInterval(b)) {
    if (a.id() != b.id()) return Mismatch(op, a, b);
    return CombineIntervals(op, a, b);
  }
  if ((a.id() == TypeId::kDate || IsTimestamp(a)) && IsAnyInterval(b))
    return AddInterval(a, b, sign);
  if (a.id() == TypeId::kString && IsAnyInterval(b) && b.id() != TypeId::kYearMonthInterval)
    return StringPlusInterval(b, sign);
  if (a.id() == TypeId::kDate && IsDayCount(b))
    return Bound(a, {a, TypeId::kInt},
                 [sign](const FunctionContext&, const Args& in, size_t n, vector::Vector& out) {
                   return MapRows<int32_t, int32_t>(in, n, out, [sign](int32_t days, int32_t k) {
                     return CheckedDays(int64_t{days} + sign * int64_t{k});
                   });
                 });
  if (op == '-') {
    const auto date_like = [](const LogicalType& t) {
      return t.id() == TypeId::kDate || t.id() == TypeId::kString || t.id() == TypeId::kNull;
    };
    if (b.id() == TypeId::kDate && date_like(a)) return SubtractDates(ctx);
    // A string minus a timestamp is refused (Spark casts strings only against dates).
    if ((IsTimestamp(a) || IsTimestamp(b)) &&
        (IsTimestamp(a) || a.id() == TypeId::kDate || a.id() == TypeId::kNull) &&
        (IsTimestamp(b) || b.id() == TypeId::kDate || b.id() == TypeId::kNull))
      return SubtractTimestamps(ctx, a, b);
  }
  return Mismatch(op, a, b);
}

}  // namespace

Result<BoundScalar> BindDatetimeArithmetic(char op, const FunctionContext& ctx,
                                           const std::vector<BindArgument>& args) {
  LogicalType a = args[0].type, b = args[1].type;
  // An untyped NULL beside an interval is that interval.
  if (a.id() == TypeId::kNull && IsAnyInterval(b) && op != '*') a = b;
  if (b.id() == TypeId::kNull && IsAnyInterval(a))
    b = op == '*' || op == '/' ? LogicalType(TypeId::kDouble) : a;
  if (op == '*' || op == '/') {
    const bool numeric_b = b.IsNumeric() || b.id() == TypeId::kString || b.id() == TypeId::kNull;
    const bool numeric_a = a.IsNumeric() || a.id() == TypeId::kString || a.id() == TypeId::kNull;
    if (IsAnyInterval(a) && numeric_b) return ScaleInterval(op, a, b, false);
    if (op == '*' && IsAnyInterval(b) && numeric_a) return ScaleInterval(op, b, a, true);
    return Mismatch(op, args[0].type, args[1].type);
  }
  // + commutes: the datetime or the string goes first.
  const bool swap = op == '+' && ((IsAnyInterval(a) && !IsAnyInterval(b)) ||
                                  (b.id() == TypeId::kDate && IsDayCount(a)));
  if (!swap) return BindAdditive(op, ctx, a, b);
  SLUICE_ASSIGN_OR_RAISE(BoundScalar bound, BindAdditive(op, ctx, b, a));
  return Swapped(std::move(bound));
}

}  // namespace sluice::functions
