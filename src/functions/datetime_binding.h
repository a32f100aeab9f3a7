// What the datetime function files share: argument classes (which input types a parameter
// accepts and the type it is cast to, as Spark's ImplicitCastInputTypes does), a binder
// for functions of fixed parameters, and small calendar readings of dates and timestamps.
// Pure functions: thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "functions/scalar_function.h"
#include "types/civil_date.h"
#include "types/logical_type.h"

namespace sluice::functions {

// A parameter's class: the input types it takes and what they are cast to.
enum class Param {
  kDate,          // DATE; TIMESTAMP(_NTZ) and STRING are cast to DATE
  kTimestamp,     // TIMESTAMP; DATE, STRING and TIMESTAMP_NTZ are cast to it
  kAnyTimestamp,  // TIMESTAMP or TIMESTAMP_NTZ kept; DATE and STRING become TIMESTAMP
  kNtz,           // TIMESTAMP_NTZ; DATE, STRING and TIMESTAMP are cast to it
  kInt,           // INT from TINYINT, SMALLINT, INT (and STRING)
  kBigInt,        // BIGINT from any integer (and STRING)
  kDouble,        // DOUBLE from any number (and STRING)
  kString,        // STRING from STRING (and anything castable)
};

// The type an argument of `type` is cast to for `param`, or nullopt if it does not fit.
std::optional<types::LogicalType> ParamType(Param param, const types::LogicalType& type);

// A binder for `name(params...)` returning `result` computed by `kernel`; trailing
// parameters after `required` are optional (the kernel sees only the given ones).
ScalarBinder FixedBinder(std::string name, std::vector<Param> params, size_t required,
                         types::LogicalType result, ScalarKernel kernel);

// Spark 3's rules on datetime pattern letters (DateTimeFormatterHelper): week-based and
// other unsupported letters, and more letters than a field takes, are errors.
Status CheckSparkPattern(std::string_view pattern);

// The Spark error for a wrong argument.
Status UnexpectedType(const std::string& function, size_t position, const std::string& expected,
                      const types::LogicalType& actual);
Status WrongArgCount(const std::string& function, const std::string& expected, size_t actual);

// The wall-clock reading of a TIMESTAMP (in the session zone) or TIMESTAMP_NTZ value.
int64_t LocalMicros(const FunctionContext& ctx, const types::LogicalType& type, int64_t micros);
// Back from a wall-clock reading to the type's value.
int64_t FromLocalMicros(const FunctionContext& ctx, const types::LogicalType& type, int64_t local);

// Days since the epoch of a wall-clock reading.
inline int32_t LocalDays(int64_t local_micros) {
  return static_cast<int32_t>(types::FloorDiv(local_micros, types::kMicrosPerDay));
}
// ISO-8601 week of the year (weeks start on Monday; week 1 holds January 4th).
int IsoWeekOfYear(int32_t days);
// The year that ISO week belongs to.
int64_t IsoWeekYear(int32_t days);
int DayOfYear(int32_t days);

// ASCII upper case: units, formats and day names are matched ignoring case.
std::string Upper(std::string_view text);
// The constant string argument `arg` in upper case, or nullopt if not constant or NULL.
std::optional<std::string> ConstantUpper(const BindArgument& arg);

}  // namespace sluice::functions
