// Interval constructors (make_interval, make_dt_interval, make_ym_interval) and
// extract/date_part, which read a named field of a date, a timestamp or an interval with
// Spark 3.5's result types (INT for most, TINYINT for interval months/hours/minutes,
// DECIMAL(8,6) for seconds).
#include <cctype>

#include "functions/datetime_binding.h"
#include "functions/datetime_calendar.h"
#include "functions/function_registry.h"
#include "functions/kernel_util.h"

namespace sluice::functions {

using types::Int128;
using types::Interval;
using types::IntervalField;
using types::LogicalType;
using types::TypeId;

namespace {

using Args = std::vector<const vector::Vector*>;

const LogicalType kSeconds = LogicalType::Decimal(18, 6);

// make_interval(years, months, weeks, days, hours, mins, secs), all optional.
Result<BoundScalar> BindMakeInterval(const FunctionContext&,
                                     const std::vector<BindArgument>& args) {
  if (args.size() > 7) return WrongArgCount("make_interval", "[0, 7]", args.size());
  BoundScalar bound;
  bound.return_type = TypeId::kInterval;
  for (size_t i = 0; i < args.size(); ++i) {
    std::optional<LogicalType> t = ParamType(i == 6 ? Param::kDouble : Param::kInt, args[i].type);
    if (!t) return UnexpectedType("make_interval", i + 1, i == 6 ? "DECIMAL" : "INT", args[i].type);
    bound.argument_types.push_back(i == 6 ? kSeconds : LogicalType(TypeId::kInt));
  }
  bound.kernel = [](const FunctionContext& ctx, const Args& in, size_t n,
                    vector::Vector& out) -> Status {
    for (size_t r = 0; r < n; ++r) {
      int64_t f[6] = {0, 0, 0, 0, 0, 0};
      Int128 secs = 0;
      bool null = false;
      for (size_t i = 0; i < in.size(); ++i) {
        null |= in[i]->IsNull(r);
        if (null) break;
        if (i == 6)
          secs = Get<Int128>(*in[i], r);
        else
          f[i] = Get<int32_t>(*in[i], r);
      }
      const int64_t months = f[0] * 12 + f[1];
      const int64_t days = f[2] * 7 + f[3];
      const Int128 micros = Int128{f[4]} * kMicrosPerHour + Int128{f[5]} * kMicrosPerMinute + secs;
      if (!null && (months != static_cast<int32_t>(months) || days != static_cast<int32_t>(days) ||
                    micros != static_cast<int64_t>(micros))) {
        if (ctx.ansi) return ArithmeticOverflow("integer");
        null = true;
      }
      if (null)
        out.SetNull(r);
      else
        Set<Interval>(out, r,
                      Interval{static_cast<int32_t>(months), static_cast<int32_t>(days),
                               static_cast<int64_t>(micros)});
    }
    return Status::OK();
  };
  return bound;
}

Result<BoundScalar> BindMakeDtInterval(const FunctionContext&,
                                       const std::vector<BindArgument>& args) {
  if (args.size() > 4) return WrongArgCount("make_dt_interval", "[0, 4]", args.size());
  BoundScalar bound;
  bound.return_type = LogicalType::Interval(IntervalField::kDay, IntervalField::kSecond);
  for (size_t i = 0; i < args.size(); ++i) {
    std::optional<LogicalType> t = ParamType(i == 3 ? Param::kDouble : Param::kInt, args[i].type);
    if (!t)
      return UnexpectedType("make_dt_interval", i + 1, i == 3 ? "DECIMAL" : "INT", args[i].type);
    bound.argument_types.push_back(i == 3 ? kSeconds : LogicalType(TypeId::kInt));
  }
  bound.kernel = [](const FunctionContext&, const Args& in, size_t n,
                    vector::Vector& out) -> Status {
    static const int64_t kPer[] = {types::kMicrosPerDay, kMicrosPerHour, kMicrosPerMinute};
    for (size_t r = 0; r < n; ++r) {
      Int128 micros = 0;
      bool null = false;
      for (size_t i = 0; i < in.size() && !null; ++i) {
        null = in[i]->IsNull(r);
        if (!null)
          micros += i == 3 ? Get<Int128>(*in[i], r) : Int128{Get<int32_t>(*in[i], r)} * kPer[i];
      }
      if (null) {
        out.SetNull(r);
        continue;
      }
      if (micros != static_cast<int64_t>(micros)) return ArithmeticOverflow("long");
      Set<int64_t>(out, r, static_cast<int64_t>(micros));
    }
    return Status::OK();
  };
  return bound;
}

Result<BoundScalar> BindMakeYmInterval(const FunctionContext&,
                                       const std::vector<BindArgument>& args) {
  if (args.size() > 2) return WrongArgCount("make_ym_interval", "[0, 2]", args.size());
  BoundScalar bound;
  bound.return_type = LogicalType::Interval(IntervalField::kYear, IntervalField::kMonth);
  for (size_t i = 0; i < args.size(); ++i) {
    if (!ParamType(Param::kInt, args[i].type))
      return UnexpectedType("make_ym_interval", i + 1, "INT", args[i].type);
    bound.argument_types.push_back(TypeId::kInt);
  }
  bound.kernel = [](const FunctionContext&, const Args& in, size_t n,
                    vector::Vector& out) -> Status {
    for (size_t r = 0; r < n; ++r) {
      int64_t months = 0;
      bool null = false;
      for (size_t i = 0; i < in.size() && !null; ++i) {
        null = in[i]->IsNull(r);
        if (!null) months += int64_t{Get<int32_t>(*in[i], r)} * (i == 0 ? 12 : 1);
      }
      if (null) {
        out.SetNull(r);
        continue;
      }
      if (months != static_cast<int32_t>(months)) return ArithmeticOverflow("integer");
      Set<int32_t>(out, r, static_cast<int32_t>(months));
    }
    return Status::OK();
  };
  return bound;
}

enum class Field {
  kYear,
  kYearOfWeek,
  kQuarter,
  kMonth,
  kWeek,
  kDay,
  kDayOfWeek,
  kDayOfWeekIso,
  kDayOfYear,
  kHour,
  kMinute,
  kSecond
};

std::optional<Field> ParseField(const std::string& s) {
  static const std::pair<const char*, Field> kNames[] = {{"YEAR", Field::kYear},
                                                         {"Y", Field::kYear},
                                                         {"YEARS", Field::kYear},
                                                         {"YR", Field::kYear},
                                                         {"YRS", Field::kYear},
                                                         {"YEAROFWEEK", Field::kYearOfWeek},
                                                         {"QUARTER", Field::kQuarter},
                                                         {"QTR", Field::kQuarter},
                                                         {"MONTH", Field::kMonth},
                                                         {"MON", Field::kMonth},
                                                         {"MONS", Field::kMonth},
                                                         {"MONTHS", Field::kMonth},
                                                         {"WEEK", Field::kWeek},
                                                         {"W", Field::kWeek},
                                                         {"WEEKS", Field::kWeek},
                                                         {"DAY", Field::kDay},
                                                         {"D", Field::kDay},
                                                         {"DAYS", Field::kDay},
                                                         {"DAYOFWEEK", Field::kDayOfWeek},
                                                         {"DOW", Field::kDayOfWeek},
                                                         {"DAYOFWEEK_ISO", Field::kDayOfWeekIso},
                                                         {"DOW_ISO", Field::kDayOfWeekIso},
                                                         {"DOY", Field::kDayOfYear},
                                                         {"HOUR", Field::kHour},
                                                         {"H", Field::kHour},
                                                         {"HOURS", Field::kHour},
                                                         {"HR", Field::kHour},
                                                         {"HRS", Field::kHour},
                                                         {"MINUTE", Field::kMinute},
                                                         {"M", Field::kMinute},
                                                         {"MIN", Field::kMinute},
                                                         {"MINS", Field::kMinute},
                                                         {"MINUTES", Field::kMinute},
                                                         {"SECOND", Field::kSecond},
                                                         {"S", Field::kSecond},
                                                         {"SEC", Field::kSecond},
                                                         {"SECONDS", Field::kSecond},
                                                         {"SECS", Field::kSecond}};
  for (const auto& [name, f] : kNames)
    if (s == name) return f;
  return std::nullopt;
}

// One datetime field of a wall-clock reading; seconds as micros (DECIMAL(8,6) unscaled).
int64_t DatetimeField(Field f, int64_t local) {
  const int32_t days = LocalDays(local);
  const int64_t time = local - int64_t{days} * types::kMicrosPerDay;
  const types::CivilDate c = types::CivilFromDays(days);
  switch (f) {
    case Field::kYear:
      return c.year;
    case Field::kYearOfWeek:
      return IsoWeekYear(days);
    case Field::kQuarter:
      return (c.month - 1) / 3 + 1;
    case Field::kMonth:
      return c.month;
    case Field::kWeek:
      return IsoWeekOfYear(days);
    case Field::kDay:
      return c.day;
    case Field::kDayOfWeek:
      return (types::IsoWeekday(days) + 1) % 7 + 1;
    case Field::kDayOfWeekIso:
      return types::IsoWeekday(days) + 1;
    case Field::kDayOfYear:
      return DayOfYear(days);
    case Field::kHour:
      return time / kMicrosPerHour;
    case Field::kMinute:
      return time / kMicrosPerMinute % 60;
    case Field::kSecond:
      return time % kMicrosPerMinute;
  }
  return 0;
}

void SetTyped(vector::Vector& out, size_t row, int64_t v) {
  switch (out.type().id()) {
    case TypeId::kTinyInt:
      Set<int8_t>(out, row, static_cast<int8_t>(v));
      break;
    case TypeId::kInt:
      Set<int32_t>(out, row, static_cast<int32_t>(v));
      break;
    case TypeId::kDecimal:
      Set<Int128>(out, row, Int128{v});
      break;
    default:
      Set<int64_t>(out, row, v);
  }
}

// extract(field FROM source) and date_part('field', source).
Result<BoundScalar> BindExtract(const std::string& name, const FunctionContext&,
                                const std::vector<BindArgument>& args) {
  if (args.size() != 2) return WrongArgCount(name, "2", args.size());
  const LogicalType& source = args[1].type;
  BoundScalar bound;
  if (args[0].constant != nullptr && args[0].constant->IsNull(0)) {
    // date_part(NULL, x) is a NULL DOUBLE, as in Spark.
    bound.return_type = TypeId::kDouble;
    bound.argument_types = {args[0].type, source};
    bound.kernel = [](const FunctionContext&, const Args&, size_t n, vector::Vector& out) {
      for (size_t r = 0; r < n; ++r) out.SetNull(r);
      return Status::OK();
    };
    return bound;
  }
  std::optional<std::string> text = ConstantUpper(args[0]);
  if (!text)
    return Status::Invalid("[NON_FOLDABLE_ARGUMENT] The function `" + name +
                           "` requires the parameter `field` to be a foldable STRING.");
  std::optional<Field> field = ParseField(*text);
  const TypeId id = source.id();
  const bool ym = id == TypeId::kYearMonthInterval, dt = id == TypeId::kDayTimeInterval,
             calendar = id == TypeId::kInterval;
  auto invalid = [&] {
    return Status::Invalid("[INVALID_EXTRACT_FIELD] Cannot extract " + *text + " from " +
                           source.ToString() + ".");
  };
  if (!field) return invalid();
  const Field f = *field;
  if (ym || dt || calendar) {
    const bool ok =
        (f == Field::kYear || f == Field::kMonth) ? !dt
        : (f == Field::kDay || f == Field::kHour || f == Field::kMinute || f == Field::kSecond)
            ? !ym
            : false;
    if (!ok) return invalid();
    bound.argument_types = {TypeId::kString, source};
    bound.return_type = f == Field::kSecond ? LogicalType::Decimal(8, 6)
                        : (f == Field::kMonth || f == Field::kMinute || (f == Field::kHour && dt))
                            ? LogicalType(TypeId::kTinyInt)
                        : (f == Field::kHour && calendar) ? LogicalType(TypeId::kBigInt)
                                                          : LogicalType(TypeId::kInt);
    bound.kernel = [f, ym, dt](const FunctionContext&, const Args& in, size_t n,
                               vector::Vector& out) -> Status {
      const vector::Vector& v = *in[1];
      for (size_t r = 0; r < n; ++r) {
        if (v.IsNull(r)) {
          out.SetNull(r);
          continue;
        }
        // Months and the day-time part (days, micros) as Spark's Extract*Interval* read them.
        int64_t months = 0, days = 0, micros = 0;
        if (ym) {
          months = v.data<int32_t>()[r];
        } else if (dt) {
          micros = v.data<int64_t>()[r];
          days = micros / types::kMicrosPerDay;
          micros %= types::kMicrosPerDay;
        } else {
          const Interval iv = v.data<Interval>()[r];
          months = iv.months;
          days = iv.days;
          micros = iv.micros;
        }
        int64_t value = 0;
        switch (f) {
          case Field::kYear:
            value = months / 12;
            break;
          case Field::kMonth:
            value = months % 12;
            break;
          case Field::kDay:
            value = days;
            break;
          case Field::kHour:
            value = micros / kMicrosPerHour;
            break;
          case Field::kMinute:
            value = micros / kMicrosPerMinute % 60;
            break;
          default:
            value = micros % kMicrosPerMinute;
        }
        SetTyped(out, r, value);
      }
      return Status::OK();
    };
    return bound;
  }
  const bool date_only = id == TypeId::kDate;
  std::optional<LogicalType> t = ParamType(date_only ? Param::kDate : Param::kAnyTimestamp, source);
  if (!t) return UnexpectedType(name, 2, "(DATE or TIMESTAMP or INTERVAL)", source);
  if (date_only && (f == Field::kHour || f == Field::kMinute || f == Field::kSecond))
    t = LogicalType(TypeId::kTimestamp);
  bound.argument_types = {TypeId::kString, *t};
  bound.return_type = f == Field::kSecond ? LogicalType::Decimal(8, 6) : LogicalType(TypeId::kInt);
  bound.kernel = [f](const FunctionContext& ctx, const Args& in, size_t n,
                     vector::Vector& out) -> Status {
    const vector::Vector& v = *in[1];
    const bool date = v.type().id() == TypeId::kDate;
    for (size_t r = 0; r < n; ++r) {
      if (v.IsNull(r)) {
        out.SetNull(r);
        continue;
      }
      const int64_t local = date ? int64_t{v.data<int32_t>()[r]} * types::kMicrosPerDay
                                 : LocalMicros(ctx, v.type(), v.data<int64_t>()[r]);
      SetTyped(out, r, DatetimeField(f, local));
    }
    return Status::OK();
  };
  return bound;
}

}  // namespace

void RegisterIntervalFunctions(FunctionRegistry& r) {
  r.Add(ScalarFunction{"make_interval",
                       "make_interval([years[, months[, weeks[, days[, hours[, mins[, secs]]]]]]]) "
                       "- Make interval from years, months, weeks, days, hours, mins and secs.",
                       BindMakeInterval});
  r.Add(ScalarFunction{"make_dt_interval",
                       "make_dt_interval([days[, hours[, mins[, secs]]]]) - Make "
                       "DayTimeIntervalType duration from days, hours, mins and secs.",
                       BindMakeDtInterval});
  r.Add(ScalarFunction{
      "make_ym_interval",
      "make_ym_interval([years[, months]]) - Make year-month interval from years, months.",
      BindMakeYmInterval});
  r.Add(ScalarFunction{
      "extract",
      "extract(field FROM source) - Extracts a part of the date/timestamp or interval source.",
      [](const FunctionContext& ctx, const std::vector<BindArgument>& args) {
        return BindExtract("extract", ctx, args);
      }});
  r.Add(ScalarFunction{
      "date_part",
      "date_part(field, source) - Extracts a part of the date/timestamp or interval source.",
      [](const FunctionContext& ctx, const std::vector<BindArgument>& args) {
        return BindExtract("date_part", ctx, args);
      }});
  r.AddAlias("datepart", "date_part");
}

}  // namespace sluice::functions
