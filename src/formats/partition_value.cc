#include "formats/partition_value.h"

#include <cstring>

#include "types/datetime_format.h"
#include "types/text_parsing.h"

namespace sluice::formats {

Status FillPartitionColumn(const std::optional<std::string>& raw,
                           const types::TimeZone& session_time_zone, size_t rows,
                           vector::Vector* out) {
  using types::TypeId;
  if (!raw) {
    for (size_t r = 0; r < rows; ++r) out->SetNull(r);
    return Status::OK();
  }
  const std::string& text = *raw;
  int64_t i = 0;
  double d = 0;
  types::ParsedDateTime p;
  int64_t micros = 0;
  bool ok = true;
  switch (out->type().id()) {
    case TypeId::kInt:
      ok = types::ParseInteger(text, INT32_MIN, INT32_MAX, &i);
      for (size_t r = 0; r < rows && ok; ++r) out->data<int32_t>()[r] = static_cast<int32_t>(i);
      break;
    case TypeId::kBigInt:
      ok = types::ParseInteger(text, INT64_MIN, INT64_MAX, &i);
      for (size_t r = 0; r < rows && ok; ++r) out->data<int64_t>()[r] = i;
      break;
    case TypeId::kDouble:
      ok = types::ParseDouble(text, &d);
      for (size_t r = 0; r < rows && ok; ++r) out->data<double>()[r] = d;
      break;
    case TypeId::kDate:
      ok = types::ParseIsoDate(text, &p);
      for (size_t r = 0; r < rows && ok; ++r)
        out->data<int32_t>()[r] = static_cast<int32_t>(p.ToDays());
      break;
    case TypeId::kTimestamp:
      ok = types::ParseIsoTimestamp(text, &p) && types::ToTimestamp(p, session_time_zone, &micros);
      for (size_t r = 0; r < rows && ok; ++r) out->data<int64_t>()[r] = micros;
      break;
    case TypeId::kString: {
      vector::StringRef ref = out->heap().Add(text);
      for (size_t r = 0; r < rows; ++r) out->data<vector::StringRef>()[r] = ref;
      break;
    }
    default:
      return Status::Invalid("partition columns cannot be " + out->type().ToString());
  }
  if (!ok)
    return Status::Invalid("partition value '" + text + "' is not " + out->type().ToString());
  return Status::OK();
}

}  // namespace sluice::formats
