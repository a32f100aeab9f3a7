#include "types/logical_type.h"

#include <cctype>

#include "common/check.h"

namespace sluice::types {

namespace {
std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}
}  // namespace

std::string QuoteIdentifier(const std::string& name) {
  bool plain = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0]));
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') plain = false;
  }
  if (plain) return name;
  std::string out = "`";
  for (char c : name) {
    if (c == '`') out += '`';
    out += c;
  }
  return out + "`";
}

LogicalType LogicalType::Decimal(int precision, int scale) {
  SLUICE_CHECK(precision >= 1 && precision <= kMaxDecimalPrecision);
  SLUICE_CHECK(scale >= 0 && scale <= precision);
  LogicalType t(TypeId::kDecimal);
  t.precision_ = static_cast<uint8_t>(precision);
  t.scale_ = static_cast<uint8_t>(scale);
  return t;
}

const char* IntervalFieldName(IntervalField field) {
  static const char* kNames[] = {"year", "month", "day", "hour", "minute", "second"};
  return kNames[static_cast<int>(field)];
}

std::string AnsiIntervalName(const LogicalType& type) {
  std::string out = std::string("interval ") + IntervalFieldName(type.interval_start());
  if (type.interval_end() != type.interval_start())
    out += std::string(" to ") + IntervalFieldName(type.interval_end());
  return out;
}

LogicalType LogicalType::Interval(IntervalField start, IntervalField end) {
  const bool year_month = start <= IntervalField::kMonth;
  SLUICE_CHECK(start <= end && year_month == (end <= IntervalField::kMonth));
  LogicalType t(year_month ? TypeId::kYearMonthInterval : TypeId::kDayTimeInterval);
  t.precision_ = static_cast<uint8_t>(start);
  t.scale_ = static_cast<uint8_t>(end);
  return t;
}

LogicalType LogicalType::Array(LogicalType element) {
  LogicalType t(TypeId::kArray);
  t.children_ = std::make_shared<const std::vector<Field>>(
      std::vector<Field>{Field{"element", std::move(element), true}});
  return t;
}

LogicalType LogicalType::Map(LogicalType key, LogicalType value) {
  LogicalType t(TypeId::kMap);
  t.children_ = std::make_shared<const std::vector<Field>>(std::vector<Field>{
      Field{"key", std::move(key), false}, Field{"value", std::move(value), true}});
  return t;
}

LogicalType LogicalType::Struct(std::vector<Field> fields) {
  LogicalType t(TypeId::kStruct);
  t.children_ = std::make_shared<const std::vector<Field>>(std::move(fields));
  return t;
}

const std::vector<Field>& LogicalType::children() const {
  static const std::vector<Field> kNone;
  return children_ ? *children_ : kNone;
}

bool LogicalType::IsInteger() const {
  return id_ == TypeId::kTinyInt || id_ == TypeId::kSmallInt || id_ == TypeId::kInt ||
         id_ == TypeId::kBigInt;
}

bool LogicalType::IsNumeric() const {
  return IsInteger() || id_ == TypeId::kFloat || id_ == TypeId::kDouble || id_ == TypeId::kDecimal;
}

int LogicalType::FixedWidth() const {
  switch (id_) {
    case TypeId::kNull:
      return 0;
    case TypeId::kBoolean:
    case TypeId::kTinyInt:
      return 1;
    case TypeId::kSmallInt:
      return 2;
    case TypeId::kInt:
    case TypeId::kFloat:
    case TypeId::kDate:
    case TypeId::kYearMonthInterval:
      return 4;
    case TypeId::kBigInt:
    case TypeId::kDouble:
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz:
    case TypeId::kDayTimeInterval:
      return 8;
    case TypeId::kDecimal:
      return precision_ <= kMaxInt64DecimalPrecision ? 8 : 16;
    case TypeId::kString:
    case TypeId::kBinary:
    case TypeId::kInterval:
      return 16;
    case TypeId::kArray:
    case TypeId::kMap:
    case TypeId::kStruct:
      return 0;
  }
  return 0;
}

std::string LogicalType::ToString() const {
  switch (id_) {
    case TypeId::kNull:
      return "VOID";
    case TypeId::kBoolean:
      return "BOOLEAN";
    case TypeId::kTinyInt:
      return "TINYINT";
    case TypeId::kSmallInt:
      return "SMALLINT";
    case TypeId::kInt:
      return "INT";
    case TypeId::kBigInt:
      return "BIGINT";
    case TypeId::kFloat:
      return "FLOAT";
    case TypeId::kDouble:
      return "DOUBLE";
    case TypeId::kDecimal:
      return "DECIMAL(" + std::to_string(precision_) + "," + std::to_string(scale_) + ")";
    case TypeId::kString:
      return "STRING";
    case TypeId::kBinary:
      return "BINARY";
    case TypeId::kDate:
      return "DATE";
    case TypeId::kTimestamp:
      return "TIMESTAMP";
    case TypeId::kTimestampNtz:
      return "TIMESTAMP_NTZ";
    case TypeId::kInterval:
      return "INTERVAL";
    case TypeId::kYearMonthInterval:
    case TypeId::kDayTimeInterval:
      return Upper(AnsiIntervalName(*this));
    case TypeId::kArray:
      return "ARRAY<" + children()[0].type.ToString() + ">";
    case TypeId::kMap:
      return "MAP<" + children()[0].type.ToString() + ", " + children()[1].type.ToString() + ">";
    case TypeId::kStruct: {
      std::string out = "STRUCT<";
      for (size_t i = 0; i < children().size(); ++i) {
        if (i > 0) out += ", ";
        out += QuoteIdentifier(children()[i].name) + ": " + children()[i].type.ToString();
        if (!children()[i].nullable) out += " NOT NULL";
      }
      return out + ">";
    }
  }
  return "?";
}

bool LogicalType::operator==(const LogicalType& other) const {
  if (id_ != other.id_ || precision_ != other.precision_ || scale_ != other.scale_) return false;
  return children() == other.children();
}

}  // namespace sluice::types
