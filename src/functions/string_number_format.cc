// Spark's number format strings (0 9 . D , G $ S MI PR): to_number / try_to_number parse text
// into a DECIMAL whose precision and scale the format gives; to_char / to_varchar format a
// number (a DATE or TIMESTAMP goes to date_format). The format is a constant, checked and
// cut into tokens once at bind time.
#include <algorithm>

#include "functions/function_registry.h"
#include "functions/kernel_util.h"
#include "functions/string_arguments.h"
#include "functions/type_coercion.h"
#include "types/decimal.h"

namespace sluice::functions {

using types::LogicalType;
using types::TypeId;
using vector::Vector;
using Args = std::vector<const Vector*>;
using SV = std::string_view;

namespace {

// A run of digits (`exact`: it starts with 0 before the point, so the input must have that
// many digits) or, when digits == 0, a thousands separator.
struct GroupItem {
  int digits = 0;
  bool exact = false;
};

struct FormatToken {
  enum Kind { kGroups, kPoint, kDollar, kSign, kMinus, kOpen, kClose, kInvalid } kind;
  std::vector<GroupItem> items;  // kGroups, in format order
  char invalid = 0;
};

struct NumberFormat {
  std::string text;
  std::vector<FormatToken> tokens;
  int whole_digits = 0, fraction_digits = 0;
};

Status BadFormat(const std::string& sub, const std::string& format) {
  return Status::Invalid("[INVALID_FORMAT." + sub + "] The format is invalid: '" + format + "'.");
}

Result<NumberFormat> ParseFormat(const std::string& f) {
  NumberFormat n;
  n.text = f;
  if (f.empty()) return BadFormat("EMPTY", f);
  std::vector<FormatToken> raw;
  bool after_point = false;
  for (size_t i = 0; i < f.size();) {
    const char c = f[i];
    const char u = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (c == '0' || c == '9') {
      const size_t start = i;
      while (i < f.size() && (f[i] == '0' || f[i] == '9')) ++i;
      GroupItem item{static_cast<int>(i - start), c == '0' && !after_point};
      (after_point ? n.fraction_digits : n.whole_digits) += item.digits;
      if (raw.empty() || raw.back().kind != FormatToken::kGroups)
        raw.push_back({FormatToken::kGroups, {}, 0});
      raw.back().items.push_back(item);
      continue;
    }
    if (c == ',' || u == 'G') {
      if (raw.empty() || raw.back().kind != FormatToken::kGroups)
        raw.push_back({FormatToken::kGroups, {}, 0});
      raw.back().items.push_back(GroupItem{});
      ++i;
      continue;
    }
    FormatToken t{FormatToken::kInvalid, {}, c};
    if (c == '.' || u == 'D') {
      t.kind = FormatToken::kPoint;
      after_point = true;
    } else if (c == '$') {
      t.kind = FormatToken::kDollar;
    } else if (u == 'S') {
      t.kind = FormatToken::kSign;
    } else if (u == 'M' && i + 1 < f.size() &&
               std::toupper(static_cast<unsigned char>(f[i + 1])) == 'I') {
      t.kind = FormatToken::kMinus;
      ++i;
    } else if (u == 'P' && i + 1 < f.size() &&
               std::toupper(static_cast<unsigned char>(f[i + 1])) == 'R') {
      raw.insert(raw.begin(), FormatToken{FormatToken::kOpen, {}, 0});
      t.kind = FormatToken::kClose;
      ++i;
    }
    raw.push_back(std::move(t));
    ++i;
  }
  n.tokens = std::move(raw);
  const auto& tokens = n.tokens;
  auto index_of = [&](FormatToken::Kind k) -> long {
    for (size_t i = 0; i < tokens.size(); ++i)
      if (tokens[i].kind == k) return static_cast<long>(i);
    return -1;
  };
  const long dollar = index_of(FormatToken::kDollar), point = index_of(FormatToken::kPoint),
             digits = index_of(FormatToken::kGroups);
  if (digits < 0) return BadFormat("WRONG_NUM_DIGIT", f);
  if (digits < dollar) return BadFormat("CUR_MUST_BEFORE_DIGIT", f);
  if (point >= 0 && point < dollar) return BadFormat("CUR_MUST_BEFORE_DEC", f);
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind != FormatToken::kGroups) continue;
    const auto& items = tokens[i].items;
    const bool before = point < 0 || static_cast<long>(i) < point;
    for (size_t j = 0; j < items.size(); ++j) {
      if (items[j].digits > 0) continue;
      if (!before) return BadFormat("THOUSANDS_SEPS_MUST_BEFORE_DEC", f);
      if (j == 0 || j + 1 == items.size() || items[j - 1].digits == 0 || items[j + 1].digits == 0)
        return BadFormat("CONT_THOUSANDS_SEPS", f);
    }
  }
  for (FormatToken::Kind k : {FormatToken::kPoint, FormatToken::kSign, FormatToken::kMinus,
                              FormatToken::kDollar, FormatToken::kClose}) {
    if (std::count_if(tokens.begin(), tokens.end(),
                      [&](const FormatToken& t) { return t.kind == k; }) > 1)
      return BadFormat("WRONG_NUM_TOKEN", f);
  }
  // [PR] [MI | S] [$] [digits] [.] [digits] [$] [MI | S | PR]
  using K = FormatToken::Kind;
  const std::vector<std::vector<K>> order = {
      {K::kOpen},  {K::kMinus, K::kSign}, {K::kDollar}, {K::kGroups},
      {K::kPoint}, {K::kGroups},          {K::kDollar}, {K::kMinus, K::kSign, K::kClose}};
  size_t at = 0;
  for (const auto& allowed : order)
    if (at < tokens.size() &&
        std::find(allowed.begin(), allowed.end(), tokens[at].kind) != allowed.end())
      ++at;
  if (at < tokens.size()) return BadFormat("UNEXPECTED_TOKEN", f);
  return n;
}

// The digit runs of one group token must hold the input's comma-separated digit runs,
// compared from the right.
bool GroupSizesFit(const std::vector<GroupItem>& items, const std::vector<int>& sizes_right) {
  std::vector<const GroupItem*> runs;
  for (auto it = items.rbegin(); it != items.rend(); ++it)
    if (it->digits > 0) runs.push_back(&*it);
  if (sizes_right.size() > runs.size()) return false;
  for (size_t i = 0; i < runs.size(); ++i) {
    const int actual = i < sizes_right.size() ? sizes_right[i] : 0;
    if (runs[i]->exact ? actual != runs[i]->digits : actual > runs[i]->digits) return false;
  }
  return true;
}

std::optional<types::Int128> ParseNumber(SV s, const NumberFormat& f) {
  std::string whole, fraction;
  bool after_point = false, negative = false, opened = false, closed = false;
  size_t i = 0;
  for (const FormatToken& t : f.tokens) {
    const bool more = i < s.size();
    switch (t.kind) {
      case FormatToken::kGroups: {
        std::vector<int> sizes;  // from the right
        int current = 0;
        while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == ',')) {
          if (s[i] == ',') {
            sizes.insert(sizes.begin(), current);
            current = 0;
          } else {
            ++current;
            (after_point ? fraction : whole) += s[i];
          }
          ++i;
        }
        sizes.insert(sizes.begin(), current);
        if (!GroupSizesFit(t.items, sizes)) return std::nullopt;
        break;
      }
      case FormatToken::kPoint:
        if (more && s[i] == '.') {
          after_point = true;
          ++i;
        }
        break;
      case FormatToken::kDollar:
        if (more && s[i] != '$') return std::nullopt;
        if (more) ++i;
        break;
      case FormatToken::kSign:
        if (more && (s[i] == '+' || s[i] == '-')) negative ^= s[i++] == '-';
        break;
      case FormatToken::kMinus:
        if (more && s[i] == '-') {
          negative = !negative;
          ++i;
        }
        break;
      case FormatToken::kOpen:
        if (more && s[i] == '<') {
          opened = true;
          ++i;
        }
        break;
      case FormatToken::kClose:
        if (more && s[i] == '>') {
          if (!opened) return std::nullopt;
          closed = true;
          negative = !negative;
          ++i;
        }
        break;
      case FormatToken::kInvalid:
        return std::nullopt;
    }
  }
  if (i < s.size() || opened != closed || (whole.empty() && fraction.empty())) return std::nullopt;
  fraction.append(static_cast<size_t>(f.fraction_digits) - fraction.size(), '0');
  types::Int128 v = 0;
  for (char c : whole + fraction) v = v * 10 + (c - '0');
  return negative ? -v : v;
}

// Appends `c`, moving it left past the spaces before it ("  -" becomes "-  ").
void AppendPullingLeft(std::string& out, char c) {
  out += c;
  for (size_t i = out.size() - 1; i >= 1 && out[i - 1] == ' ' && out[i] == c; --i)
    std::swap(out[i - 1], out[i]);
}

// Appends a space, moving a sign or '<' before it to the right, next to the digits.
void AppendSpace(std::string& out) {
  out += ' ';
  for (size_t i = out.size() - 1;
       i >= 1 && (out[i - 1] == '+' || out[i - 1] == '-' || out[i - 1] == '<') && out[i] == ' ';
       --i)
    std::swap(out[i - 1], out[i]);
}

// A decimal point with no digits after it becomes a space.
void DropLonePoint(std::string& out) {
  const size_t i = out.find('.');
  if (i != std::string::npos && (i + 1 == out.size() || out[i + 1] == ' ')) out[i] = ' ';
}

std::string FormatNumber(types::Int128 unscaled, int scale, const NumberFormat& f) {
  const bool negative = unscaled < 0;
  const std::string plain = types::FormatDecimal(unscaled, scale);
  const size_t dot = plain.find('.');
  std::string whole = plain.substr(0, dot);
  std::string fraction = dot == std::string::npos ? "" : plain.substr(dot + 1);
  whole.erase(0, whole.find_first_not_of("-0") == std::string::npos
                     ? whole.size()
                     : whole.find_first_not_of("-0"));
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  const size_t nw = static_cast<size_t>(f.whole_digits),
               nf = static_cast<size_t>(f.fraction_digits);
  if (whole.size() > nw || fraction.size() > nf) {  // does not fit: all #
    whole.assign(nw, '#');
    fraction.assign(nf, '#');
  }
  whole.insert(0, nw - whole.size(), ' ');
  fraction.append(nf - fraction.size(), '0');
  std::string out;
  size_t wi = 0, fi = 0;
  bool after_point = false;
  for (const FormatToken& t : f.tokens) {
    switch (t.kind) {
      case FormatToken::kGroups:
        for (const GroupItem& item : t.items) {
          if (item.digits == 0) {  // a separator shows only between digits
            if (!out.empty() && std::isdigit(static_cast<unsigned char>(out.back())))
              out += ',';
            else
              AppendSpace(out);
            continue;
          }
          for (int k = 0; k < item.digits; ++k) {
            if (after_point) {
              out += fraction[fi++];
              continue;
            }
            const char c = whole[wi++];
            if (c != ' ')
              out += c;
            else if (item.exact)
              out += '0';
            else
              AppendSpace(out);
          }
        }
        break;
      case FormatToken::kPoint:
        if (!out.empty() && out.back() == ' ') out.back() = '0';
        out += '.';
        after_point = true;
        break;
      case FormatToken::kDollar:
        out += '$';
        break;
      case FormatToken::kSign:
        DropLonePoint(out);
        AppendPullingLeft(out, negative ? '-' : '+');
        break;
      case FormatToken::kMinus:
        if (negative) {
          DropLonePoint(out);
          AppendPullingLeft(out, '-');
        } else {
          out += ' ';
        }
        break;
      case FormatToken::kOpen:
        if (negative) out += '<';
        break;
      case FormatToken::kClose:
        DropLonePoint(out);
        if (negative)
          AppendPullingLeft(out, '>');
        else
          out += "  ";
        break;
      case FormatToken::kInvalid:
        break;
    }
  }
  DropLonePoint(out);
  if (out.empty() || out == "+" || out == "-") return "0";
  return out;
}

Result<NumberFormat> ConstantFormat(const std::string& fn, const BindArgument& arg) {
  const std::optional<std::string> text = ConstantString(arg);
  if (!text)
    return Status::Invalid("[DATATYPE_MISMATCH.NON_FOLDABLE_INPUT] Cannot resolve \"" + fn +
                           "\": the input format should be a foldable \"STRING\" expression.");
  return ParseFormat(*text);
}

Result<BoundScalar> BindToNumber(const std::string& fn, bool try_mode,
                                 const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgCount(fn, args.size(), 2, 2));
  BoundScalar bound;
  SLUICE_ASSIGN_OR_RAISE(bound.argument_types, CoerceAll(fn, args, {Accept::kString}));
  SLUICE_ASSIGN_OR_RAISE(NumberFormat format, ConstantFormat(fn, args[1]));
  const int digits = format.whole_digits + format.fraction_digits;
  if (digits > LogicalType::kMaxDecimalPrecision)
    return Status::Invalid("[DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION] The format '" + format.text +
                           "' has " + std::to_string(digits) +
                           " digits, more than a DECIMAL holds (38).");
  bound.return_type = LogicalType::Decimal(digits, format.fraction_digits);
  bound.kernel = [format, try_mode](const FunctionContext&, const Args& in, size_t rows,
                                    Vector& out) {
    return MapRows<SV, SV>(in, rows, out, [&](SV s, SV) -> Result<std::optional<types::Int128>> {
      std::optional<types::Int128> v = ParseNumber(s, format);
      if (!v && !try_mode)
        return Status::Invalid("[INVALID_FORMAT.MISMATCH_INPUT] The input \"STRING\" '" +
                               std::string(s) + "' does not match the format '" + format.text +
                               "'.");
      return v;
    });
  };
  return bound;
}

// to_char(number, fmt); a DATE or TIMESTAMP is date_format's (found at bind time).
Result<BoundScalar> BindToChar(const std::string& fn, const FunctionContext& ctx,
                               const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgCount(fn, args.size(), 2, 2));
  const TypeId id = args[0].type.id();
  if (id == TypeId::kDate || id == TypeId::kTimestamp || id == TypeId::kTimestampNtz) {
    const ScalarFunction* date_format = FunctionRegistry::Builtin().FindScalar("date_format");
    if (date_format == nullptr)
      return Status::NotImplemented(fn + " of dates needs date_format, which is not built yet");
    return date_format->bind(ctx, args);
  }
  LogicalType number = args[0].type;
  if (number.IsInteger() || id == TypeId::kNull)
    number = DecimalForIntegral(id == TypeId::kNull ? TypeId::kInt : id);
  if (id == TypeId::kFloat || id == TypeId::kDouble) number = LogicalType::Decimal(30, 15);
  if (number.id() != TypeId::kDecimal)
    return Status::Invalid("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"" + fn +
                           "\": Parameter 1 requires the \"DECIMAL\" type, however it has the "
                           "type \"" +
                           args[0].type.ToString() + "\".");
  BoundScalar bound;
  SLUICE_ASSIGN_OR_RAISE(LogicalType format_type, Coerce(fn, 1, args[1].type, Accept::kString));
  bound.argument_types = {number, format_type};
  bound.return_type = TypeId::kString;
  SLUICE_ASSIGN_OR_RAISE(NumberFormat format, ConstantFormat(fn, args[1]));
  const int scale = number.scale();
  bound.kernel = [format, scale](const FunctionContext&, const Args& in, size_t rows, Vector& out) {
    return MapRows<types::Int128, SV>(
        in, rows, out, [&](types::Int128 v, SV) { return FormatNumber(v, scale, format); });
  };
  return bound;
}

}  // namespace

void RegisterStringNumberFormatFunctions(FunctionRegistry& r) {
  r.Add(ScalarFunction{"to_number",
                       "to_number(expr, fmt) - Convert string 'expr' to a number based on the "
                       "string format 'fmt'.",
                       [](const FunctionContext&, const std::vector<BindArgument>& a) {
                         return BindToNumber("to_number", false, a);
                       }});
  r.Add(ScalarFunction{"try_to_number",
                       "try_to_number(expr, fmt) - Convert string 'expr' to a number based on "
                       "the string format `fmt`. Returns NULL if the string does not match.",
                       [](const FunctionContext&, const std::vector<BindArgument>& a) {
                         return BindToNumber("try_to_number", true, a);
                       }});
  for (const char* name : {"to_char", "to_varchar"}) {
    r.Add(ScalarFunction{name,
                         std::string(name) +
                             "(numberExpr, formatExpr) - Convert `numberExpr` to a string "
                             "based on the `formatExpr`.",
                         [name](const FunctionContext& ctx, const std::vector<BindArgument>& a) {
                           return BindToChar(name, ctx, a);
                         }});
  }
}

}  // namespace sluice::functions
