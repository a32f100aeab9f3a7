#include "functions/datetime_binding.h"

#include <cctype>

#include "functions/kernel_util.h"

namespace sluice::functions {

using types::LogicalType;
using types::TypeId;

std::optional<LogicalType> ParamType(Param param, const LogicalType& type) {
  const TypeId id = type.id();
  const bool datetime = id == TypeId::kDate || id == TypeId::kTimestamp ||
                        id == TypeId::kTimestampNtz || id == TypeId::kString || id == TypeId::kNull;
  switch (param) {
    case Param::kDate:
      if (datetime) return LogicalType(TypeId::kDate);
      break;
    case Param::kTimestamp:
      if (datetime) return LogicalType(TypeId::kTimestamp);
      break;
    case Param::kAnyTimestamp:
      if (id == TypeId::kTimestampNtz) return type;
      if (datetime) return LogicalType(TypeId::kTimestamp);
      break;
    case Param::kNtz:
      if (datetime) return LogicalType(TypeId::kTimestampNtz);
      break;
    case Param::kInt:
      if (id == TypeId::kTinyInt || id == TypeId::kSmallInt || id == TypeId::kInt ||
          id == TypeId::kString || id == TypeId::kNull)
        return LogicalType(TypeId::kInt);
      break;
    case Param::kBigInt:
      if (type.IsInteger() || id == TypeId::kString || id == TypeId::kNull)
        return LogicalType(TypeId::kBigInt);
      break;
    case Param::kDouble:
      if (type.IsNumeric() || id == TypeId::kString || id == TypeId::kNull)
        return LogicalType(TypeId::kDouble);
      break;
    case Param::kString:
      if (!type.IsNested() && id != TypeId::kBinary) return LogicalType(TypeId::kString);
      break;
  }
  return std::nullopt;
}

namespace {
const char* ParamName(Param p) {
  switch (p) {
    case Param::kDate:
      return "DATE";
    case Param::kTimestamp:
    case Param::kAnyTimestamp:
      return "TIMESTAMP";
    case Param::kNtz:
      return "TIMESTAMP_NTZ";
    case Param::kInt:
      return "(INT or SMALLINT or TINYINT)";
    case Param::kBigInt:
      return "BIGINT";
    case Param::kDouble:
      return "NUMERIC";
    case Param::kString:
      return "STRING";
  }
  return "?";
}
}  // namespace

Status UnexpectedType(const std::string& function, size_t position, const std::string& expected,
                      const LogicalType& actual) {
  return Status::Invalid("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve " + function +
                         " due to data type mismatch: parameter " + std::to_string(position) +
                         " requires " + expected + " type, however it has type " +
                         actual.ToString() + ".");
}

Status WrongArgCount(const std::string& function, const std::string& expected, size_t actual) {
  return Status::Invalid("[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `" + function + "` requires " +
                         expected + " parameters but the actual number is " +
                         std::to_string(actual) + ".");
}

ScalarBinder FixedBinder(std::string name, std::vector<Param> params, size_t required,
                         LogicalType result, ScalarKernel kernel) {
  return [=](const FunctionContext&, const std::vector<BindArgument>& args) -> Result<BoundScalar> {
    if (args.size() < required || args.size() > params.size())
      return WrongArgCount(name,
                           required == params.size() ? std::to_string(required)
                                                     : "[" + std::to_string(required) + ", " +
                                                           std::to_string(params.size()) + "]",
                           args.size());
    BoundScalar bound;
    bound.return_type = result;
    for (size_t i = 0; i < args.size(); ++i) {
      std::optional<LogicalType> t = ParamType(params[i], args[i].type);
      if (!t) return UnexpectedType(name, i + 1, ParamName(params[i]), args[i].type);
      bound.argument_types.push_back(*t);
    }
    // A kAnyTimestamp result follows the argument (TIMESTAMP_NTZ in, TIMESTAMP_NTZ out).
    if (result.id() == TypeId::kTimestamp) {
      for (size_t i = 0; i < args.size(); ++i)
        if (params[i] == Param::kAnyTimestamp) bound.return_type = bound.argument_types[i];
    }
    bound.kernel = kernel;
    return bound;
  };
}

int64_t LocalMicros(const FunctionContext& ctx, const LogicalType& type, int64_t micros) {
  return type.id() == TypeId::kTimestampNtz ? micros : ctx.zone->UtcToLocal(micros);
}

int64_t FromLocalMicros(const FunctionContext& ctx, const LogicalType& type, int64_t local) {
  return type.id() == TypeId::kTimestampNtz ? local : ctx.zone->LocalToUtc(local);
}

int DayOfYear(int32_t days) {
  const types::CivilDate d = types::CivilFromDays(days);
  return static_cast<int>(days - types::DaysFromCivil(d.year, 1, 1)) + 1;
}

int64_t IsoWeekYear(int32_t days) {
  // The ISO year is the year of the week's Thursday.
  return types::CivilFromDays(days - types::IsoWeekday(days) + 3).year;
}

int IsoWeekOfYear(int32_t days) {
  const int64_t thursday = days - types::IsoWeekday(days) + 3;
  const int64_t year = types::CivilFromDays(thursday).year;
  return static_cast<int>((thursday - types::DaysFromCivil(year, 1, 1)) / 7) + 1;
}

std::string Upper(std::string_view text) {
  std::string s(text);
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::optional<std::string> ConstantUpper(const BindArgument& arg) {
  if (arg.constant == nullptr || arg.constant->IsNull(0) || arg.type.id() != TypeId::kString)
    return std::nullopt;
  return Upper(Get<std::string_view>(*arg.constant, 0));
}

}  // namespace sluice::functions
