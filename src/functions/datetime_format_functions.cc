// Date and time functions of Spark 3.5 that read or write text or move between zones:
// to_date, to_timestamp(_ntz/_ltz), try_to_timestamp, date_format, unix_timestamp,
// to_unix_timestamp, from_unixtime, timestamp_seconds, from_utc_timestamp,
// to_utc_timestamp, convert_timezone. Patterns are Spark's (types/datetime_format); a
// constant pattern is compiled once, and a bad one is an error; text that does not match
// is NULL (non-ANSI).
#include <cctype>
#include <cmath>
#include <map>

#include "functions/datetime_binding.h"
#include "functions/datetime_calendar.h"
#include "functions/function_registry.h"
#include "functions/kernel_util.h"
#include "types/datetime_format.h"

namespace sluice::functions {

using types::DateTimeFormat;
using types::LogicalType;
using types::TypeId;

Status CheckSparkPattern(std::string_view pattern) {
  static const std::string_view kLetters = "GyqQMLEFdDHhkKmsSaVzXZOx";
  static const int kMax[] = {4, 6, 4, 4, 4, 4, 4, 1, 2, 3, 2, 2,
                             2, 2, 2, 2, 9, 1, 2, 4, 5, 5, 4, 5};
  for (size_t i = 0; i < pattern.size();) {
    const char c = pattern[i];
    if (c == '\'') {
      const size_t close = pattern.find('\'', i + 1);
      i = close == std::string_view::npos ? pattern.size() : close + 1;
      continue;
    }
    size_t run = 1;
    while (i + run < pattern.size() && pattern[i + run] == c) ++run;
    if (std::isalpha(static_cast<unsigned char>(c))) {
      const size_t k = kLetters.find(c);
      const bool bad_count = k != std::string_view::npos &&
                             (static_cast<int>(run) > kMax[k] || (c == 'V' && run != 2) ||
                              (c == 'O' && run != 1 && run != 4));
      if (k == std::string_view::npos || bad_count)
        return Status::Invalid(
            "[INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION] Spark >= 3.0 "
            "does not recognise the datetime pattern '" +
            std::string(pattern) + "'.");
    } else if (c == '{' || c == '}' || c == '#') {
      return Status::Invalid("[INVALID_DATETIME_PATTERN] Illegal pattern character '" +
                             std::string(1, c) + "' in '" + std::string(pattern) + "'.");
    }
    i += run;
  }
  return Status::OK();
}

namespace {

using Args = std::vector<const vector::Vector*>;

constexpr std::string_view kDefaultPattern = "yyyy-MM-dd HH:mm:ss";

Status BadPattern(std::string_view pattern, const Status& why) {
  return Status::Invalid("[INVALID_DATETIME_PATTERN] Unrecognized datetime pattern: " +
                         std::string(pattern) + " (" + why.message() + ").");
}

// Patterns by text: the constant one compiled at bind time, others compiled as met.
class Patterns {
 public:
  Result<const DateTimeFormat*> Get(std::string_view pattern) {
    auto it = compiled_.find(pattern);
    if (it != compiled_.end()) return &it->second;
    SLUICE_RETURN_NOT_OK(CheckSparkPattern(pattern));
    Result<DateTimeFormat> f = DateTimeFormat::Compile(pattern);
    if (!f.ok()) return BadPattern(pattern, f.status());
    return &compiled_.emplace(std::string(pattern), std::move(*f)).first->second;
  }

 private:
  std::map<std::string, DateTimeFormat, std::less<>> compiled_;
};

// Checks a constant pattern argument at bind time.
Status CheckPattern(const std::vector<BindArgument>& args, size_t index) {
  if (index >= args.size() || args[index].constant == nullptr || args[index].constant->IsNull(0) ||
      args[index].type.id() != TypeId::kString)
    return Status::OK();
  Patterns p;
  return p.Get(functions::Get<std::string_view>(*args[index].constant, 0)).status();
}

// Parses `text` with `pattern` (or Spark's lenient ISO rules when null) into `target`'s
// value: days for DATE, UTC micros for TIMESTAMP, wall-clock micros for TIMESTAMP_NTZ.
std::optional<int64_t> ParseAs(std::string_view text, const DateTimeFormat* pattern, TypeId target,
                               const types::TimeZone& zone) {
  types::ParsedDateTime p;
  const bool ok = pattern != nullptr        ? pattern->Parse(text, &p)
                  : target == TypeId::kDate ? types::ParseIsoDate(text, &p)
                                            : types::ParseIsoTimestamp(text, &p);
  int64_t local;
  if (!ok || !p.ToLocalMicros(&local)) return std::nullopt;
  if (target == TypeId::kDate) return p.ToDays();
  if (target == TypeId::kTimestampNtz) return local;
  int64_t utc;
  if (!types::ToTimestamp(p, zone, &utc)) return std::nullopt;
  return utc;
}

// to_date / to_timestamp*: strings parsed (with the pattern if given), other datetimes cast.
ScalarBinder ParseBinder(std::string name, LogicalType target) {
  return [name, target](const FunctionContext&,
                        const std::vector<BindArgument>& args) -> Result<BoundScalar> {
    if (args.empty() || args.size() > 2) return WrongArgCount(name, "[1, 2]", args.size());
    const TypeId in = args[0].type.id();
    const bool text = in == TypeId::kString;
    // Numbers are seconds since the epoch, as CAST(n AS TIMESTAMP).
    const bool number = args[0].type.IsNumeric() && target.id() != TypeId::kDate;
    if (!text && !number && in != TypeId::kDate && in != TypeId::kTimestamp &&
        in != TypeId::kTimestampNtz && in != TypeId::kNull)
      return UnexpectedType(name, 1, "(STRING or DATE or TIMESTAMP or TIMESTAMP_NTZ)",
                            args[0].type);
    SLUICE_RETURN_NOT_OK(CheckPattern(args, 1));
    BoundScalar bound;
    bound.return_type = target;
    bound.argument_types = {text ? LogicalType(TypeId::kString) : target};
    if (args.size() == 2) bound.argument_types.push_back(TypeId::kString);
    bound.kernel = [text, target](const FunctionContext& ctx, const Args& in, size_t n,
                                  vector::Vector& out) -> Status {
      Patterns patterns;
      for (size_t r = 0; r < n; ++r) {
        if (in[0]->IsNull(r) || (in.size() == 2 && in[1]->IsNull(r))) {
          out.SetNull(r);
          continue;
        }
        if (!text) {
          if (target.id() == TypeId::kDate)
            Set<int32_t>(out, r, Get<int32_t>(*in[0], r));
          else
            Set<int64_t>(out, r, Get<int64_t>(*in[0], r));
          continue;
        }
        const DateTimeFormat* pattern = nullptr;
        if (in.size() == 2) {
          SLUICE_ASSIGN_OR_RAISE(pattern, patterns.Get(Get<std::string_view>(*in[1], r)));
        }
        std::optional<int64_t> v =
            ParseAs(Get<std::string_view>(*in[0], r), pattern, target.id(), *ctx.zone);
        if (!v)
          out.SetNull(r);
        else if (target.id() == TypeId::kDate)
          Set<int32_t>(out, r, static_cast<int32_t>(*v));
        else
          Set<int64_t>(out, r, *v);
      }
      return Status::OK();
    };
    return bound;
  };
}

// unix_timestamp / to_unix_timestamp: seconds since the epoch of a string (pattern
// default yyyy-MM-dd HH:mm:ss), date or timestamp; unix_timestamp() is the query's start.
ScalarBinder UnixTimestampBinder(std::string name, bool allow_none) {
  return [name, allow_none](const FunctionContext&,
                            const std::vector<BindArgument>& args) -> Result<BoundScalar> {
    if (args.size() > 2 || (args.empty() && !allow_none))
      return WrongArgCount(name, allow_none ? "[0, 2]" : "[1, 2]", args.size());
    BoundScalar bound;
    bound.return_type = TypeId::kBigInt;
    if (args.empty()) {
      bound.kernel = [](const FunctionContext& ctx, const Args&, size_t n, vector::Vector& out) {
        for (size_t r = 0; r < n; ++r)
          Set<int64_t>(out, r, types::FloorDiv(ctx.query_start_micros, types::kMicrosPerSecond));
        return Status::OK();
      };
      return bound;
    }
    const TypeId in = args[0].type.id();
    const bool text = in == TypeId::kString;
    std::optional<LogicalType> t = ParamType(Param::kAnyTimestamp, args[0].type);
    if (!t)
      return UnexpectedType(name, 1, "(STRING or DATE or TIMESTAMP or TIMESTAMP_NTZ)",
                            args[0].type);
    SLUICE_RETURN_NOT_OK(CheckPattern(args, 1));
    bound.argument_types = {text ? LogicalType(TypeId::kString) : *t};
    if (args.size() == 2) bound.argument_types.push_back(TypeId::kString);
    bound.kernel = [text](const FunctionContext& ctx, const Args& in, size_t n,
                          vector::Vector& out) -> Status {
      Patterns patterns;
      for (size_t r = 0; r < n; ++r) {
        if (in[0]->IsNull(r) || (in.size() == 2 && in[1]->IsNull(r))) {
          out.SetNull(r);
          continue;
        }
        std::optional<int64_t> micros;
        if (text) {
          SLUICE_ASSIGN_OR_RAISE(
              const DateTimeFormat* pattern,
              patterns.Get(in.size() == 2 ? Get<std::string_view>(*in[1], r) : kDefaultPattern));
          micros =
              ParseAs(Get<std::string_view>(*in[0], r), pattern, TypeId::kTimestamp, *ctx.zone);
        } else {
          // Spark reads a TIMESTAMP_NTZ's micros as they are, with no zone.
          micros = Get<int64_t>(*in[0], r);
        }
        // Spark divides as Java does, toward zero: -0.5 s is 0.
        if (micros)
          Set<int64_t>(out, r, *micros / types::kMicrosPerSecond);
        else
          out.SetNull(r);
      }
      return Status::OK();
    };
    return bound;
  };
}

// Formats instants with a pattern, as read in the session zone.
Status FormatRows(const FunctionContext& ctx, const vector::Vector& micros,
                  const vector::Vector* pattern_arg, size_t n, vector::Vector& out) {
  Patterns patterns;
  for (size_t r = 0; r < n; ++r) {
    if (micros.IsNull(r) || (pattern_arg != nullptr && pattern_arg->IsNull(r))) {
      out.SetNull(r);
      continue;
    }
    SLUICE_ASSIGN_OR_RAISE(
        const DateTimeFormat* pattern,
        patterns.Get(pattern_arg != nullptr ? Get<std::string_view>(*pattern_arg, r)
                                            : kDefaultPattern));
    const int64_t t = Get<int64_t>(micros, r);
    Set<std::string>(out, r, pattern->FormatInstant(t, *ctx.zone));
  }
  return Status::OK();
}

// Loads a zone named in a row, keeping the last one loaded.
class ZoneCache {
 public:
  Result<const types::TimeZone*> Get(std::string_view name) {
    if (!zone_ || name != zone_->name()) {
      Result<types::TimeZone> z = types::TimeZone::Load(std::string(name));
      if (!z.ok())
        return Status::Invalid("[INVALID_TIMEZONE] The timezone: " + std::string(name) +
                               " is invalid.");
      zone_ = std::move(*z);
    }
    return &*zone_;
  }

 private:
  std::optional<types::TimeZone> zone_;
};

}  // namespace

void RegisterDatetimeFormatFunctions(FunctionRegistry& r) {
  r.Add(ScalarFunction{"to_date",
                       "to_date(date_str[, fmt]) - Parses the `date_str` expression with the `fmt` "
                       "expression to a date.",
                       ParseBinder("to_date", TypeId::kDate)});
  r.Add(ScalarFunction{"to_timestamp",
                       "to_timestamp(timestamp_str[, fmt]) - Parses the `timestamp_str` expression "
                       "with the `fmt` expression to a timestamp.",
                       ParseBinder("to_timestamp", TypeId::kTimestamp)});
  r.AddAlias("to_timestamp_ltz", "to_timestamp");
  r.AddAlias("try_to_timestamp", "to_timestamp");
  r.Add(ScalarFunction{"to_timestamp_ntz",
                       "to_timestamp_ntz(timestamp_str[, fmt]) - Parses the `timestamp_str` "
                       "expression with the `fmt` expression to a timestamp without time zone.",
                       ParseBinder("to_timestamp_ntz", TypeId::kTimestampNtz)});
  r.Add(ScalarFunction{
      "unix_timestamp",
      "unix_timestamp([timeExp[, fmt]]) - Returns the UNIX timestamp of current or specified time.",
      UnixTimestampBinder("unix_timestamp", true)});
  r.Add(ScalarFunction{
      "to_unix_timestamp",
      "to_unix_timestamp(timeExp[, fmt]) - Returns the UNIX timestamp of the given time.",
      UnixTimestampBinder("to_unix_timestamp", false)});
  r.Add(ScalarFunction{
      "date_format",
      "date_format(timestamp, fmt) - Converts `timestamp` to a value of string in the format "
      "specified by the date format `fmt`.",
      [](const FunctionContext& ctx, const std::vector<BindArgument>& args) -> Result<BoundScalar> {
        SLUICE_ASSIGN_OR_RAISE(
            BoundScalar bound,
            FixedBinder(
                // Spark's DateFormatClass takes a TIMESTAMP: a TIMESTAMP_NTZ is cast to one
                // in the session zone first (a wall time in a DST gap moves forward).
                "date_format", {Param::kTimestamp, Param::kString}, 2, TypeId::kString,
                [](const FunctionContext& c, const Args& in, size_t n, vector::Vector& out) {
                  return FormatRows(c, *in[0], in[1], n, out);
                })(ctx, args));
        SLUICE_RETURN_NOT_OK(CheckPattern(args, 1));
        return bound;
      }});
  r.Add(ScalarFunction{
      "from_unixtime",
      "from_unixtime(unix_time[, fmt]) - Returns `unix_time` in the specified `fmt`.",
      [](const FunctionContext& ctx, const std::vector<BindArgument>& args) -> Result<BoundScalar> {
        SLUICE_ASSIGN_OR_RAISE(
            BoundScalar bound,
            FixedBinder("from_unixtime", {Param::kBigInt, Param::kString}, 1, TypeId::kString,
                        [](const FunctionContext& c, const Args& in, size_t n,
                           vector::Vector& out) -> Status {
                          SLUICE_ASSIGN_OR_RAISE(vector::Vector micros,
                                                 vector::Vector::Make(TypeId::kTimestamp, n));
                          for (size_t r = 0; r < n; ++r) {
                            int64_t m;
                            if (in[0]->IsNull(r) ||
                                __builtin_mul_overflow(Get<int64_t>(*in[0], r),
                                                       types::kMicrosPerSecond, &m))
                              micros.SetNull(r);
                            else
                              Set<int64_t>(micros, r, m);
                          }
                          return FormatRows(c, micros, in.size() == 2 ? in[1] : nullptr, n, out);
                        })(ctx, args));
        SLUICE_RETURN_NOT_OK(CheckPattern(args, 1));
        return bound;
      }});
  r.Add(ScalarFunction{
      "timestamp_seconds",
      "timestamp_seconds(seconds) - Creates timestamp from the number of seconds (can be "
      "fractional) since UTC epoch.",
      [](const FunctionContext&, const std::vector<BindArgument>& args) -> Result<BoundScalar> {
        if (args.size() != 1) return WrongArgCount("timestamp_seconds", "1", args.size());
        const LogicalType& t = args[0].type;
        if (!t.IsNumeric() && t.id() != TypeId::kNull)
          return UnexpectedType("timestamp_seconds", 1, "NUMERIC", t);
        const bool integral = t.IsInteger() || t.id() == TypeId::kNull;
        BoundScalar bound;
        bound.return_type = TypeId::kTimestamp;
        bound.argument_types = {integral ? TypeId::kBigInt : TypeId::kDouble};
        if (t.id() == TypeId::kDecimal) {
          // Exact: a fraction finer than microseconds is an error, as Spark's longValueExact.
          bound.argument_types = {t};
          const int scale = t.scale();
          bound.kernel = [scale](const FunctionContext&, const Args& in, size_t n,
                                 vector::Vector& out) {
            return MapRows<types::Int128>(in, n, out, [scale](types::Int128 v) -> Result<int64_t> {
              types::Int128 micros = scale <= 6 ? v * types::PowerOfTen(6 - scale) : 0;
              if (scale > 6) {
                const types::Int128 unit = types::PowerOfTen(scale - 6);
                if (v % unit != 0)
                  return Status::Invalid("[ARITHMETIC_OVERFLOW] Rounding necessary.");
                micros = v / unit;
              }
              if (micros != static_cast<int64_t>(micros)) return ArithmeticOverflow("long");
              return static_cast<int64_t>(micros);
            });
          };
          return bound;
        }
        bound.kernel = [integral](const FunctionContext&, const Args& in, size_t n,
                                  vector::Vector& out) -> Status {
          if (integral)
            return MapRows<int64_t>(in, n, out, [](int64_t s) -> Result<int64_t> {
              int64_t m;
              if (__builtin_mul_overflow(s, types::kMicrosPerSecond, &m))
                return ArithmeticOverflow("long");
              return m;
            });
          return MapRows<double>(in, n, out, [](double s) -> std::optional<int64_t> {
            const double m = s * 1e6;
            if (!std::isfinite(m) || std::fabs(m) >= 9.2e18) return std::nullopt;
            return static_cast<int64_t>(m);
          });
        };
        return bound;
      }});
  // from_utc_timestamp: the reading of a UTC instant in `zone`; to_utc_timestamp: back.
  auto shift = [](bool from_utc) -> ScalarKernel {
    return [from_utc](const FunctionContext&, const Args& in, size_t n, vector::Vector& out) {
      ZoneCache zones;
      return MapRows<int64_t, std::string_view>(
          in, n, out, [&](int64_t t, std::string_view name) -> Result<int64_t> {
            SLUICE_ASSIGN_OR_RAISE(const types::TimeZone* zone, zones.Get(name));
            return from_utc ? zone->UtcToLocal(t) : zone->LocalToUtc(t);
          });
    };
  };
  r.Add(ScalarFunction{"from_utc_timestamp",
                       "from_utc_timestamp(timestamp, timezone) - Given a timestamp like "
                       "'2017-07-14 02:40:00.0', interprets it as a time in UTC, and renders that "
                       "time as a timestamp in the given time zone.",
                       FixedBinder("from_utc_timestamp", {Param::kTimestamp, Param::kString}, 2,
                                   TypeId::kTimestamp, shift(true))});
  r.Add(ScalarFunction{"to_utc_timestamp",
                       "to_utc_timestamp(timestamp, timezone) - Given a timestamp like '2017-07-14 "
                       "02:40:00.0', interprets it as a time in the given time zone, and renders "
                       "that time as a timestamp in UTC.",
                       FixedBinder("to_utc_timestamp", {Param::kTimestamp, Param::kString}, 2,
                                   TypeId::kTimestamp, shift(false))});
  r.Add(ScalarFunction{
      "convert_timezone",
      "convert_timezone([sourceTz, ]targetTz, sourceTs) - Converts the timestamp without time zone "
      "`sourceTs` from the `sourceTz` time zone to `targetTz`.",
      [](const FunctionContext& ctx, const std::vector<BindArgument>& args) -> Result<BoundScalar> {
        const bool two = args.size() == 2;
        std::vector<Param> params =
            two ? std::vector<Param>{Param::kString, Param::kNtz}
                : std::vector<Param>{Param::kString, Param::kString, Param::kNtz};
        return FixedBinder(
            "convert_timezone", params, params.size(), TypeId::kTimestampNtz,
            [two](const FunctionContext& c, const Args& in, size_t n,
                  vector::Vector& out) -> Status {
              ZoneCache sources, targets;
              for (size_t r = 0; r < n; ++r) {
                bool null = false;
                for (const vector::Vector* a : in) null |= a->IsNull(r);
                if (null) {
                  out.SetNull(r);
                  continue;
                }
                const types::TimeZone* source = c.zone;
                if (!two) {
                  SLUICE_ASSIGN_OR_RAISE(source, sources.Get(Get<std::string_view>(*in[0], r)));
                }
                SLUICE_ASSIGN_OR_RAISE(const types::TimeZone* target,
                                       targets.Get(Get<std::string_view>(*in[two ? 0 : 1], r)));
                Set<int64_t>(
                    out, r,
                    target->UtcToLocal(source->LocalToUtc(Get<int64_t>(*in[two ? 1 : 2], r))));
              }
              return Status::OK();
            })(ctx, args);
      }});
}

}  // namespace sluice::functions
