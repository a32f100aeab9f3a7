// CastVector: checks the cast, then walks the types (ARRAY, MAP and STRUCT element-wise,
// STRUCT fields by position) down to the kernels of each target; also the casts to STRING
// (through FormatValue's CAST spelling), copies, and Spark's error texts.
#include "functions/cast.h"

#include <cstring>

#include "functions/cast_interval.h"
#include "functions/cast_kernel.h"
#include "vector/value_formatter.h"

namespace sluice::functions {
namespace internal {
namespace {

using types::LogicalType;
using types::TypeId;
using vector::ListEntry;
using vector::StringRef;
using vector::Vector;

std::string SqlType(const LogicalType& t) { return "\"" + t.ToString() + "\""; }

// QueryErrorsBase.toSQLValue: the value as a SQL literal ('abc', 128L, 1.0E10D, DATE '...').
std::string SqlLiteral(const Vector& v, size_t row, const types::TimeZone& zone) {
  const std::string text = vector::FormatValue(v, row, zone, vector::TextStyle::kAnsiCast);
  switch (v.type().id()) {
    case TypeId::kString: {
      std::string out = "'";
      for (char c : text) {
        if (c == '\'') out += '\\';  // escapeSingleQuotedString: quotes only
        out += c;
      }
      return out + "'";
    }
    case TypeId::kBinary: {
      std::string out = "X'";
      for (unsigned char c : text) {
        static constexpr char kHex[] = "0123456789ABCDEF";
        out += kHex[c >> 4];
        out += kHex[c & 15];
      }
      return out + "'";
    }
    case TypeId::kTinyInt:
      return text + "Y";
    case TypeId::kSmallInt:
      return text + "S";
    case TypeId::kBigInt:
      return text + "L";
    case TypeId::kDouble:
      return text == "NaN" || text == "Infinity" || text == "-Infinity" ? text : text + "D";
    case TypeId::kDecimal:
      return text + "BD";
    case TypeId::kDate:
      return "DATE '" + text + "'";
    case TypeId::kTimestamp:
      return "TIMESTAMP '" + text + "'";
    case TypeId::kTimestampNtz:
      return "TIMESTAMP_NTZ '" + text + "'";
    default:
      return text;
  }
}

Status CopyRange(const Vector& in, Vector& out, const RowRange& r) {
  const bool strings = in.type().IsStringLike();
  const size_t width = static_cast<size_t>(in.type().FixedWidth());
  for (size_t i = 0; i < r.count; ++i) {
    const size_t from = r.in_begin + i, to = r.out_begin + i;
    if (in.IsNull(from)) {
      out.SetNull(to);
      continue;
    }
    out.validity().SetValid(to);
    if (strings) {
      // The input's heap may not outlive this vector: the bytes are copied.
      out.data<StringRef>()[to] = out.heap().Add(in.data<StringRef>()[from].view());
    } else {
      std::memcpy(out.data<uint8_t>() + to * width, in.data<uint8_t>() + from * width, width);
    }
  }
  return Status::OK();
}

Status CastToString(const Vector& in, Vector& out, const RowRange& r, const CastState& st) {
  // Spark's ANSI mode writes decimals plainly; otherwise as BigDecimal.toString does.
  const auto style = st.ansi ? vector::TextStyle::kAnsiCast : vector::TextStyle::kCast;
  for (size_t i = 0; i < r.count; ++i) {
    const size_t from = r.in_begin + i, to = r.out_begin + i;
    if (in.IsNull(from)) {
      out.SetNull(to);
      continue;
    }
    out.validity().SetValid(to);
    out.data<StringRef>()[to] = out.heap().Add(vector::FormatValue(in, from, *st.zone, style));
  }
  return Status::OK();
}

Status CastRange(const Vector& in, Vector& out, const RowRange& r, const CastState& st);

// ARRAY and MAP: each row's elements are appended to the output's children and cast there.
Status CastList(const Vector& in, Vector& out, const RowRange& r, const CastState& st) {
  const ListEntry* entries = in.data<ListEntry>();
  for (size_t i = 0; i < r.count; ++i) {
    const size_t from = r.in_begin + i, to = r.out_begin + i;
    const uint32_t length = in.IsNull(from) ? 0 : entries[from].length;
    SLUICE_ASSIGN_OR_RAISE(uint32_t offset, out.AppendListEntry(to, length));
    if (in.IsNull(from)) {
      out.SetNull(to);
      continue;
    }
    out.validity().SetValid(to);
    for (size_t c = 0; c < out.children().size(); ++c) {
      SLUICE_RETURN_NOT_OK(CastRange(in.children()[c], out.children()[c],
                                     RowRange{entries[from].offset, offset, length}, st));
    }
  }
  return Status::OK();
}

// STRUCT: fields by position, over runs of non-NULL rows (the fields of a NULL struct
// hold nothing to cast).
Status CastStruct(const Vector& in, Vector& out, const RowRange& r, const CastState& st) {
  size_t i = 0;
  while (i < r.count) {
    if (in.IsNull(r.in_begin + i)) {
      out.SetNull(r.out_begin + i);
      for (Vector& child : out.children()) child.SetNull(r.out_begin + i);
      ++i;
      continue;
    }
    size_t end = i;
    while (end < r.count && !in.IsNull(r.in_begin + end)) {
      out.validity().SetValid(r.out_begin + end);
      ++end;
    }
    const RowRange run{r.in_begin + i, r.out_begin + i, end - i};
    for (size_t c = 0; c < out.children().size(); ++c) {
      SLUICE_RETURN_NOT_OK(CastRange(in.children()[c], out.children()[c], run, st));
    }
    i = end;
  }
  return Status::OK();
}

Status CastRange(const Vector& in, Vector& out, const RowRange& r, const CastState& st) {
  const LogicalType& from = in.type();
  const LogicalType& to = out.type();
  if (from.id() == TypeId::kNull) {
    for (size_t i = 0; i < r.count; ++i) out.SetNull(r.out_begin + i);
    if (to.id() == TypeId::kArray || to.id() == TypeId::kMap) {
      for (size_t i = 0; i < r.count; ++i) {
        SLUICE_RETURN_NOT_OK(out.AppendListEntry(r.out_begin + i, 0).status());
      }
    }
    return Status::OK();
  }
  if (from == to && !from.IsNested()) return CopyRange(in, out, r);
  switch (to.id()) {
    case TypeId::kString:
      return CastToString(in, out, r, st);
    case TypeId::kBinary:
      return CastToBinary(in, out, r, st);
    case TypeId::kBoolean:
      return CastToBoolean(in, out, r, st);
    case TypeId::kTinyInt:
    case TypeId::kSmallInt:
    case TypeId::kInt:
    case TypeId::kBigInt:
      return CastToIntegral(in, out, r, st);
    case TypeId::kFloat:
    case TypeId::kDouble:
      return CastToFloating(in, out, r, st);
    case TypeId::kDecimal:
      return CastToDecimal(in, out, r, st);
    case TypeId::kDate:
      return CastToDate(in, out, r, st);
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz:
      return CastToTimestamp(in, out, r, st);
    case TypeId::kArray:
    case TypeId::kMap:
      return CastList(in, out, r, st);
    case TypeId::kStruct:
      return CastStruct(in, out, r, st);
    case TypeId::kNull:
    case TypeId::kInterval:
    case TypeId::kYearMonthInterval:
    case TypeId::kDayTimeInterval:
      break;  // intervals: CastInterval, called by CastVector
  }
  return Status::NotImplemented("cast from " + from.ToString() + " to " + to.ToString());
}

}  // namespace

Status CastError(const Vector& in, size_t row, Outcome outcome, const LogicalType& to,
                 const CastState& state) {
  const std::string value = SqlLiteral(in, row, *state.zone);
  const std::string types =
      " of the type " + SqlType(in.type()) + " cannot be cast to " + SqlType(to);
  const std::string bypass =
      "If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error";
  if (outcome == Outcome::kInvalid) {
    return Status::Invalid("[CAST_INVALID_INPUT] The value " + value + types +
                           " because it is malformed. Correct the value as per the syntax, or "
                           "change its target type. Use `try_cast` to tolerate malformed input "
                           "and return NULL instead. " +
                           bypass + ".");
  }
  if (to.id() == TypeId::kDecimal) {
    // Decimal.toPlainString of the value that did not fit.
    std::string plain = vector::FormatValue(in, row, *state.zone, vector::TextStyle::kAnsiCast);
    return Status::Invalid("[NUMERIC_VALUE_OUT_OF_RANGE] " + plain +
                           " cannot be represented as Decimal(" + std::to_string(to.precision()) +
                           ", " + std::to_string(to.scale()) + "). " + bypass +
                           ", and return NULL instead.");
  }
  return Status::Invalid("[CAST_OVERFLOW] The value " + value + types +
                         " due to an overflow. Use `try_cast` to tolerate overflow and return "
                         "NULL instead. " +
                         bypass + ".");
}

}  // namespace internal

Status CastVector(const vector::Vector& in, size_t rows, vector::Vector& out,
                  const CastOptions& options) {
  SLUICE_CHECK(options.zone != nullptr);
  SLUICE_CHECK(out.capacity() >= rows);
  const types::LogicalType& from = in.type();
  const types::LogicalType& to = out.type();
  const bool allowed = options.try_cast ? CanTryCast(from, to) : CanCast(from, to, options.ansi);
  if (!allowed) {
    return Status::Invalid("[DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION] cannot cast " +
                           internal::SqlType(from) + " to " + internal::SqlType(to) + ".");
  }
  // Interval casts have rules of their own (cast_interval).
  if (IsIntervalCast(from, to)) return CastInterval(in, rows, out, options);
  // TRY_CAST has ANSI's results, with NULL for what would fail.
  internal::CastState state{options.ansi || options.try_cast, options.try_cast, options.zone};
  if (!options.try_cast || !to.IsNested()) {
    return internal::CastRange(in, out, internal::RowRange{0, 0, rows}, state);
  }
  // Spark's generated code wraps a TRY_CAST in one try/catch: a failure anywhere in a
  // nested value makes the whole value NULL.
  const internal::CastState strict{true, false, options.zone};
  for (size_t row = 0; row < rows; ++row) {
    Status status = internal::CastRange(in, out, internal::RowRange{row, row, 1}, strict);
    if (status.ok()) continue;
    if (status.code() != StatusCode::kInvalid) return status;
    out.SetNull(row);
  }
  return Status::OK();
}

}  // namespace sluice::functions
