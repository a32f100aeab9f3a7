// LogicalType: the SQL types of Sluice (Spark's type system), including DECIMAL(p<=38,s),
// DATE, TIMESTAMP (an instant, shown in the session time zone), TIMESTAMP_NTZ, INTERVAL
// and nested ARRAY, MAP and STRUCT. Immutable values: thread-safe to share and copy.
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
  kDate,          // int32 days since 1970-01-01
  kTimestamp,     // int64 microseconds since the epoch, UTC (Spark's TIMESTAMP_LTZ)
  kTimestampNtz,  // int64 microseconds of a wall-clock reading, no zone
  kInterval,      // months, days, microseconds (Spark's CalendarInterval)
  kArray,
  kMap,
  kStruct,
};

struct Field;

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

  TypeId id() const { return id_; }
  int precision() const { return precision_; }
  int scale() const { return scale_; }
  // ARRAY: {element}; MAP: {key, value}; STRUCT: the fields.
  const std::vector<Field>& children() const;

  bool IsNumeric() const;
  bool IsInteger() const;
  bool IsNested() const {
    return id_ == TypeId::kArray || id_ == TypeId::kMap || id_ == TypeId::kStruct;
  }
  bool IsStringLike() const { return id_ == TypeId::kString || id_ == TypeId::kBinary; }
  // Bytes per value in a flat Vector (0 for nested types).
  int FixedWidth() const;

  // Spark SQL DDL spelling: INT, DECIMAL(12,2), ARRAY<STRING>, STRUCT<a: INT>.
  std::string ToString() const;
  bool operator==(const LogicalType& other) const;
  bool operator!=(const LogicalType& other) const { return !(*this == other); }

 private:
  TypeId id_;
  uint8_t precision_ = 0;
  uint8_t scale_ = 0;
  std::shared_ptr<const std::vector<Field>> children_;
};

struct Field {
  std::string name;
  LogicalType type;
  bool nullable = true;

  bool operator==(const Field& other) const {
    return name == other.name && type == other.type && nullable == other.nullable;
  }
};

// Backticks a name unless DDL reads it back as a plain identifier: `Case Created`.
std::string QuoteIdentifier(const std::string& name);

}  // namespace sluice::types
