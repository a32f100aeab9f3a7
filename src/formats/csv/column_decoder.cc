#include "formats/csv/column_decoder.h"

#include <limits>

#include "types/decimal.h"
#include "types/text_parsing.h"

namespace sluice::formats::csv {

using types::TypeId;

Result<ColumnDecoder> ColumnDecoder::Make(const types::Field& field, const CsvOptions& options) {
  if (field.type.IsNested() || field.type.id() == TypeId::kInterval ||
      field.type.IsAnsiInterval()) {
    return Status::Invalid("CSV data source does not support " + field.type.ToString() +
                           " (column '" + field.name + "')");
  }
  DecodeFn decode = nullptr;
  switch (field.type.id()) {
#define SLUICE_CSV_DECODER(kId)      \
  case TypeId::kId:                  \
    decode = &DecodeAs<TypeId::kId>; \
    break;
    SLUICE_CSV_DECODER(kNull)
    SLUICE_CSV_DECODER(kBoolean)
    SLUICE_CSV_DECODER(kTinyInt)
    SLUICE_CSV_DECODER(kSmallInt)
    SLUICE_CSV_DECODER(kInt)
    SLUICE_CSV_DECODER(kBigInt)
    SLUICE_CSV_DECODER(kFloat)
    SLUICE_CSV_DECODER(kDouble)
    SLUICE_CSV_DECODER(kDecimal)
    SLUICE_CSV_DECODER(kString)
    SLUICE_CSV_DECODER(kDate)
    SLUICE_CSV_DECODER(kTimestamp)
    SLUICE_CSV_DECODER(kTimestampNtz)
#undef SLUICE_CSV_DECODER
    case TypeId::kBinary:  // stored as a string
      decode = &DecodeAs<TypeId::kString>;
      break;
    case TypeId::kInterval:
    case TypeId::kYearMonthInterval:
    case TypeId::kDayTimeInterval:
    case TypeId::kArray:
    case TypeId::kMap:
    case TypeId::kStruct:
      break;
  }
  return ColumnDecoder(field.type, &options, decode);
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

template <TypeId kId>
bool ColumnDecoder::DecodeAs(const ColumnDecoder& self, std::string_view text, bool stable,
                             vector::Vector* out, size_t row) {
  [[maybe_unused]] int64_t i = 0;
  [[maybe_unused]] const CsvOptions* options = self.options_;
  if constexpr (kId == TypeId::kNull) {
    out->SetNull(row);
    return true;
  } else if constexpr (kId == TypeId::kBoolean) {
    bool b;
    if (!types::ParseBoolean(text, &b)) return false;
    out->data<uint8_t>()[row] = b;
    return true;
  } else if constexpr (kId == TypeId::kTinyInt) {
    if (!types::ParseInteger(text, INT8_MIN, INT8_MAX, &i)) return false;
    out->data<int8_t>()[row] = static_cast<int8_t>(i);
    return true;
  } else if constexpr (kId == TypeId::kSmallInt) {
    if (!types::ParseInteger(text, INT16_MIN, INT16_MAX, &i)) return false;
    out->data<int16_t>()[row] = static_cast<int16_t>(i);
    return true;
  } else if constexpr (kId == TypeId::kInt) {
    if (!types::ParseInteger(text, INT32_MIN, INT32_MAX, &i)) return false;
    out->data<int32_t>()[row] = static_cast<int32_t>(i);
    return true;
  } else if constexpr (kId == TypeId::kBigInt) {
    if (!types::ParseInteger(text, INT64_MIN, INT64_MAX, &i)) return false;
    out->data<int64_t>()[row] = i;
    return true;
  } else if constexpr (kId == TypeId::kFloat) {
    double d;
    if (!self.DecodeFloating(text, &d)) return false;
    out->data<float>()[row] = static_cast<float>(d);
    return true;
  } else if constexpr (kId == TypeId::kDouble) {
    double d;
    if (!self.DecodeFloating(text, &d)) return false;
    out->data<double>()[row] = d;
    return true;
  } else if constexpr (kId == TypeId::kDecimal) {
    types::Int128 v;
    const types::LogicalType& type = self.type_;
    if (!types::ParseDecimal(text, type.precision(), type.scale(), &v)) return false;
    if (type.precision() <= types::LogicalType::kMaxInt64DecimalPrecision) {
      out->data<int64_t>()[row] = static_cast<int64_t>(v);
    } else {
      out->data<types::Int128>()[row] = v;
    }
    return true;
  } else if constexpr (kId == TypeId::kString) {
    out->data<vector::StringRef>()[row] = stable ? vector::StringRef(text) : out->heap().Add(text);
    return true;
  } else if constexpr (kId == TypeId::kDate) {
    types::ParsedDateTime p;
    bool ok = options->date_format ? options->date_format->Parse(text, &p)
                                   : types::ParseIsoDate(text, &p);
    if (!ok) return false;
    out->data<int32_t>()[row] = static_cast<int32_t>(p.ToDays());
    return true;
  } else if constexpr (kId == TypeId::kTimestamp) {
    types::ParsedDateTime p;
    bool ok = options->timestamp_format
                  ? options->timestamp_format->Parse(text, &p)
                  : types::ParseFixedIsoTimestamp(text, &p) || types::ParseIsoTimestamp(text, &p);
    int64_t micros;
    if (!ok || !types::ToTimestamp(p, options->session_time_zone, &micros)) return false;
    out->data<int64_t>()[row] = micros;
    return true;
  } else {
    static_assert(kId == TypeId::kTimestampNtz);
    types::ParsedDateTime p;
    bool ok = options->timestamp_ntz_format
                  ? options->timestamp_ntz_format->Parse(text, &p)
                  : types::ParseFixedIsoTimestamp(text, &p) || types::ParseIsoTimestamp(text, &p);
    int64_t micros;
    // A zone or offset has no meaning for a wall-clock value: Spark rejects it.
    if (!ok || p.has_offset || !p.ToLocalMicros(&micros)) return false;
    out->data<int64_t>()[row] = micros;
    return true;
  }
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
