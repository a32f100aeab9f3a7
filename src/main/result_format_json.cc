#include "main/result_format_json.h"

#include <cmath>

#include "common/json_text.h"
#include "types/civil_date.h"
#include "vector/value_formatter.h"

namespace sluice::main {
namespace {

using types::TypeId;

std::string JsonString(std::string_view s) {
  std::string out;
  AppendJsonString(&out, s);
  return out;
}

// Jackson's writeBinary, which Spark's to_json uses: standard base64 with padding.
std::string Base64(std::string_view bytes) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t n = static_cast<uint32_t>(static_cast<uint8_t>(bytes[i])) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<uint32_t>(static_cast<uint8_t>(bytes[i + 1])) << 8;
    if (i + 2 < bytes.size()) n |= static_cast<uint8_t>(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[n & 63] : '=';
  }
  return out;
}

std::string JsonValue(const vector::Vector& v, size_t row, const JsonTextOptions& o);

// Nested values as Spark's to_json writes them: arrays, objects, maps keyed by the key's text.
std::string JsonNested(const vector::Vector& v, size_t row, const JsonTextOptions& o) {
  switch (v.type().id()) {
    case TypeId::kArray: {
      const vector::ListEntry e = v.data<vector::ListEntry>()[row];
      std::string out = "[";
      for (uint32_t i = 0; i < e.length; ++i)
        out += (i ? "," : "") + JsonValue(v.children()[0], e.offset + i, o);
      return out + "]";
    }
    case TypeId::kMap: {
      const vector::ListEntry e = v.data<vector::ListEntry>()[row];
      std::string out = "{";
      for (uint32_t i = 0; i < e.length; ++i) {
        const vector::Vector& keys = v.children()[0];
        out += (i ? "," : "") + JsonString(vector::FormatValue(keys, e.offset + i, *o.zone)) + ":" +
               JsonValue(v.children()[1], e.offset + i, o);
      }
      return out + "}";
    }
    case TypeId::kStruct: {
      std::string out = "{";
      for (size_t i = 0; i < v.children().size(); ++i) {
        out += (i ? "," : "") + JsonString(v.type().children()[i].name) + ":" +
               JsonValue(v.children()[i], row, o);
      }
      return out + "}";
    }
    default:
      return "null";
  }
}

std::string JsonValue(const vector::Vector& v, size_t row, const JsonTextOptions& o) {
  const types::TimeZone& zone = *o.zone;
  if (v.IsNull(row) || v.type().id() == TypeId::kNull) return "null";
  if (v.type().IsNested()) return JsonNested(v, row, o);
  // to_json's default patterns.
  static const auto kTimestamp = *types::DateTimeFormat::Compile("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
  static const auto kTimestampNtz = *types::DateTimeFormat::Compile("yyyy-MM-dd'T'HH:mm:ss.SSS");
  switch (v.type().id()) {
    case TypeId::kBinary:
      return JsonString(Base64(v.data<vector::StringRef>()[row].view()));
    case TypeId::kDate:
      if (!o.date_format) break;
      return JsonString(o.date_format->Format(
          static_cast<int64_t>(v.data<int32_t>()[row]) * types::kMicrosPerDay, 0, ""));
    case TypeId::kTimestamp: {
      const int64_t utc = v.data<int64_t>()[row];
      const int offset = zone.OffsetSecondsAt(utc);
      const auto& format = o.timestamp_format ? *o.timestamp_format : kTimestamp;
      return JsonString(format.Format(utc + static_cast<int64_t>(offset) * types::kMicrosPerSecond,
                                      offset, zone.name()));
    }
    case TypeId::kTimestampNtz: {
      const auto& format = o.timestamp_ntz_format ? *o.timestamp_ntz_format : kTimestampNtz;
      return JsonString(format.Format(v.data<int64_t>()[row], 0, ""));
    }
    default:
      break;
  }
  std::string text = vector::FormatValue(v, row, zone);
  switch (v.type().id()) {
    case TypeId::kBoolean:
    case TypeId::kTinyInt:
    case TypeId::kSmallInt:
    case TypeId::kInt:
    case TypeId::kBigInt:
    case TypeId::kDecimal:
      return text;
    case TypeId::kFloat:
    case TypeId::kDouble: {
      double d = v.type().id() == TypeId::kFloat ? v.data<float>()[row] : v.data<double>()[row];
      return std::isfinite(d) ? text : JsonString(text);  // JSON has no NaN or Infinity
    }
    default:
      return JsonString(text);
  }
}

}  // namespace

void AppendJsonRow(const types::Schema& schema, const vector::Batch& batch, size_t row,
                   const JsonTextOptions& o, std::string* out) {
  out->push_back('{');
  for (size_t c = 0; c < batch.num_columns(); ++c) {
    if (c > 0) out->push_back(',');
    AppendJsonString(out, schema.field(c).name);
    out->push_back(':');
    *out += JsonValue(batch.column(c), row, o);
  }
  out->push_back('}');
}

}  // namespace sluice::main
