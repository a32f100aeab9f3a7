#include "functions/json_writer.h"

#include <cmath>

#include "common/json_text.h"
#include "types/civil_date.h"
#include "vector/value_formatter.h"

namespace sluice::functions {
namespace {

using types::TypeId;

// Jackson's writeBinary, which Spark's to_json uses: standard base64 with padding.
void AppendBase64(std::string_view bytes, std::string* out) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  out->push_back('"');
  for (size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t n = static_cast<uint32_t>(static_cast<uint8_t>(bytes[i])) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<uint32_t>(static_cast<uint8_t>(bytes[i + 1])) << 8;
    if (i + 2 < bytes.size()) n |= static_cast<uint8_t>(bytes[i + 2]);
    out->push_back(kAlphabet[(n >> 18) & 63]);
    out->push_back(kAlphabet[(n >> 12) & 63]);
    out->push_back(i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=');
    out->push_back(i + 2 < bytes.size() ? kAlphabet[n & 63] : '=');
  }
  out->push_back('"');
}

// A map key as Spark writes it, its toString: a struct as [v1,v2] (GenericInternalRow).
std::string MapKeyText(const vector::Vector& keys, size_t row, const types::TimeZone& zone) {
  if (keys.type().id() != TypeId::kStruct) return vector::FormatValue(keys, row, zone);
  std::string out = "[";
  for (size_t i = 0; i < keys.children().size(); ++i) {
    if (i) out.push_back(',');
    const vector::Vector& field = keys.children()[i];
    out += field.IsNull(row) ? "null" : MapKeyText(field, row, zone);
  }
  return out + "]";
}

void AppendNested(const vector::Vector& v, size_t row, const JsonWriteOptions& o,
                  std::string* out) {
  switch (v.type().id()) {
    case TypeId::kArray: {
      const vector::ListEntry e = v.data<vector::ListEntry>()[row];
      out->push_back('[');
      for (uint32_t i = 0; i < e.length; ++i) {
        if (i) out->push_back(',');
        AppendJsonValue(v.children()[0], e.offset + i, o, out);
      }
      out->push_back(']');
      return;
    }
    case TypeId::kMap: {
      const vector::ListEntry e = v.data<vector::ListEntry>()[row];
      out->push_back('{');
      for (uint32_t i = 0; i < e.length; ++i) {
        if (i) out->push_back(',');
        AppendJsonString(out, MapKeyText(v.children()[0], e.offset + i, *o.zone));
        out->push_back(':');
        AppendJsonValue(v.children()[1], e.offset + i, o, out);
      }
      out->push_back('}');
      return;
    }
    default: {  // STRUCT
      out->push_back('{');
      bool first = true;
      for (size_t i = 0; i < v.children().size(); ++i) {
        if (o.ignore_null_fields && v.children()[i].IsNull(row)) continue;
        if (!first) out->push_back(',');
        first = false;
        AppendJsonString(out, v.type().children()[i].name);
        out->push_back(':');
        AppendJsonValue(v.children()[i], row, o, out);
      }
      out->push_back('}');
      return;
    }
  }
}

}  // namespace

JsonWriteOptions WriteOptionsOf(const DateTimeOptions& formats, const types::TimeZone* zone) {
  auto pattern = [](const std::optional<types::DateTimeFormat>& f) { return f ? &*f : nullptr; };
  return JsonWriteOptions{.zone = zone,
                          .date_format = pattern(formats.date_format),
                          .timestamp_format = pattern(formats.timestamp_format),
                          .timestamp_ntz_format = pattern(formats.timestamp_ntz_format)};
}

std::optional<std::string> FormatDateTimeText(const vector::Vector& v, size_t row,
                                              const JsonWriteOptions& o) {
  // The writers' default patterns.
  static const auto kTimestamp = *types::DateTimeFormat::Compile("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
  static const auto kTimestampNtz = *types::DateTimeFormat::Compile("yyyy-MM-dd'T'HH:mm:ss.SSS");
  switch (v.type().id()) {
    case TypeId::kDate: {
      const int32_t days = v.data<int32_t>()[row];
      if (!o.date_format) return types::FormatDate(days);
      return o.date_format->Format(int64_t{days} * types::kMicrosPerDay, 0, "");
    }
    case TypeId::kTimestamp: {
      const auto& format = o.timestamp_format ? *o.timestamp_format : kTimestamp;
      return format.FormatInstant(v.data<int64_t>()[row], *o.zone);
    }
    case TypeId::kTimestampNtz: {
      const auto& format = o.timestamp_ntz_format ? *o.timestamp_ntz_format : kTimestampNtz;
      return format.Format(v.data<int64_t>()[row], 0, "");
    }
    default:
      return std::nullopt;
  }
}

void AppendJsonValue(const vector::Vector& v, size_t row, const JsonWriteOptions& o,
                     std::string* out) {
  if (v.IsNull(row) || v.type().id() == TypeId::kNull) {
    *out += "null";
    return;
  }
  if (v.type().IsNested()) return AppendNested(v, row, o, out);
  if (v.type().id() == TypeId::kBinary)
    return AppendBase64(v.data<vector::StringRef>()[row].view(), out);
  if (std::optional<std::string> datetime = FormatDateTimeText(v, row, o))
    return AppendJsonString(out, *datetime);
  const types::TimeZone& zone = *o.zone;
  const std::string text = vector::FormatValue(v, row, zone);
  switch (v.type().id()) {
    case TypeId::kBoolean:
    case TypeId::kTinyInt:
    case TypeId::kSmallInt:
    case TypeId::kInt:
    case TypeId::kBigInt:
    case TypeId::kDecimal:
      *out += text;
      return;
    case TypeId::kFloat:
    case TypeId::kDouble: {
      double d = v.type().id() == TypeId::kFloat ? v.data<float>()[row] : v.data<double>()[row];
      if (std::isfinite(d))
        *out += text;
      else
        AppendJsonString(out, text);  // JSON has no NaN or Infinity
      return;
    }
    default:
      AppendJsonString(out, text);
  }
}

}  // namespace sluice::functions
