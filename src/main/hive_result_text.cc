// HiveText and CatalogString: what Spark's HiveResult.toHiveString and
// DataType.catalogString print, the text the spark-sql CLI and Spark's golden files hold.
#include <algorithm>
#include <cinttypes>
#include <cstring>

#include "main/result_format.h"
#include "types/catalog_string.h"
#include "types/civil_date.h"
#include "types/decimal.h"
#include "types/interval.h"
#include "types/text_parsing.h"
#include "vector/value_formatter.h"

namespace sluice::main {
namespace {

using types::TypeId;

// Java's new String(bytes, UTF_8) (sun.nio.cs.UTF_8's decoder): an ill-formed sequence
// becomes one U+FFFD per maximal ill-formed prefix, except that an encoded surrogate
// (ED A0..BF ..) is read whole and then replaced.
void AppendUtf8Decoded(std::string_view bytes, std::string* out) {
  if (types::IsValidUtf8(bytes)) {
    out->append(bytes);
    return;
  }
  auto byte = [&bytes](size_t i) { return static_cast<uint8_t>(bytes[i]); };
  size_t i = 0;
  while (i < bytes.size()) {
    const uint8_t lead = byte(i);
    // Continuation bytes the lead byte asks for; -1 for a byte no sequence starts with.
    const int need = lead < 0x80                    ? 0
                     : lead >= 0xC2 && lead <= 0xDF ? 1
                     : lead >= 0xE0 && lead <= 0xEF ? 2
                     : lead >= 0xF0 && lead <= 0xF4 ? 3
                                                    : -1;
    // The second byte's range excludes overlongs and code points past U+10FFFF.
    const uint8_t lo = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
    const uint8_t hi = lead == 0xF4 ? 0x8F : 0xBF;
    size_t len = 1;
    while (static_cast<int>(len) <= need && i + len < bytes.size()) {
      const uint8_t b = byte(i + len);
      if (b < (len == 1 ? lo : 0x80) || b > (len == 1 ? hi : 0xBF)) break;
      ++len;
    }
    const bool surrogate = lead == 0xED && len > 1 && byte(i + 1) >= 0xA0;
    if (static_cast<int>(len) == need + 1 && !surrogate) {
      out->append(bytes.substr(i, len));
    } else {
      out->append("\xEF\xBF\xBD");
    }
    i += len;
  }
}

// Java's String.compareTo (UTF-16 code units) on UTF-8 text: code points compare in order,
// except that U+E000..U+FFFF sort after the supplementary planes (whose surrogates are
// D800..DFFF).
bool JavaStringLess(std::string_view a, std::string_view b) {
  auto next = [](std::string_view s, size_t* i) -> uint32_t {
    const auto lead = static_cast<uint8_t>(s[(*i)++]);
    const int extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
    uint32_t cp = extra == 0 ? lead : lead & (0x3F >> extra);
    for (int k = 0; k < extra && *i < s.size(); ++k) cp = cp << 6 | (s[(*i)++] & 0x3F);
    return cp >= 0xE000 && cp <= 0xFFFF ? cp + 0x110000 : cp;
  };
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const uint32_t x = next(a, &i), y = next(b, &j);
    if (x != y) return x < y;
  }
  return i == a.size() && j < b.size();
}

void AppendHive(const vector::Vector& v, size_t row, bool nested, const ResultFormatOptions& o,
                std::string* out) {
  if (v.IsNull(row) || v.type().id() == TypeId::kNull) {
    *out += nested ? "null" : "NULL";
    return;
  }
  switch (v.type().id()) {
    case TypeId::kString: {
      // Nested strings are quoted but not escaped, as Spark prints them.
      const std::string_view text = v.data<vector::StringRef>()[row].view();
      if (nested) out->push_back('"');
      out->append(text);
      if (nested) out->push_back('"');
      return;
    }
    case TypeId::kBinary:
      AppendUtf8Decoded(v.data<vector::StringRef>()[row].view(), out);
      return;
    case TypeId::kInterval: {
      types::Interval iv;
      std::memcpy(&iv, v.data<uint8_t>() + row * sizeof(iv), sizeof(iv));
      *out += types::FormatInterval(iv);
      return;
    }
    case TypeId::kYearMonthInterval:
      *out += types::FormatYearMonthInterval(v.data<int32_t>()[row], v.type(),
                                             types::IntervalStyle::kHive);
      return;
    case TypeId::kDayTimeInterval:
      *out += types::FormatDayTimeInterval(v.data<int64_t>()[row], v.type(),
                                           types::IntervalStyle::kHive);
      return;
    case TypeId::kArray: {
      const vector::ListEntry e = v.data<vector::ListEntry>()[row];
      out->push_back('[');
      for (uint32_t i = 0; i < e.length; ++i) {
        if (i > 0) out->push_back(',');
        AppendHive(v.children()[0], e.offset + i, true, o, out);
      }
      out->push_back(']');
      return;
    }
    case TypeId::kMap: {
      // Spark sorts the rendered "key:value" strings.
      const vector::ListEntry e = v.data<vector::ListEntry>()[row];
      std::vector<std::string> entries(e.length);
      for (uint32_t i = 0; i < e.length; ++i) {
        AppendHive(v.children()[0], e.offset + i, true, o, &entries[i]);
        entries[i].push_back(':');
        AppendHive(v.children()[1], e.offset + i, true, o, &entries[i]);
      }
      std::sort(entries.begin(), entries.end(), JavaStringLess);
      out->push_back('{');
      for (uint32_t i = 0; i < e.length; ++i) {
        if (i > 0) out->push_back(',');
        *out += entries[i];
      }
      out->push_back('}');
      return;
    }
    case TypeId::kStruct: {
      const std::vector<types::Field>& fields = v.type().children();
      out->push_back('{');
      for (size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) out->push_back(',');
        *out += '"' + fields[i].name + "\":";
        AppendHive(v.children()[i], row, true, o, out);
      }
      out->push_back('}');
      return;
    }
    default:
      // Numbers, booleans, dates and timestamps print as CAST AS STRING prints them.
      *out += vector::FormatValue(v, row, *o.zone);
  }
}

}  // namespace

std::string HiveText(const vector::Vector& v, size_t row, const ResultFormatOptions& o) {
  std::string out;
  AppendHive(v, row, false, o, &out);
  return out;
}

std::string CatalogString(const types::Schema& schema) {
  // Field names are printed raw, not quoted: struct<count(b):bigint>.
  return types::CatalogString(types::LogicalType::Struct(schema.fields()));
}

}  // namespace sluice::main
