// Numbers as text: format_string / printf (java.util.Formatter's %s %d %x %o %f %e %g %c %b
// %% %n with flags, width, precision and n$ indexes; arguments are Spark's internal values,
// so a DATE prints as its day number, as in Spark) and format_number (DecimalFormat,
// HALF_EVEN).
#include <charconv>
#include <cmath>

#include "functions/function_registry.h"
#include "functions/kernel_util.h"
#include "functions/string_arguments.h"
#include "functions/string_utf8.h"
#include "types/decimal.h"
#include "vector/value_formatter.h"

namespace sluice::functions {

using types::LogicalType;
using types::TypeId;
using vector::Vector;
using Args = std::vector<const Vector*>;
using SV = std::string_view;

namespace {

// A number as fixed-point text: sign, integer digits, fraction digits.
struct Fixed {
  bool negative = false;
  std::string whole = "0";
  std::string fraction;
};

Fixed ParseFixed(SV text) {
  Fixed f;
  if (!text.empty() && text[0] == '-') {
    f.negative = true;
    text.remove_prefix(1);
  }
  const size_t dot = text.find('.');
  f.whole = std::string(text.substr(0, dot));
  if (f.whole.empty()) f.whole = "0";
  if (dot != SV::npos) f.fraction = std::string(text.substr(dot + 1));
  return f;
}

// Rounds to `places` fraction digits (padding with zeros), HALF_EVEN or HALF_UP.
void Round(Fixed& f, size_t places, bool half_even) {
  if (f.fraction.size() <= places) {
    f.fraction.append(places - f.fraction.size(), '0');
    return;
  }
  const char next = f.fraction[places];
  const bool rest_zero = f.fraction.find_first_not_of('0', places + 1) == std::string::npos;
  std::string digits = f.whole + f.fraction.substr(0, places);
  const bool last_odd = (digits.back() - '0') % 2 == 1;
  const bool up = next > '5' || (next == '5' && (!rest_zero || !half_even || last_odd));
  if (up) {
    size_t i = digits.size();
    while (i > 0 && digits[i - 1] == '9') digits[--i] = '0';
    if (i == 0)
      digits.insert(digits.begin(), '1');
    else
      ++digits[i - 1];
  }
  f.whole = digits.substr(0, digits.size() - places);
  f.fraction = digits.substr(digits.size() - places);
  if (f.whole.find_first_not_of('0') == std::string::npos &&
      f.fraction.find_first_not_of('0') == std::string::npos)
    f.negative = false;
}

std::string Group(const std::string& whole, size_t size = 3) {
  std::string out;
  for (size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % size == 0) out += ',';
    out += whole[i];
  }
  return out;
}

// The shortest decimal text that reads back as `d` (what Java's Formatter rounds from).
std::string ShortestFixed(double d) {
  char buffer[400];
  auto r = std::to_chars(buffer, buffer + sizeof(buffer), d, std::chars_format::fixed);
  return std::string(buffer, r.ptr);
}

// The exact binary value to 30 more places than asked (DecimalFormat rounds the exact value).
std::string ExactFixed(double d, size_t places) {
  std::vector<char> buffer(400 + places);
  snprintf(buffer.data(), buffer.size(), "%.*f", static_cast<int>(places + 30), d);
  return buffer.data();
}

// ---- format_string ----

// One argument as java.util.Formatter sees Spark's internal value.
struct FormatArg {
  enum Kind { kNull, kInteger, kFloating, kDecimal, kText, kBoolean } kind = kNull;
  int64_t integer = 0;
  int bits = 64;  // width of the Java integer type, for %x / %o of negatives
  double floating = 0;
  std::string text;  // strings, and decimals as fixed text
  bool boolean = false;
};

FormatArg ReadArg(const Vector& v, size_t row, const FunctionContext& ctx) {
  FormatArg a;
  if (v.IsNull(row) || v.type().id() == TypeId::kNull) return a;
  auto integer = [&](int64_t value, int bits) {
    a.kind = FormatArg::kInteger;
    a.integer = value;
    a.bits = bits;
  };
  switch (v.type().id()) {
    case TypeId::kBoolean:
      a.kind = FormatArg::kBoolean;
      a.boolean = Get<bool>(v, row);
      a.text = a.boolean ? "true" : "false";
      return a;
    case TypeId::kTinyInt:
      integer(Get<int8_t>(v, row), 8);
      break;
    case TypeId::kSmallInt:
      integer(Get<int16_t>(v, row), 16);
      break;
    case TypeId::kInt:
    case TypeId::kDate:
      integer(Get<int32_t>(v, row), 32);
      break;
    case TypeId::kBigInt:
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz:
      integer(Get<int64_t>(v, row), 64);
      break;
    case TypeId::kFloat:
      a.kind = FormatArg::kFloating;
      a.floating = Get<float>(v, row);
      a.text = vector::FormatJavaFloat(Get<float>(v, row));
      return a;
    case TypeId::kDouble:
      a.kind = FormatArg::kFloating;
      a.floating = Get<double>(v, row);
      a.text = vector::FormatJavaDouble(a.floating);
      return a;
    case TypeId::kDecimal:
      a.kind = FormatArg::kDecimal;
      a.text = types::FormatDecimal(Get<types::Int128>(v, row), v.type().scale());
      return a;
    default:
      a.kind = FormatArg::kText;
      a.text = v.type().IsStringLike() ? std::string(Get<SV>(v, row))
                                       : vector::FormatValue(v, row, *ctx.zone);
      return a;
  }
  a.text = std::to_string(a.integer);
  return a;
}

struct Spec {
  std::string flags;
  int width = -1;
  int precision = -1;
  char conversion = 0;
  bool Has(char f) const { return flags.find(f) != std::string::npos; }
};

Status BadConversion(char c, const FormatArg& a) {
  static const char* kJava[] = {"null",
                                "java.lang.Long",
                                "java.lang.Double",
                                "java.math.BigDecimal",
                                "java.lang.String",
                                "java.lang.Boolean"};
  return Status::Invalid(std::string("[FORMAT_STRING] IllegalFormatConversionException: ") + c +
                         " != " + kJava[a.kind]);
}

std::string Pad(std::string body, const Spec& s) {
  const size_t chars = utf8::CharCount(body);
  if (s.width < 0 || chars >= static_cast<size_t>(s.width)) return body;
  const size_t missing = static_cast<size_t>(s.width) - chars;
  if (s.Has('-')) return body + std::string(missing, ' ');
  return std::string(missing, ' ') + body;
}

// Sign, grouping, zero padding and parentheses for a formatted magnitude.
std::string Decorate(bool negative, std::string magnitude, const Spec& s) {
  std::string prefix, suffix;
  if (negative) {
    if (s.Has('(')) {
      prefix = "(";
      suffix = ")";
    } else {
      prefix = "-";
    }
  } else if (s.Has('+')) {
    prefix = "+";
  } else if (s.Has(' ')) {
    prefix = " ";
  }
  if (s.Has('0') && s.width > 0) {
    const size_t used = prefix.size() + suffix.size() + magnitude.size();
    if (used < static_cast<size_t>(s.width))
      magnitude.insert(0, static_cast<size_t>(s.width) - used, '0');
  }
  return prefix + magnitude + suffix;
}

std::string Scientific(double d, int precision, bool upper) {
  // Shortest digits first, then HALF_UP to `precision` places, as Java does.
  char buffer[64];
  auto r =
      std::to_chars(buffer, buffer + sizeof(buffer), std::fabs(d), std::chars_format::scientific);
  const std::string text(buffer, r.ptr);
  const size_t e = text.find('e');
  int exponent = std::stoi(text.substr(e + 1));
  Fixed mantissa = ParseFixed(text.substr(0, e));
  Round(mantissa, static_cast<size_t>(precision), false);
  if (mantissa.whole.size() > 1) {  // 9.99 rounded up to 10.0
    mantissa.fraction = mantissa.whole.substr(1) + mantissa.fraction;
    mantissa.fraction.resize(static_cast<size_t>(precision));
    mantissa.whole = mantissa.whole.substr(0, 1);
    ++exponent;
  }
  if (d == 0) exponent = 0;
  char exp_text[16];
  snprintf(exp_text, sizeof(exp_text), "%c%c%02d", upper ? 'E' : 'e', exponent < 0 ? '-' : '+',
           std::abs(exponent));
  return mantissa.whole + (precision > 0 ? "." + mantissa.fraction : "") + exp_text;
}

Result<std::string> FormatOne(const Spec& s, const FormatArg& a) {
  const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(s.conversion)));
  const bool upper = std::isupper(static_cast<unsigned char>(s.conversion));
  std::string body;
  if (a.kind == FormatArg::kNull && c != 'b') {
    body = "null";
  } else {
    switch (c) {
      case 'b':
        body = a.kind == FormatArg::kNull      ? "false"
               : a.kind == FormatArg::kBoolean ? (a.boolean ? "true" : "false")
                                               : "true";
        break;
      case 's':
        body = a.text;
        if (s.precision >= 0)
          body = std::string(utf8::Slice(body, 0, static_cast<size_t>(s.precision)));
        break;
      case 'c': {
        if (a.kind != FormatArg::kInteger) return BadConversion(s.conversion, a);
        if (a.integer < 0 || a.integer > 0x10FFFF)
          return Status::Invalid("[FORMAT_STRING] IllegalFormatCodePointException: Code point = " +
                                 std::to_string(a.integer));
        utf8::Append(body, static_cast<char32_t>(a.integer));
        break;
      }
      case 'd': {
        if (a.kind != FormatArg::kInteger) return BadConversion(s.conversion, a);
        std::string digits = std::to_string(a.integer);
        if (a.integer < 0) digits.erase(0, 1);
        if (s.Has(',')) digits = Group(digits);
        body = Decorate(a.integer < 0, digits, s);
        break;
      }
      case 'x':
      case 'o': {
        if (a.kind != FormatArg::kInteger) return BadConversion(s.conversion, a);
        uint64_t u = static_cast<uint64_t>(a.integer);
        if (a.bits < 64) u &= (uint64_t{1} << a.bits) - 1;
        char buffer[32];
        snprintf(buffer, sizeof(buffer), c == 'x' ? "%llx" : "%llo",
                 static_cast<unsigned long long>(u));
        std::string digits = buffer;
        if (s.Has('#')) digits = (c == 'x' ? "0x" : "0") + digits;
        body = Decorate(false, digits, s);
        break;
      }
      case 'f':
      case 'e':
      case 'g': {
        if (a.kind != FormatArg::kFloating && a.kind != FormatArg::kDecimal)
          return BadConversion(s.conversion, a);
        const double d = a.kind == FormatArg::kFloating ? a.floating : std::stod(a.text);
        if (std::isnan(d) || std::isinf(d)) {
          body = std::isnan(d) ? "NaN"
                               : (d < 0 ? "-Infinity" : (s.Has('+') ? "+Infinity" : "Infinity"));
          break;
        }
        int precision = s.precision < 0 ? 6 : s.precision;
        bool fixed = c == 'f';
        size_t places = static_cast<size_t>(precision);
        if (c == 'g') {
          // Java's %g: `precision` significant digits, in fixed notation when the rounded
          // value is 0 or in [10^-4, 10^precision), else in scientific notation.
          precision = std::max(precision, 1);
          const double rounded = std::fabs(std::stod(Scientific(d, precision - 1, false)));
          const int exponent = rounded == 0 ? 0 : static_cast<int>(std::floor(std::log10(rounded)));
          fixed = rounded == 0 || (rounded >= 1e-4 && rounded < std::pow(10.0, precision));
          places = static_cast<size_t>(std::max(precision - exponent - 1, 0));
          --precision;
        }
        std::string magnitude;
        if (fixed) {
          Fixed f = ParseFixed(a.kind == FormatArg::kDecimal ? a.text : ShortestFixed(d));
          Round(f, places, false);
          magnitude =
              (s.Has(',') ? Group(f.whole) : f.whole) + (places > 0 ? "." + f.fraction : "");
        } else {
          magnitude = Scientific(d, precision, upper);
        }
        body = Decorate(std::signbit(d), magnitude, s);
        break;
      }
      default:
        return Status::Invalid(std::string("[FORMAT_STRING] UnknownFormatConversionException: "
                                           "Conversion = '") +
                               s.conversion + "'");
    }
  }
  if (upper) body = utf8::ToUpper(body);
  return Pad(std::move(body), s);
}

// A width, precision or argument index; Java refuses ones past Integer.MAX_VALUE, and a
// result that long could not be held anyway, so more than a million is refused here.
Result<int> ParseCount(SV digits) {
  int value = 0;
  auto r = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (r.ec != std::errc() || value > 1000000)
    return Status::Invalid("[FORMAT_STRING] width, precision or index too large: " +
                           std::string(digits));
  return value;
}

Result<std::string> FormatString(SV format, const std::vector<FormatArg>& args) {
  std::string out;
  size_t ordinary = 0;  // the next argument for specifiers without an index
  int last = -1;        // the argument of the previous specifier (for %<s)
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%') {
      out += format[i];
      continue;
    }
    const size_t start = i++;
    Spec s;
    // [index$][flags][width][.precision]conversion
    size_t j = i;
    while (j < format.size() && std::isdigit(static_cast<unsigned char>(format[j]))) ++j;
    int index = -1;
    if (j < format.size() && format[j] == '$' && j > i) {
      SLUICE_ASSIGN_OR_RAISE(index, ParseCount(format.substr(i, j - i)));
      --index;
      i = j + 1;
    }
    while (i < format.size() && SV("-#+ 0,(<").find(format[i]) != SV::npos) s.flags += format[i++];
    size_t w = i;
    while (w < format.size() && std::isdigit(static_cast<unsigned char>(format[w]))) ++w;
    if (w > i) {
      SLUICE_ASSIGN_OR_RAISE(s.width, ParseCount(format.substr(i, w - i)));
    }
    i = w;
    if (i < format.size() && format[i] == '.') {
      size_t p = ++i;
      while (p < format.size() && std::isdigit(static_cast<unsigned char>(format[p]))) ++p;
      if (p == i)
        return Status::Invalid("[FORMAT_STRING] IllegalFormatPrecisionException in '" +
                               std::string(format.substr(start)) + "'");
      SLUICE_ASSIGN_OR_RAISE(s.precision, ParseCount(format.substr(i, p - i)));
      i = p;
    }
    if (i >= format.size())
      return Status::Invalid("[FORMAT_STRING] UnknownFormatConversionException: Conversion = '%'");
    s.conversion = format[i];
    if (s.conversion == '%') {
      out += Pad("%", s);
      continue;
    }
    if (s.conversion == 'n') {
      out += '\n';
      continue;
    }
    int chosen = s.Has('<') ? last : (index >= 0 ? index : static_cast<int>(ordinary++));
    if (chosen < 0 || static_cast<size_t>(chosen) >= args.size())
      return Status::Invalid("[FORMAT_STRING] MissingFormatArgumentException: Format specifier '" +
                             std::string(format.substr(start, i - start + 1)) + "'");
    last = chosen;
    SLUICE_ASSIGN_OR_RAISE(std::string piece, FormatOne(s, args[static_cast<size_t>(chosen)]));
    out += piece;
  }
  return out;
}

Result<BoundScalar> BindFormatString(const std::string& fn, const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgCount(fn, args.size(), 1, SIZE_MAX));
  BoundScalar bound;
  SLUICE_ASSIGN_OR_RAISE(LogicalType format, Coerce(fn, 0, args[0].type, Accept::kString));
  // Java versions disagree on %0$; Spark refuses it in a literal format.
  if (std::optional<std::string> text = ConstantString(args[0]);
      text && text->find("%0$") != std::string::npos)
    return Status::Invalid(
        "[INVALID_PARAMETER_VALUE.ZERO_INDEX] The value of parameter(s) `strfmt` in `" + fn +
        "` is invalid: expects %1$, %2$ and so on, but got %0$.");
  bound.argument_types.push_back(format);
  for (size_t i = 1; i < args.size(); ++i) bound.argument_types.push_back(args[i].type);
  bound.return_type = TypeId::kString;
  bound.kernel = [](const FunctionContext& ctx, const Args& in, size_t rows,
                    Vector& out) -> Status {
    std::vector<FormatArg> values(in.size() - 1);
    for (size_t r = 0; r < rows; ++r) {
      if (in[0]->IsNull(r)) {
        out.SetNull(r);
        continue;
      }
      for (size_t i = 1; i < in.size(); ++i) values[i - 1] = ReadArg(*in[i], r, ctx);
      SLUICE_ASSIGN_OR_RAISE(std::string text, FormatString(Get<SV>(*in[0], r), values));
      Set(out, r, text);
    }
    return Status::OK();
  };
  return bound;
}

// ---- format_number ----

// The parts of a DecimalFormat pattern that Spark users write: #,##0.00 with an optional
// literal prefix and suffix.
struct NumberPattern {
  std::string prefix, suffix;
  size_t min_whole = 1, min_fraction = 0, max_fraction = 0, grouping = 0;
};

NumberPattern ParseNumberPattern(SV p) {
  NumberPattern n;
  size_t begin = p.find_first_of("#0,.");
  if (begin == SV::npos) {
    n.prefix = std::string(p);
    return n;
  }
  size_t end = p.find_last_of("#0,.") + 1;
  n.prefix = std::string(p.substr(0, begin));
  n.suffix = std::string(p.substr(end));
  const SV body = p.substr(begin, end - begin);
  const size_t dot = body.find('.');
  const SV whole = body.substr(0, dot);
  n.min_whole = static_cast<size_t>(std::count(whole.begin(), whole.end(), '0'));
  const size_t comma = whole.rfind(',');
  if (comma != SV::npos) n.grouping = whole.size() - comma - 1;
  if (dot != SV::npos) {
    const SV fraction = body.substr(dot + 1);
    n.min_fraction = static_cast<size_t>(std::count(fraction.begin(), fraction.end(), '0'));
    n.max_fraction =
        n.min_fraction + static_cast<size_t>(std::count(fraction.begin(), fraction.end(), '#'));
  }
  return n;
}

std::string ApplyPattern(Fixed f, const NumberPattern& p) {
  Round(f, p.max_fraction, true);
  while (f.fraction.size() > p.min_fraction && f.fraction.back() == '0') f.fraction.pop_back();
  std::string whole = f.whole.substr(std::min(f.whole.find_first_not_of('0'), f.whole.size()));
  if (whole.size() < p.min_whole) whole.insert(0, p.min_whole - whole.size(), '0');
  if (p.grouping > 0) whole = Group(whole, p.grouping);
  std::string out = (f.negative ? "-" : "") + p.prefix + whole;
  if (!f.fraction.empty()) out += "." + f.fraction;
  return out + p.suffix;
}

Fixed NumberAsFixed(const Vector& v, size_t row, size_t places) {
  switch (v.type().id()) {
    case TypeId::kFloat:
      return ParseFixed(ExactFixed(Get<float>(v, row), places));
    case TypeId::kDouble:
      return ParseFixed(ExactFixed(Get<double>(v, row), places));
    case TypeId::kDecimal:
      return ParseFixed(types::FormatDecimal(Get<types::Int128>(v, row), v.type().scale()));
    case TypeId::kTinyInt:
      return ParseFixed(std::to_string(Get<int8_t>(v, row)));
    case TypeId::kSmallInt:
      return ParseFixed(std::to_string(Get<int16_t>(v, row)));
    case TypeId::kInt:
      return ParseFixed(std::to_string(Get<int32_t>(v, row)));
    default:
      return ParseFixed(std::to_string(Get<int64_t>(v, row)));
  }
}

Result<BoundScalar> BindFormatNumber(const FunctionContext&,
                                     const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgCount("format_number", args.size(), 2, 2));
  BoundScalar bound;
  SLUICE_RETURN_NOT_OK(Coerce("format_number", 0, args[0].type, Accept::kDouble).status());
  LogicalType x = args[0].type;
  if (x.id() == TypeId::kString || x.id() == TypeId::kNull) x = TypeId::kDouble;
  const bool pattern = args[1].type.id() == TypeId::kString;
  SLUICE_ASSIGN_OR_RAISE(LogicalType d, Coerce("format_number", 1, args[1].type,
                                               pattern ? Accept::kString : Accept::kInt));
  bound.argument_types = {x, d};
  bound.return_type = TypeId::kString;
  bound.kernel = [pattern](const FunctionContext&, const Args& in, size_t rows,
                           Vector& out) -> Status {
    for (size_t r = 0; r < rows; ++r) {
      if (in[0]->IsNull(r) || in[1]->IsNull(r)) {
        out.SetNull(r);
        continue;
      }
      NumberPattern p;
      if (pattern) {
        const SV text = Get<SV>(*in[1], r);
        p = ParseNumberPattern(text.empty() ? SV("#,###,###,###,###,###,##0") : text);
      } else {
        // DecimalFormat shows at most 340 fraction digits.
        const int32_t places = std::min(Get<int32_t>(*in[1], r), 340);
        if (places < 0) {
          out.SetNull(r);
          continue;
        }
        p.grouping = 3;
        p.min_fraction = p.max_fraction = static_cast<size_t>(places);
      }
      const TypeId id = in[0]->type().id();
      if (id == TypeId::kDouble || id == TypeId::kFloat) {
        const double d = id == TypeId::kDouble ? Get<double>(*in[0], r) : Get<float>(*in[0], r);
        if (std::isnan(d) || std::isinf(d)) {
          Set(out, r, std::string(std::isnan(d) ? "NaN" : (d < 0 ? "-\u221E" : "\u221E")));
          continue;
        }
      }
      Set(out, r, ApplyPattern(NumberAsFixed(*in[0], r, p.max_fraction), p));
    }
    return Status::OK();
  };
  return bound;
}

}  // namespace

void RegisterStringFormatFunctions(FunctionRegistry& r) {
  for (const char* name : {"format_string", "printf"}) {
    r.Add(ScalarFunction{name,
                         std::string(name) +
                             "(strfmt, obj, ...) - Returns a formatted string from printf-style "
                             "format strings.",
                         [name](const FunctionContext&, const std::vector<BindArgument>& a) {
                           return BindFormatString(name, a);
                         }});
  }
  r.Add(ScalarFunction{"format_number",
                       "format_number(expr1, expr2) - Formats the number `expr1` like "
                       "'#,###,###.##', rounded to `expr2` decimal places.",
                       BindFormatNumber});
}

}  // namespace sluice::functions
