#include "functions/json_reader.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <utility>

#include "common/json_text.h"
#include "functions/cast_interval.h"
#include "functions/kernel_util.h"
#include "types/civil_date.h"
#include "types/decimal.h"
#include "types/text_parsing.h"
#include "vector/value_formatter.h"

namespace sluice::functions {

using simdjson::dom::element;
using simdjson::dom::element_type;
using types::TypeId;

namespace {

// The number's text as Jackson copies it (integers exact, doubles as Java prints them).
std::string NumberText(element e) {
  switch (e.type()) {
    case element_type::INT64:
      return std::to_string(int64_t(e));
    case element_type::UINT64:
      return std::to_string(uint64_t(e));
    default:
      return vector::FormatJavaDouble(double(e));
  }
}

// A number RelaxJson kept as text: the string "\0#<number>".
constexpr std::string_view kExactNumberMark("\0#", 2);

std::optional<std::string_view> ExactNumber(element e) {
  if (e.type() != element_type::STRING) return std::nullopt;
  const std::string_view s(e);
  if (s.substr(0, kExactNumberMark.size()) != kExactNumberMark) return std::nullopt;
  return s.substr(kExactNumberMark.size());
}

bool IsNumber(element_type t) {
  return t == element_type::INT64 || t == element_type::UINT64 || t == element_type::DOUBLE;
}

// The special floating-point strings Spark reads with allowNonNumericNumbers.
std::optional<double> NonNumericNumber(std::string_view s) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
  if (s == "Infinity" || s == "+Infinity" || s == "INF" || s == "+INF") return kInf;
  if (s == "-Infinity" || s == "-INF") return -kInf;
  return std::nullopt;
}

bool SetInteger(element e, vector::Vector& out, size_t row) {
  if (e.type() != element_type::INT64) return false;
  const int64_t v = int64_t(e);
  switch (out.type().id()) {
    case TypeId::kTinyInt:
      if (v < INT8_MIN || v > INT8_MAX) return false;
      Set(out, row, static_cast<int8_t>(v));
      return true;
    case TypeId::kSmallInt:
      if (v < INT16_MIN || v > INT16_MAX) return false;
      Set(out, row, static_cast<int16_t>(v));
      return true;
    case TypeId::kInt:
      if (v < INT32_MIN || v > INT32_MAX) return false;
      Set(out, row, static_cast<int32_t>(v));
      return true;
    default:
      Set(out, row, v);
      return true;
  }
}

// The JSON words Jackson reads as numbers with ALLOW_NON_NUMERIC_NUMBERS.
constexpr std::string_view kNonNumeric[] = {"-Infinity", "+Infinity", "Infinity", "NaN",
                                            "-INF",      "+INF",      "INF"};

// `text` as standard JSON under `lenient`; nullopt when nothing needed rewriting.
std::optional<std::string> RelaxJson(std::string_view text, const JsonLeniency& lenient) {
  std::string out;
  bool changed = false;
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '"') {  // a standard string, copied through its closing quote
      const size_t start = i++;
      while (i < text.size() && text[i] != '"') i += text[i] == '\\' ? 2 : 1;
      i = std::min(i + 1, text.size());
      out.append(text.substr(start, i - start));
    } else if (c == '\'' && lenient.single_quotes) {
      changed = true;
      out.push_back('"');
      for (++i; i < text.size() && text[i] != '\''; ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) {
          if (text[i + 1] != '\'') out.push_back('\\');
          out.push_back(text[++i]);
        } else {
          if (text[i] == '"') out.push_back('\\');
          out.push_back(text[i]);
        }
      }
      out.push_back('"');
      ++i;
    } else if (lenient.non_numeric_numbers &&
               std::any_of(std::begin(kNonNumeric), std::end(kNonNumeric),
                           [&](std::string_view w) { return text.substr(i, w.size()) == w; })) {
      for (std::string_view w : kNonNumeric) {
        if (text.substr(i, w.size()) != w) continue;
        changed = true;
        out.push_back('"');
        out.append(w);
        out.push_back('"');
        i += w.size();
        break;
      }
    } else if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) {
      size_t end = i + 1;
      while (end < text.size() &&
             std::string_view("0123456789+-.eE").find(text[end]) != std::string_view::npos)
        ++end;
      std::string number(text.substr(i, end - i));
      i = end;
      const size_t first = number[0] == '-' ? 1 : 0;
      if (lenient.numeric_leading_zeros) {  // 007 is 7
        size_t zeros = 0;
        while (first + zeros + 1 < number.size() && number[first + zeros] == '0' &&
               std::isdigit(static_cast<unsigned char>(number[first + zeros + 1])))
          ++zeros;
        changed |= zeros > 0;
        number.erase(first, zeros);
      }
      const size_t mantissa = number.find_first_of("eE");
      const size_t digits = std::count_if(
          number.begin(), mantissa == std::string::npos ? number.end() : number.begin() + mantissa,
          [](char d) { return std::isdigit(static_cast<unsigned char>(d)); });
      if (lenient.exact_numbers && digits > 15) {  // more than a double holds exactly
        changed = true;
        out += "\"\\u0000#" + number + "\"";
      } else {
        out += number;
      }
    } else {
      out.push_back(c);
      ++i;
    }
  }
  if (!changed) return std::nullopt;
  return out;
}

}  // namespace

std::optional<element> ParseJson(simdjson::dom::parser& parser, std::string_view text,
                                 const JsonLeniency& lenient) {
  element e;
  // Long numbers are marked before parsing (RelaxJson changes valid JSON in no other way);
  // other text is relaxed only when it does not parse as it is.
  if (!lenient.exact_numbers && parser.parse(text.data(), text.size()).get(e) == simdjson::SUCCESS)
    return e;
  const std::optional<std::string> relaxed = RelaxJson(text, lenient);
  if (!relaxed && !lenient.exact_numbers) return std::nullopt;
  const simdjson::error_code error =
      relaxed ? parser.parse(*relaxed).get(e) : parser.parse(text.data(), text.size()).get(e);
  if (error != simdjson::SUCCESS) return std::nullopt;
  return e;
}

void AppendJsonElement(element e, std::string* out) {
  switch (e.type()) {
    case element_type::ARRAY: {
      out->push_back('[');
      bool first = true;
      for (element child : simdjson::dom::array(e)) {
        if (!first) out->push_back(',');
        first = false;
        AppendJsonElement(child, out);
      }
      out->push_back(']');
      return;
    }
    case element_type::OBJECT: {
      out->push_back('{');
      bool first = true;
      for (auto field : simdjson::dom::object(e)) {
        if (!first) out->push_back(',');
        first = false;
        AppendJsonString(out, field.key);
        out->push_back(':');
        AppendJsonElement(field.value, out);
      }
      out->push_back('}');
      return;
    }
    case element_type::STRING:
      if (std::optional<std::string_view> number = ExactNumber(e))
        *out += *number;
      else
        AppendJsonString(out, std::string_view(e));
      return;
    case element_type::BOOL:
      *out += bool(e) ? "true" : "false";
      return;
    case element_type::NULL_VALUE:
      *out += "null";
      return;
    default:
      *out += NumberText(e);
  }
}

std::string JsonElementText(element e) {
  if (e.type() == element_type::STRING && !ExactNumber(e)) return std::string(std::string_view(e));
  std::string out;
  AppendJsonElement(e, &out);
  return out;
}

Status JsonReader::Read(std::string_view text, vector::Vector& out, size_t row) {
  const bool is_struct = out.type().id() == TypeId::kStruct;
  std::optional<element> doc = ParseJson(parser_, text, lenient_);
  bool ok = false;
  bool partial = false;  // a struct's fields were read, some perhaps not
  if (doc) {
    const element_type t = doc->type();
    if (is_struct) {
      if (t == element_type::OBJECT) {
        partial = true;
        ok = ConvertStruct(simdjson::dom::object(*doc), out, row, /*partial=*/true);
      } else if (t == element_type::ARRAY) {
        // An array holding one object is that record; an empty one is no record.
        simdjson::dom::array a(*doc);
        if (a.size() == 0) {
          out.SetNull(row);
          return Status::OK();
        }
        partial = a.size() == 1 && a.at(0).type() == element_type::OBJECT;
        ok = partial && ConvertStruct(simdjson::dom::object(a.at(0)), out, row, /*partial=*/true);
      }
    } else if (out.type().id() == TypeId::kArray && t == element_type::OBJECT &&
               out.type().children()[0].type.id() == TypeId::kStruct) {
      SLUICE_ASSIGN_OR_RAISE(uint32_t at, out.AppendListEntry(row, 1));
      ok = ConvertStruct(simdjson::dom::object(*doc), out.children()[0], at, false);
      if (ok) out.validity().SetValid(row);
    } else {
      ok = Convert(*doc, out, row);
    }
  }
  if (!error_.ok()) return std::exchange(error_, Status::OK());
  if (ok) return Status::OK();
  if (mode_ == ParseMode::kFailFast)
    return Status::Invalid(
        "[MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION] Malformed records are detected in "
        "record parsing: " +
        std::string(text) +
        ". Parse Mode: FAILFAST. To process malformed records as null result, try setting the "
        "option 'mode' as 'PERMISSIVE'.");
  if (!is_struct) {
    out.SetNull(row);
  } else if (!partial) {
    for (vector::Vector& child : out.children()) child.SetNull(row);
    out.validity().SetValid(row);
  }
  return Status::OK();  // a struct keeps the fields that were read
}

bool JsonReader::ConvertStruct(simdjson::dom::object o, vector::Vector& out, size_t row,
                               bool partial) {
  const std::vector<types::Field>& fields = out.type().children();
  for (vector::Vector& child : out.children()) child.SetNull(row);
  bool all_ok = true;
  for (auto field : o) {
    for (size_t i = 0; i < fields.size(); ++i) {
      if (fields[i].name != field.key) continue;
      if (!Convert(field.value, out.children()[i], row)) {
        if (!partial) return false;
        out.children()[i].SetNull(row);
        all_ok = false;
      }
    }
  }
  out.validity().SetValid(row);
  return all_ok;
}

bool JsonReader::ConvertExactNumber(std::string_view number, vector::Vector& out, size_t row) {
  const TypeId id = out.type().id();
  switch (id) {
    case TypeId::kTinyInt:
    case TypeId::kSmallInt:
    case TypeId::kInt:
    case TypeId::kBigInt: {
      int64_t v;  // long enough to be marked: only a BIGINT can hold it
      if (id != TypeId::kBigInt || !types::ParseInteger(number, INT64_MIN, INT64_MAX, &v))
        return false;
      Set(out, row, v);
      return true;
    }
    case TypeId::kFloat:
    case TypeId::kDouble: {
      double d;
      if (!types::ParseDouble(number, &d)) return false;
      if (id == TypeId::kFloat)
        Set(out, row, static_cast<float>(d));
      else
        Set(out, row, d);
      return true;
    }
    case TypeId::kDecimal: {
      types::Int128 v;
      if (!types::ParseDecimal(number, out.type().precision(), out.type().scale(), &v))
        return false;
      Set(out, row, v);
      return true;
    }
    case TypeId::kString:
      Set(out, row, number);
      return true;
    default:
      return false;
  }
}

bool JsonReader::Convert(element e, vector::Vector& out, size_t row) {
  const element_type t = e.type();
  if (t == element_type::NULL_VALUE) {
    out.SetNull(row);
    return true;
  }
  const TypeId id = out.type().id();
  if (std::optional<std::string_view> number = ExactNumber(e))
    return ConvertExactNumber(*number, out, row);
  switch (id) {
    case TypeId::kBoolean:
      if (t != element_type::BOOL) return false;
      Set(out, row, bool(e));
      return true;
    case TypeId::kTinyInt:
    case TypeId::kSmallInt:
    case TypeId::kInt:
    case TypeId::kBigInt:
      return SetInteger(e, out, row);
    case TypeId::kFloat:
    case TypeId::kDouble: {
      double d;
      if (IsNumber(t)) {
        d = t == element_type::INT64    ? static_cast<double>(int64_t(e))
            : t == element_type::UINT64 ? static_cast<double>(uint64_t(e))
                                        : double(e);
      } else if (t == element_type::STRING) {
        std::optional<double> special = NonNumericNumber(std::string_view(e));
        if (!special) return false;
        d = *special;
      } else {
        return false;
      }
      if (id == TypeId::kFloat)
        Set(out, row, static_cast<float>(d));
      else
        Set(out, row, d);
      return true;
    }
    case TypeId::kDecimal: {
      const std::string text = t == element_type::STRING ? std::string(std::string_view(e))
                               : IsNumber(t)             ? NumberText(e)
                                                         : std::string();
      types::Int128 v;
      if (text.empty() ||
          !types::ParseDecimal(text, out.type().precision(), out.type().scale(), &v))
        return false;
      Set(out, row, v);
      return true;
    }
    case TypeId::kString:
      Set(out, row, JsonElementText(e));
      return true;
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz: {
      int64_t v;
      if (t == element_type::INT64 && id != TypeId::kDate) {
        // A number is seconds since the epoch.
        Set(out, row, int64_t(e) * types::kMicrosPerSecond);
        return true;
      }
      if (t != element_type::STRING) return false;
      Result<bool> parsed = ParseDateTimeText(std::string_view(e), id, formats_, zone_, &v);
      if (!parsed.ok() && error_.ok()) error_ = parsed.status();
      if (!parsed.ok() || !*parsed) return false;
      if (id == TypeId::kDate)
        Set(out, row, static_cast<int32_t>(v));
      else
        Set(out, row, v);
      return true;
    }
    case TypeId::kArray: {
      if (t != element_type::ARRAY) return false;
      simdjson::dom::array a(e);
      auto at = out.AppendListEntry(row, static_cast<uint32_t>(a.size()));
      if (!at.ok()) return false;
      uint32_t i = *at;
      for (element child : a)
        if (!Convert(child, out.children()[0], i++)) return false;
      out.validity().SetValid(row);
      return true;
    }
    case TypeId::kMap: {
      if (t != element_type::OBJECT || out.type().children()[0].type.id() != TypeId::kString)
        return false;
      simdjson::dom::object o(e);
      auto at = out.AppendListEntry(row, static_cast<uint32_t>(o.size()));
      if (!at.ok()) return false;
      uint32_t i = *at;
      for (auto field : o) {
        Set(out.children()[0], i, field.key);
        if (!Convert(field.value, out.children()[1], i++)) return false;
      }
      out.validity().SetValid(row);
      return true;
    }
    case TypeId::kStruct:
      return t == element_type::OBJECT &&
             ConvertStruct(simdjson::dom::object(e), out, row, /*partial=*/false);
    case TypeId::kInterval:
    case TypeId::kYearMonthInterval:
    case TypeId::kDayTimeInterval:
      return t == element_type::STRING && ReadIntervalText(std::string_view(e), out, row);
    default:
      return false;  // BINARY: not read from JSON here
  }
}

}  // namespace sluice::functions
