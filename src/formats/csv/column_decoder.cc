#include "formats/csv/column_decoder.h"

#include <limits>

#include "types/decimal.h"
#include "types/text_parsing.h"

namespace sluice::formats::csv {

using types::TypeId;

Result<ColumnDecoder> ColumnDecoder::Make(const types::Field& field, const CsvOptions& options) {
  if (field.type.IsNested() || field.type.id() == TypeId::kInterval) {
    return Status::Invalid("CSV data source does not support " + field.type.ToString() +
                           " (column '" + field.name + "')");
  }
  return ColumnDecoder(field.type, &options);
}

bool ColumnDecoder::DecodeFloating(std::string_view text, double* out) const {
  if (text == options_->nan_value) {
    *out = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  if (text == options_->positive_inf) {
    *out = std::numeric_limits<double>::infinity();
    return true;
  }
  if (text == options_->negative_inf) {
    *out = -std::numeric_limits<double>::infinity();
    return true;
  }
  return types::ParseDouble(text, out);
}

bool ColumnDecoder::Decode(std::string_view text, bool stable, vector::Vector* out,
                           size_t row) const {
  int64_t i = 0;
  switch (type_.id()) {
    case TypeId::kNull:
      out->SetNull(row);
      return true;
    case TypeId::kBoolean: {
      bool b;
      if (!types::ParseBoolean(text, &b)) return false;
      out->data<uint8_t>()[row] = b;
      return true;
    }
    case TypeId::kTinyInt:
      if (!types::ParseInteger(text, INT8_MIN, INT8_MAX, &i)) return false;
      out->data<int8_t>()[row] = static_cast<int8_t>(i);
      return true;
    case TypeId::kSmallInt:
      if (!types::ParseInteger(text, INT16_MIN, INT16_MAX, &i)) return false;
      out->data<int16_t>()[row] = static_cast<int16_t>(i);
      return true;
    case TypeId::kInt:
      if (!types::ParseInteger(text, INT32_MIN, INT32_MAX, &i)) return false;
      out->data<int32_t>()[row] = static_cast<int32_t>(i);
      return true;
    case TypeId::kBigInt:
      if (!types::ParseInteger(text, INT64_MIN, INT64_MAX, &i)) return false;
      out->data<int64_t>()[row] = i;
      return true;
    case TypeId::kFloat: {
      double d;
      if (!DecodeFloating(text, &d)) return false;
      out->data<float>()[row] = static_cast<float>(d);
      return true;
    }
    case TypeId::kDouble: {
      double d;
      if (!DecodeFloating(text, &d)) return false;
      out->data<double>()[row] = d;
      return true;
    }
    case TypeId::kDecimal: {
      types::Int128 v;
      if (!types::ParseDecimal(text, type_.precision(), type_.scale(), &v)) return false;
      if (type_.precision() <= types::LogicalType::kMaxInt64DecimalPrecision) {
        out->data<int64_t>()[row] = static_cast<int64_t>(v);
      } else {
        out->data<types::Int128>()[row] = v;
      }
      return true;
    }
    case TypeId::kString:
    case TypeId::kBinary:
      out->data<vector::StringRef>()[row] =
          stable ? vector::StringRef(text) : out->heap().Add(text);
      return true;
    case TypeId::kDate: {
      types::ParsedDateTime p;
      bool ok = options_->date_format ? options_->date_format->Parse(text, &p)
                                      : types::ParseIsoDate(text, &p);
      if (!ok) return false;
      out->data<int32_t>()[row] = static_cast<int32_t>(p.ToDays());
      return true;
    }
    case TypeId::kTimestamp: {
      types::ParsedDateTime p;
      bool ok = options_->timestamp_format ? options_->timestamp_format->Parse(text, &p)
                                           : types::ParseIsoTimestamp(text, &p);
      int64_t micros;
      if (!ok || !types::ToTimestamp(p, options_->session_time_zone, &micros)) return false;
      out->data<int64_t>()[row] = micros;
      return true;
    }
    case TypeId::kTimestampNtz: {
      types::ParsedDateTime p;
      bool ok = options_->timestamp_ntz_format ? options_->timestamp_ntz_format->Parse(text, &p)
                                               : types::ParseIsoTimestamp(text, &p);
      int64_t micros;
      // A zone or offset has no meaning for a wall-clock value: Spark rejects it.
      if (!ok || p.has_offset || !p.ToLocalMicros(&micros)) return false;
      out->data<int64_t>()[row] = micros;
      return true;
    }
    case TypeId::kInterval:
    case TypeId::kArray:
    case TypeId::kMap:
    case TypeId::kStruct:
      break;
  }
  return false;
}

std::string ColumnDecoder::Expected() const {
  std::string name = type_.ToString();
  std::string article = (name[0] == 'I' || name[0] == 'A') ? "an " : "a ";
  switch (type_.id()) {
    case TypeId::kDate:
      return article + name + " (" +
             (options_->date_format ? options_->date_format->pattern() : "yyyy-MM-dd") + ")";
    case TypeId::kTimestamp:
      return article + name + " (" +
             (options_->timestamp_format ? options_->timestamp_format->pattern()
                                         : "yyyy-MM-dd[ HH:mm:ss[.SSSSSS]][offset]") +
             ")";
    case TypeId::kTimestampNtz:
      return article + name + " (" +
             (options_->timestamp_ntz_format ? options_->timestamp_ntz_format->pattern()
                                             : "yyyy-MM-dd[ HH:mm:ss[.SSSSSS]], no offset") +
             ")";
    default:
      return article + name;
  }
}

}  // namespace sluice::formats::csv
