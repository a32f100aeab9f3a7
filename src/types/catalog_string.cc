#include "types/catalog_string.h"

namespace sluice::types {

std::string CatalogString(const LogicalType& type) {
  switch (type.id()) {
    case TypeId::kNull:
      return "void";
    case TypeId::kBoolean:
      return "boolean";
    case TypeId::kTinyInt:
      return "tinyint";
    case TypeId::kSmallInt:
      return "smallint";
    case TypeId::kInt:
      return "int";
    case TypeId::kBigInt:
      return "bigint";
    case TypeId::kFloat:
      return "float";
    case TypeId::kDouble:
      return "double";
    case TypeId::kDecimal:
      return "decimal(" + std::to_string(type.precision()) + "," + std::to_string(type.scale()) +
             ")";
    case TypeId::kString:
      return "string";
    case TypeId::kBinary:
      return "binary";
    case TypeId::kDate:
      return "date";
    case TypeId::kTimestamp:
      return "timestamp";
    case TypeId::kTimestampNtz:
      return "timestamp_ntz";
    case TypeId::kInterval:
      return "interval";
    case TypeId::kYearMonthInterval:
    case TypeId::kDayTimeInterval:
      return AnsiIntervalName(type);
    case TypeId::kArray:
      return "array<" + CatalogString(type.children()[0].type) + ">";
    case TypeId::kMap:
      return "map<" + CatalogString(type.children()[0].type) + "," +
             CatalogString(type.children()[1].type) + ">";
    case TypeId::kStruct: {
      std::string out = "struct<";
      for (const Field& f : type.children())
        out += (out.size() > 7 ? "," : "") + f.name + ":" + CatalogString(f.type);
      return out + ">";
    }
  }
  return "";
}

}  // namespace sluice::types
