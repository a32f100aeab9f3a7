// LogicalType: the SQL types of Sluice (Spark's type system), including DECIMAL(p<=38,s),
// DATE, TIMESTAMP (an instant, shown in the session time zone), TIMESTAMP_NTZ, the
// intervals (CalendarInterval and the ANSI year-month and day-time types with their start
// and end fields) and nested ARRAY, MAP and STRUCT. Immutable values: thread-safe to share and
// copy.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace sluice::types {

enum class TypeId : uint8_t {
  kNull,  // the type of an untyped NULL literal
  kBoolean,
  kTinyInt,
  kSmallInt,
  kInt,
  kBigInt,
  kFloat,
  kDouble,
  kDecimal,
  kString,
  kBinary,
  kDate,               // int32 days since 1970-01-01
  kTimestamp,          // int64 microseconds since the epoch, UTC (Spark's TIMESTAMP_LTZ)
  kTimestampNtz,       // int64 microseconds of a wall-clock reading, no zone
  kInterval,           // months, days, microseconds (Spark's CalendarInterval)
  kYearMonthInterval,  // int32 months (INTERVAL YEAR TO MONTH and its sub-ranges)
  kDayTimeInterval,    // int64 microseconds (INTERVAL DAY TO SECOND and its sub-ranges)
  kArray,
  kMap,
  kStruct,
};

struct Field;

// The fields of the ANSI interval types, in Spark's order: YEAR < MONTH for year-month
// intervals, DAY < HOUR < MINUTE < SECOND for day-time ones.
enum class IntervalField : uint8_t { kYear, kMonth, kDay, kHour, kMinute, kSecond };

// "year", "month", ..., as Spark names them in type names.
const char* IntervalFieldName(IntervalField field);

class LogicalType {
 public:
  static constexpr int kMaxDecimalPrecision = 38;
  // The widest decimal that fits an int64.
  static constexpr int kMaxInt64DecimalPrecision = 18;

  LogicalType() : id_(TypeId::kNull) {}
  LogicalType(TypeId id) : id_(id) {}  // NOLINT: implicit for primitive types

  static LogicalType Decimal(int precision, int scale);
  static LogicalType Array(LogicalType element);
  static LogicalType Map(LogicalType key, LogicalType value);
  static LogicalType Struct(std::vector<Field> fields);
  // INTERVAL YEAR TO MONTH and the like; start <= end, both year-month or both day-time.
  static LogicalType Interval(IntervalField start, IntervalField end);

  TypeId id() const { return id_; }
  int precision() const { return precision_; }
  int scale() const { return scale_; }
  // kYearMonthInterval / kDayTimeInterval: the first and last field of the type.
  IntervalField interval_start() const { return static_cast<IntervalField>(precision_); }
  IntervalField interval_end() const { return static_cast<IntervalField>(scale_); }
  // ARRAY: {element}; MAP: {key, value}; STRUCT: the fields.
  const std::vector<Field>& children() const;

  bool IsNumeric() const;
  bool IsInteger() const;
  bool IsNested() const {
    return id_ == TypeId::kArray || id_ == TypeId::kMap || id_ == TypeId::kStruct;
  }
  bool IsStringLike() const { return id_ == TypeId::kString || id_ == TypeId::kBinary; }
  bool IsAnsiInterval() const {
    return id_ == TypeId::kYearMonthInterval || id_ == TypeId::kDayTimeInterval;
  }
  // Bytes per value in a flat Vector (0 for nested types).
  int FixedWidth() const;

  // Spark SQL DDL spelling: INT, DECIMAL(12,2), ARRAY<STRING>, STRUCT<a: INT>,
  // INTERVAL DAY TO SECOND, INTERVAL YEAR.
  std::string ToString() const;
  bool operator==(const LogicalType& other) const;
  bool operator!=(const LogicalType& other) const { return !(*this == other); }

 private:
  TypeId id_;
  uint8_t precision_ = 0;  // DECIMAL; the start field of an ANSI interval
  uint8_t scale_ = 0;      // DECIMAL; the end field of an ANSI interval
  std::shared_ptr<const std::vector<Field>> children_;
};

struct Field {
  std::string name;
  LogicalType type;
  bool nullable = true;
  // A stored table's column comment (DDL `COMMENT '...'`): metadata, not part of equality.
  std::string comment = {};

  bool operator==(const Field& other) const {
    return name == other.name && type == other.type && nullable == other.nullable;
  }
};

// Spark's typeName (catalogString, JSON) of an ANSI interval type: "interval day to second",
// "interval year".
std::string AnsiIntervalName(const LogicalType& type);

// Backticks a name unless DDL reads it back as a plain identifier: `Case Created`.
std::string QuoteIdentifier(const std::string& name);

}  // namespace sluice::types
