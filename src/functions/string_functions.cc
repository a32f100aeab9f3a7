// Building and cutting strings: concat, concat_ws, elt, ||, substring, left, right, length
// and friends, case mapping, trim, pad, repeat, reverse, space. Positions and lengths count
// characters (UTF8String's rules); BINARY arguments count bytes where Spark allows them.
#include "functions/string_functions.h"

#include <algorithm>
#include <climits>

#include "functions/function_registry.h"
#include "functions/kernel_util.h"
#include "functions/string_arguments.h"
#include "functions/string_utf8.h"

namespace sluice::functions {

using types::LogicalType;
using types::TypeId;
using vector::Vector;
using Args = std::vector<const Vector*>;

namespace {

Status ArrayArgument(const char* fn) {
  return Status::NotImplemented(std::string("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] ") + fn +
                                " of ARRAY arguments is not supported yet");
}

bool AnyArray(const std::vector<BindArgument>& args) {
  return std::any_of(args.begin(), args.end(),
                     [](const BindArgument& a) { return a.type.id() == TypeId::kArray; });
}

Result<BoundScalar> BindSubstring(const FunctionContext&, const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgCount("substring", args.size(), 2, 3));
  BoundScalar bound;
  SLUICE_ASSIGN_OR_RAISE(bound.argument_types,
                         CoerceAll("substring", args, {Accept::kStringOrBinary, Accept::kInt}));
  bound.return_type = bound.argument_types[0];
  const bool chars = bound.return_type.id() == TypeId::kString;
  bound.kernel = [chars](const FunctionContext&, const Args& in, size_t rows, Vector& out) {
    if (in.size() == 2)
      return MapRows<std::string_view, int32_t>(in, rows, out, [&](std::string_view s, int32_t p) {
        return utf8::SubstringSql(s, p, INT_MAX, chars);
      });
    return MapRows<std::string_view, int32_t, int32_t>(
        in, rows, out, [&](std::string_view s, int32_t p, int32_t n) {
          return utf8::SubstringSql(s, p, n, chars);
        });
  };
  return bound;
}

Result<BoundScalar> BindLeftRight(bool left, const std::vector<BindArgument>& args) {
  const char* fn = left ? "left" : "right";
  SLUICE_RETURN_NOT_OK(CheckArgCount(fn, args.size(), 2, 2));
  BoundScalar bound;
  SLUICE_ASSIGN_OR_RAISE(bound.argument_types,
                         CoerceAll(fn, args, {Accept::kStringOrBinary, Accept::kInt}));
  // left is substring(str, 1, len) and keeps BINARY; right's IF around its substring makes
  // the result a STRING either way.
  const bool chars = bound.argument_types[0].id() == TypeId::kString;
  bound.return_type = left ? bound.argument_types[0] : LogicalType(TypeId::kString);
  bound.kernel = [chars, left](const FunctionContext&, const Args& in, size_t rows, Vector& out) {
    return MapRows<std::string_view, int32_t>(
        in, rows, out, [&](std::string_view s, int32_t n) -> std::string_view {
          if (left) return utf8::SubstringSql(s, 1, n, chars);
          if (n <= 0) return {};
          return utf8::SubstringSql(s, -n, INT_MAX, chars);
        });
  };
  return bound;
}

// concat_ws(sep, (string | array<string>)...): NULL values are skipped, a NULL sep is NULL.
Result<BoundScalar> BindConcatWs(const FunctionContext&, const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgCount("concat_ws", args.size(), 1, SIZE_MAX));
  BoundScalar bound;
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0 && args[i].type.id() == TypeId::kArray) {
      const LogicalType& element = args[i].type.children()[0].type;
      SLUICE_ASSIGN_OR_RAISE(LogicalType e, Coerce("concat_ws", i, element, Accept::kString));
      bound.argument_types.push_back(LogicalType::Array(e));
      continue;
    }
    SLUICE_ASSIGN_OR_RAISE(LogicalType t, Coerce("concat_ws", i, args[i].type, Accept::kString));
    bound.argument_types.push_back(t);
  }
  bound.return_type = TypeId::kString;
  bound.kernel = [](const FunctionContext&, const Args& in, size_t rows, Vector& out) -> Status {
    std::string buffer;
    for (size_t r = 0; r < rows; ++r) {
      if (in[0]->IsNull(r)) {
        out.SetNull(r);
        continue;
      }
      const std::string_view sep = Get<std::string_view>(*in[0], r);
      buffer.clear();
      bool first = true;
      auto add = [&](std::string_view s) {
        if (!first) buffer += sep;
        buffer += s;
        first = false;
      };
      for (size_t i = 1; i < in.size(); ++i) {
        const Vector& a = *in[i];
        if (a.IsNull(r)) continue;
        if (a.type().id() != TypeId::kArray) {
          add(Get<std::string_view>(a, r));
          continue;
        }
        const vector::ListEntry e = a.data<vector::ListEntry>()[r];
        const Vector& elements = a.children()[0];
        for (uint32_t k = e.offset; k < e.offset + e.length; ++k)
          if (!elements.IsNull(k)) add(Get<std::string_view>(elements, k));
      }
      Set(out, r, buffer);
    }
    return Status::OK();
  };
  return bound;
}

// elt(n, inputs...): the n-th input (1-based); out of range is NULL (an error under ANSI).
Result<BoundScalar> BindElt(const FunctionContext& ctx, const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgCount("elt", args.size(), 2, SIZE_MAX));
  const bool binary = !ctx.elt_output_as_string &&
                      std::all_of(args.begin() + 1, args.end(), [](const BindArgument& a) {
                        return a.type.id() == TypeId::kBinary;
                      });
  BoundScalar bound;
  SLUICE_ASSIGN_OR_RAISE(LogicalType index, Coerce("elt", 0, args[0].type, Accept::kInt));
  bound.argument_types.push_back(index);
  for (size_t i = 1; i < args.size(); ++i) {
    SLUICE_ASSIGN_OR_RAISE(LogicalType t, Coerce("elt", i, args[i].type, Accept::kString));
    bound.argument_types.push_back(t);
  }
  bound.return_type = binary ? TypeId::kBinary : TypeId::kString;
  bound.kernel = [](const FunctionContext& c, const Args& in, size_t rows, Vector& out) -> Status {
    const int64_t inputs = static_cast<int64_t>(in.size()) - 1;
    for (size_t r = 0; r < rows; ++r) {
      if (in[0]->IsNull(r)) {
        out.SetNull(r);
        continue;
      }
      const int32_t n = Get<int32_t>(*in[0], r);
      if (n < 1 || n > inputs) {
        if (c.ansi)
          return Status::Invalid("[INVALID_ARRAY_INDEX] The index " + std::to_string(n) +
                                 " is out of bounds. The array has " + std::to_string(inputs) +
                                 " elements.");
        out.SetNull(r);
        continue;
      }
      const Vector& chosen = *in[static_cast<size_t>(n)];
      if (chosen.IsNull(r))
        out.SetNull(r);
      else
        Set(out, r, Get<std::string_view>(chosen, r));
    }
    return Status::OK();
  };
  return bound;
}

Result<BoundScalar> BindLength(const char* fn, int unit, const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgCount(fn, args.size(), 1, 1));
  BoundScalar bound;
  SLUICE_ASSIGN_OR_RAISE(bound.argument_types, CoerceAll(fn, args, {Accept::kStringOrBinary}));
  bound.return_type = TypeId::kInt;
  // unit 0: characters of a string (bytes of binary); otherwise bits per byte.
  const bool chars = unit == 0 && bound.argument_types[0].id() == TypeId::kString;
  bound.kernel = [chars, unit](const FunctionContext&, const Args& in, size_t rows, Vector& out) {
    return MapRows<std::string_view>(in, rows, out, [&](std::string_view s) {
      if (chars) return static_cast<int32_t>(utf8::CharCount(s));
      return static_cast<int32_t>(s.size()) * std::max(unit, 1);
    });
  };
  return bound;
}

std::string InitCap(std::string_view s) {
  const std::string lower = utf8::ToLower(s);
  std::string out;
  out.reserve(lower.size());
  bool word_start = true;
  for (size_t pos = 0; pos < lower.size();) {
    const char32_t c = utf8::Next(lower, &pos);
    utf8::Append(out, word_start ? utf8::ToTitle(c) : c);
    word_start = c == U' ';
  }
  return out;
}

enum class TrimSide { kBoth, kLeading, kTrailing };

// Trims the characters of `chars` (code points) from the chosen ends of `s`.
std::string_view TrimChars(std::string_view s, std::u32string_view chars, TrimSide side) {
  size_t begin = 0, end = s.size();
  if (side != TrimSide::kTrailing) {
    while (begin < end) {
      size_t next = begin;
      if (chars.find(utf8::Next(s, &next)) == std::u32string_view::npos) break;
      begin = next;
    }
  }
  if (side != TrimSide::kLeading) {
    while (end > begin) {
      size_t start = end - 1;
      while (start > begin && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
      size_t next = start;
      if (chars.find(utf8::Next(s, &next)) == std::u32string_view::npos) break;
      end = start;
    }
  }
  return s.substr(begin, end - begin);
}

// trim/ltrim/rtrim(str) trim spaces; trim(chars, str) as a call, btrim(str, chars).
Result<BoundScalar> BindTrim(const char* fn, TrimSide side, bool chars_first,
                             const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgCount(fn, args.size(), 1, 2));
  BoundScalar bound;
  SLUICE_ASSIGN_OR_RAISE(bound.argument_types, CoerceAll(fn, args, {Accept::kString}));
  bound.return_type = TypeId::kString;
  const size_t source = args.size() == 2 && chars_first ? 1 : 0;
  bound.kernel = [side, source](const FunctionContext&, const Args& in, size_t rows,
                                Vector& out) -> Status {
    if (in.size() == 1)
      return MapRows<std::string_view>(
          in, rows, out, [&](std::string_view s) { return TrimChars(s, U" ", side); });
    return MapRows<std::string_view, std::string_view>(
        in, rows, out, [&](std::string_view a, std::string_view b) {
          const std::u32string chars = utf8::CodePoints(source == 0 ? b : a);
          return TrimChars(source == 0 ? a : b, chars, side);
        });
  };
  return bound;
}

// UTF8String.lpad/rpad and their byte versions.
Result<std::string> Pad(std::string_view s, int32_t len, std::string_view pad, bool left,
                        bool chars) {
  const int64_t n =
      chars ? static_cast<int64_t>(utf8::CharCount(s)) : static_cast<int64_t>(s.size());
  const int64_t missing = static_cast<int64_t>(len) - n;
  if (missing <= 0 || pad.empty()) return std::string(utf8::SubstringSql(s, 1, len, chars));
  const int64_t pad_units =
      chars ? static_cast<int64_t>(utf8::CharCount(pad)) : static_cast<int64_t>(pad.size());
  SLUICE_RETURN_NOT_OK(CheckResultBytes(left ? "lpad" : "rpad",
                                        missing / pad_units * static_cast<int64_t>(pad.size())));
  std::string fill;
  for (int64_t k = 0; k < missing / pad_units; ++k) fill += pad;
  const int64_t rest = missing % pad_units;
  fill += chars ? utf8::Slice(pad, 0, static_cast<size_t>(rest))
                : pad.substr(0, static_cast<size_t>(rest));
  return left ? fill + std::string(s) : std::string(s) + fill;
}

Result<BoundScalar> BindPad(bool left, const std::vector<BindArgument>& args) {
  const char* fn = left ? "lpad" : "rpad";
  SLUICE_RETURN_NOT_OK(CheckArgCount(fn, args.size(), 2, 3));
  const bool binary = args[0].type.id() == TypeId::kBinary &&
                      (args.size() == 2 || args[2].type.id() == TypeId::kBinary);
  BoundScalar bound;
  SLUICE_ASSIGN_OR_RAISE(bound.argument_types,
                         CoerceAll(fn, args, {Accept::kString, Accept::kInt, Accept::kString}));
  bound.return_type = binary ? TypeId::kBinary : TypeId::kString;
  const std::string default_pad = binary ? std::string(1, '\0') : std::string(" ");
  bound.kernel = [left, binary, default_pad](const FunctionContext&, const Args& in, size_t rows,
                                             Vector& out) -> Status {
    if (in.size() == 2)
      return MapRows<std::string_view, int32_t>(in, rows, out, [&](std::string_view s, int32_t n) {
        return Pad(s, n, default_pad, left, !binary);
      });
    return MapRows<std::string_view, int32_t, std::string_view>(
        in, rows, out, [&](std::string_view s, int32_t n, std::string_view p) {
          return Pad(s, n, p, left, !binary);
        });
  };
  return bound;
}

}  // namespace

// concat: strings, or bytes when every argument is BINARY (unless concatBinaryAsString).
Result<BoundScalar> BindStringConcat(const FunctionContext& ctx,
                                     const std::vector<BindArgument>& args) {
  if (AnyArray(args)) return ArrayArgument("concat");
  const bool binary = !args.empty() && !ctx.concat_binary_as_string &&
                      std::all_of(args.begin(), args.end(), [](const BindArgument& a) {
                        return a.type.id() == TypeId::kBinary;
                      });
  BoundScalar bound;
  for (size_t i = 0; i < args.size(); ++i) {
    SLUICE_ASSIGN_OR_RAISE(LogicalType t, Coerce("concat", i, args[i].type, Accept::kString));
    bound.argument_types.push_back(t);
  }
  bound.return_type = binary ? TypeId::kBinary : TypeId::kString;
  bound.kernel = [](const FunctionContext&, const Args& in, size_t rows, Vector& out) -> Status {
    std::string buffer;
    for (size_t r = 0; r < rows; ++r) {
      buffer.clear();
      bool null = false;
      for (const Vector* a : in) {
        if (a->IsNull(r)) {
          null = true;
          break;
        }
        buffer += Get<std::string_view>(*a, r);
      }
      if (null)
        out.SetNull(r);
      else
        Set(out, r, buffer);
    }
    return Status::OK();
  };
  return bound;
}

Result<BoundScalar> BindStringReverse(const FunctionContext&,
                                      const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgCount("reverse", args.size(), 1, 1));
  if (AnyArray(args)) return ArrayArgument("reverse");
  BoundScalar bound;
  SLUICE_ASSIGN_OR_RAISE(bound.argument_types, CoerceAll("reverse", args, {Accept::kString}));
  bound.return_type = TypeId::kString;
  bound.kernel = [](const FunctionContext&, const Args& in, size_t rows, Vector& out) {
    return MapRows<std::string_view>(in, rows, out, [](std::string_view s) {
      std::string reversed(s.size(), '\0');
      size_t write = s.size();
      for (size_t pos = 0; pos < s.size();) {
        const size_t n =
            std::min(utf8::CharBytes(static_cast<unsigned char>(s[pos])), s.size() - pos);
        write -= n;
        reversed.replace(write, n, s.substr(pos, n));
        pos += n;
      }
      return reversed;
    });
  };
  return bound;
}

void RegisterStringFunctions(FunctionRegistry& r) {
  const auto kString = Accept::kString;
  const auto kInt = Accept::kInt;
  r.Add(ScalarFunction{"concat",
                       "concat(col1, col2, ..., colN) - Returns the concatenation of col1, col2, "
                       "..., colN.",
                       BindStringConcat});
  r.Add(ScalarFunction{"concat_ws",
                       "concat_ws(sep[, str | array(str)]+) - Returns the concatenation of the "
                       "strings separated by `sep`, skipping null values.",
                       BindConcatWs});
  r.Add(ScalarFunction{"elt",
                       "elt(n, input1, input2, ...) - Returns the `n`-th input, e.g., returns "
                       "`input2` when `n` is 2.",
                       BindElt});
  r.Add(ScalarFunction{"substring",
                       "substring(str, pos[, len]) - Returns the substring of `str` that starts "
                       "at `pos` and is of length `len`, or the slice of byte array that starts "
                       "at `pos` and is of length `len`.",
                       BindSubstring});
  r.AddAlias("substr", "substring");
  r.Add(ScalarFunction{
      "left",
      "left(str, len) - Returns the leftmost `len`(`len` can be string type) characters from "
      "the string `str`,if `len` is less or equal than 0 the result is an empty string.",
      [](const FunctionContext&, const std::vector<BindArgument>& a) {
        return BindLeftRight(true, a);
      }});
  r.Add(ScalarFunction{
      "right",
      "right(str, len) - Returns the rightmost `len`(`len` can be string type) characters from "
      "the string `str`,if `len` is less or equal than 0 the result is an empty string.",
      [](const FunctionContext&, const std::vector<BindArgument>& a) {
        return BindLeftRight(false, a);
      }});
  struct LengthFn {
    const char* name;
    int unit;
    const char* usage;
  };
  for (const LengthFn& f :
       {LengthFn{"length", 0,
                 "length(expr) - Returns the character length of string data or number of bytes "
                 "of binary data."},
        LengthFn{"char_length", 0,
                 "char_length(expr) - Returns the character length of string data or number of "
                 "bytes of binary data."},
        LengthFn{"len", 0,
                 "len(expr) - Returns the character length of string data or number of bytes of "
                 "binary data."},
        LengthFn{"character_length", 0,
                 "character_length(expr) - Returns the character length of string data or "
                 "number of bytes of binary data."},
        LengthFn{"octet_length", 1,
                 "octet_length(expr) - Returns the byte length of string data or number of bytes "
                 "of binary data."},
        LengthFn{"bit_length", 8,
                 "bit_length(expr) - Returns the bit length of string data or number of bits of "
                 "binary data."}}) {
    r.Add(ScalarFunction{f.name, f.usage,
                         [f](const FunctionContext&, const std::vector<BindArgument>& a) {
                           return BindLength(f.name, f.unit, a);
                         }});
  }
  r.Add(SimpleFunction("upper",
                       "upper(str) - Returns `str` with all characters changed to "
                       "uppercase.",
                       {kString}, 1, TypeId::kString, StringKernel1(utf8::ToUpper)));
  r.AddAlias("ucase", "upper");
  r.Add(SimpleFunction("lower",
                       "lower(str) - Returns `str` with all characters changed to "
                       "lowercase.",
                       {kString}, 1, TypeId::kString, StringKernel1(utf8::ToLower)));
  r.AddAlias("lcase", "lower");
  r.Add(SimpleFunction("initcap",
                       "initcap(str) - Returns `str` with the first letter of each word in "
                       "uppercase. All other letters are in lowercase. Words are delimited by "
                       "white space.",
                       {kString}, 1, TypeId::kString, StringKernel1(InitCap)));
  struct TrimFn {
    const char* name;
    TrimSide side;
    bool chars_first;
    const char* usage;
  };
  for (const TrimFn& f :
       {TrimFn{"trim", TrimSide::kBoth, true,
               "trim(str) - Removes the leading and trailing space characters from `str`."},
        TrimFn{"ltrim", TrimSide::kLeading, true,
               "ltrim(str) - Removes the leading space characters from `str`."},
        TrimFn{"rtrim", TrimSide::kTrailing, true,
               "rtrim(str) - Removes the trailing space characters from `str`."},
        TrimFn{"btrim", TrimSide::kBoth, false,
               "btrim(str[, trimStr]) - Removes the leading and trailing `trimStr` (space by "
               "default) characters from `str`."}}) {
    r.Add(ScalarFunction{f.name, f.usage,
                         [f](const FunctionContext&, const std::vector<BindArgument>& a) {
                           return BindTrim(f.name, f.side, f.chars_first, a);
                         }});
  }
  r.Add(ScalarFunction{
      "lpad",
      "lpad(str, len[, pad]) - Returns `str`, left-padded with `pad` to a "
      "length of `len`. If `str` is longer than `len`, the return value is "
      "shortened to `len` characters or bytes.",
      [](const FunctionContext&, const std::vector<BindArgument>& a) { return BindPad(true, a); }});
  r.Add(ScalarFunction{"rpad",
                       "rpad(str, len[, pad]) - Returns `str`, right-padded with `pad` to a "
                       "length of `len`. If `str` is longer than `len`, the return value is "
                       "shortened to `len` characters.",
                       [](const FunctionContext&, const std::vector<BindArgument>& a) {
                         return BindPad(false, a);
                       }});
  r.Add(SimpleFunction(
      "repeat", "repeat(str, n) - Returns the string which repeats the given string value n times.",
      {kString, kInt}, 2, TypeId::kString,
      [](const FunctionContext&, const Args& in, size_t rows, Vector& out) {
        return MapRows<std::string_view, int32_t>(
            in, rows, out, [](std::string_view s, int32_t n) -> Result<std::string> {
              SLUICE_RETURN_NOT_OK(
                  CheckResultBytes("repeat", static_cast<int64_t>(s.size()) * std::max(n, 0)));
              std::string o;
              for (int32_t k = 0; k < n; ++k) o += s;
              return o;
            });
      }));
  r.Add(ScalarFunction{"reverse",
                       "reverse(array) - Returns a reversed string or an array with reverse "
                       "order of elements.",
                       BindStringReverse});
  r.Add(SimpleFunction("space", "space(n) - Returns a string consisting of `n` spaces.", {kInt}, 1,
                       TypeId::kString,
                       [](const FunctionContext&, const Args& in, size_t rows, Vector& out) {
                         return MapRows<int32_t>(in, rows, out, [](int32_t n) {
                           return std::string(static_cast<size_t>(std::max(n, 0)), ' ');
                         });
                       }));
}

}  // namespace sluice::functions
