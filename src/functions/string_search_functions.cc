// Finding and rewriting inside strings: replace, overlay, translate, instr, locate/position,
// startswith/endswith/contains, find_in_set, substring_index, split_part, ascii, chr,
// soundex, levenshtein, luhn_check, mask. Positions count characters, as UTF8String does.
#include <algorithm>
#include <cctype>
#include <climits>
#include <map>

#include "functions/function_registry.h"
#include "functions/kernel_util.h"
#include "functions/string_arguments.h"
#include "functions/string_utf8.h"

namespace sluice::functions {

using types::LogicalType;
using types::TypeId;
using vector::Vector;
using Args = std::vector<const Vector*>;
using SV = std::string_view;

namespace {

// UTF8String.indexOf: the character index of `v` in `s` at or after character `start`; -1 when
// absent; 0 for an empty `v`.
int64_t IndexOf(SV s, SV v, int64_t start) {
  if (v.empty()) return 0;
  size_t byte = 0;
  int64_t c = 0;
  while (c < start && byte < s.size()) {
    byte += utf8::CharBytes(static_cast<unsigned char>(s[byte]));
    ++c;
  }
  if (c < start) return -1;
  while (byte < s.size()) {
    if (s.compare(byte, v.size(), v) == 0) return c;
    byte += utf8::CharBytes(static_cast<unsigned char>(s[byte]));
    ++c;
  }
  return -1;
}

std::string Replace(SV s, SV search, SV with) {
  if (search.empty()) return std::string(s);
  std::string out;
  size_t from = 0;
  for (size_t at; (at = s.find(search, from)) != SV::npos; from = at + search.size()) {
    out.append(s.substr(from, at - from));
    out.append(with);
  }
  out.append(s.substr(from));
  return out;
}

// Spark's Overlay: input[1, pos) + replace + input[pos + len, ...), where len < 0 means the
// length of `replace`; positions in characters (bytes for BINARY).
std::string Overlay(SV input, SV replace, int32_t pos, int32_t len, bool chars) {
  const int64_t length = len >= 0 ? len
                         : chars  ? static_cast<int64_t>(utf8::CharCount(replace))
                                  : static_cast<int64_t>(replace.size());
  std::string out(utf8::SubstringSql(
      input, 1, static_cast<int32_t>(std::max<int64_t>(int64_t{pos} - 1, INT_MIN)), chars));
  out.append(replace);
  out.append(utf8::SubstringSql(
      input, static_cast<int32_t>(std::clamp<int64_t>(pos + length, INT_MIN, INT_MAX)), INT_MAX,
      chars));
  return out;
}

// translate's dictionary: the first mapping of a character wins; a character without a
// counterpart in `to` is deleted (mapped to nullopt).
using Translation = std::map<char32_t, std::optional<char32_t>>;

Translation BuildTranslation(SV from, SV to) {
  Translation dict;
  size_t j = 0;
  for (size_t i = 0; i < from.size();) {
    const char32_t c = utf8::Next(from, &i);
    std::optional<char32_t> replacement;
    if (j < to.size()) replacement = utf8::Next(to, &j);
    dict.emplace(c, replacement);
  }
  return dict;
}

std::string Translate(SV s, const Translation& dict) {
  std::string out;
  for (size_t pos = 0; pos < s.size();) {
    const char32_t c = utf8::Next(s, &pos);
    auto it = dict.find(c);
    if (it == dict.end())
      utf8::Append(out, c);
    else if (it->second)
      utf8::Append(out, *it->second);
  }
  return out;
}

// UTF8String.subStringIndex: before the count-th delimiter (from the end when negative).
SV SubstringIndex(SV s, SV delim, int32_t count) {
  if (delim.empty() || count == 0) return {};
  if (count > 0) {
    size_t idx = SV::npos;
    for (; count > 0; --count) {
      idx = s.find(delim, idx == SV::npos ? 0 : idx + 1);
      if (idx == SV::npos) return s;
    }
    return s.substr(0, idx);
  }
  if (delim.size() > s.size()) return s;
  int64_t idx = static_cast<int64_t>(s.size() - delim.size()) + 1;
  for (int64_t n = -static_cast<int64_t>(count); n > 0; --n) {
    if (idx - 1 < 0) return s;
    const size_t at = s.rfind(delim, static_cast<size_t>(idx - 1));
    if (at == SV::npos) return s;
    idx = static_cast<int64_t>(at);
  }
  return s.substr(static_cast<size_t>(idx) + delim.size());
}

Result<SV> SplitPart(SV s, SV delim, int32_t part) {
  if (part == 0)
    return Status::Invalid(
        "[INVALID_INDEX_OF_ZERO] The index 0 is invalid. An index shall be either < 0 or > 0 "
        "(the first element has index 1).");
  std::vector<SV> parts;
  if (delim.empty()) {
    parts.push_back(s);
  } else {
    size_t from = 0;
    for (size_t at; (at = s.find(delim, from)) != SV::npos; from = at + delim.size())
      parts.push_back(s.substr(from, at - from));
    parts.push_back(s.substr(from));
  }
  const int64_t n = static_cast<int64_t>(parts.size());
  const int64_t index = part > 0 ? part - 1 : n + part;
  if (index < 0 || index >= n) return SV();
  return parts[static_cast<size_t>(index)];
}

int32_t FindInSet(SV s, SV list) {
  if (s.find(',') != SV::npos) return 0;
  int32_t index = 1;
  size_t from = 0;
  while (true) {
    const size_t at = list.find(',', from);
    if (list.substr(from, at == SV::npos ? SV::npos : at - from) == s) return index;
    if (at == SV::npos) return 0;
    from = at + 1;
    ++index;
  }
}

std::string Chr(int64_t n) {
  if (n < 0) return {};
  std::string out;
  utf8::Append(out, static_cast<char32_t>(n & 0xFF));
  return out;
}

std::string Soundex(SV s) {
  static constexpr char kCodes[] = "01230127022455012623017202";
  if (s.empty()) return {};
  auto upper = [](char b) { return b >= 'a' && b <= 'z' ? static_cast<char>(b - 32) : b; };
  char b = upper(s[0]);
  if (b < 'A' || b > 'Z') return std::string(s);
  std::string sx = {b, '0', '0', '0'};
  size_t sxi = 1;
  char last = kCodes[b - 'A'];
  for (size_t i = 1; i < s.size(); ++i) {
    b = upper(s[i]);
    if (b < 'A' || b > 'Z') {
      last = '0';
      continue;
    }
    const char code = kCodes[b - 'A'];
    if (code == '7') continue;
    if (code != '0' && code != last) {
      sx[sxi++] = code;
      if (sxi > 3) break;
    }
    last = code;
  }
  return sx;
}

int32_t Levenshtein(SV a, SV b) {
  const std::u32string x = utf8::CodePoints(a), y = utf8::CodePoints(b);
  std::vector<int32_t> row(y.size() + 1);
  for (size_t j = 0; j <= y.size(); ++j) row[j] = static_cast<int32_t>(j);
  for (size_t i = 1; i <= x.size(); ++i) {
    int32_t diagonal = row[0];
    row[0] = static_cast<int32_t>(i);
    for (size_t j = 1; j <= y.size(); ++j) {
      const int32_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] != y[j - 1])});
      diagonal = up;
    }
  }
  return row[y.size()];
}

bool LuhnCheck(SV digits) {
  if (digits.empty()) return false;
  int sum = 0;
  bool second = false;
  for (size_t i = digits.size(); i-- > 0;) {
    const char c = digits[i];
    if (c < '0' || c > '9') return false;
    const int d = second ? (c - '0') * 2 : c - '0';
    sum += d % 10 + d / 10;
    second = !second;
  }
  return sum % 10 == 0;
}

Result<BoundScalar> BindOverlay(const FunctionContext&, const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgCount("overlay", args.size(), 3, 4));
  const bool binary = args[0].type.id() == TypeId::kBinary;
  if (binary != (args[1].type.id() == TypeId::kBinary))
    return Status::Invalid(
        "[DATATYPE_MISMATCH.DATA_DIFF_TYPES] Cannot resolve \"overlay\": the input and the "
        "replacement must both be STRING or both be BINARY, not " +
        args[0].type.ToString() + " and " + args[1].type.ToString() + ".");
  BoundScalar bound;
  SLUICE_ASSIGN_OR_RAISE(
      bound.argument_types,
      CoerceAll("overlay", args, {Accept::kString, Accept::kString, Accept::kInt, Accept::kInt}));
  bound.return_type = binary ? TypeId::kBinary : TypeId::kString;
  bound.kernel = [binary](const FunctionContext&, const Args& in, size_t rows, Vector& out) {
    if (in.size() == 3)
      return MapRows<SV, SV, int32_t>(
          in, rows, out, [&](SV s, SV r, int32_t p) { return Overlay(s, r, p, -1, !binary); });
    return MapRows<SV, SV, int32_t, int32_t>(in, rows, out, [&](SV s, SV r, int32_t p, int32_t n) {
      return Overlay(s, r, p, n, !binary);
    });
  };
  return bound;
}

Result<BoundScalar> BindTranslate(const FunctionContext&, const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgCount("translate", args.size(), 3, 3));
  BoundScalar bound;
  SLUICE_ASSIGN_OR_RAISE(bound.argument_types, CoerceAll("translate", args, {Accept::kString}));
  bound.return_type = TypeId::kString;
  std::optional<Translation> fixed;
  const auto from = ConstantString(args[1]), to = ConstantString(args[2]);
  if (from && to) fixed = BuildTranslation(*from, *to);
  bound.kernel = [fixed](const FunctionContext&, const Args& in, size_t rows, Vector& out) {
    return MapRows<SV, SV, SV>(in, rows, out, [&](SV s, SV f, SV t) {
      return Translate(s, fixed ? *fixed : BuildTranslation(f, t));
    });
  };
  return bound;
}

// locate(substr, str[, pos]): a NULL pos gives 0, not NULL (Hive's rule).
Result<BoundScalar> BindLocate(const char* fn, const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgCount(fn, args.size(), 2, 3));
  BoundScalar bound;
  SLUICE_ASSIGN_OR_RAISE(bound.argument_types,
                         CoerceAll(fn, args, {Accept::kString, Accept::kString, Accept::kInt}));
  bound.return_type = TypeId::kInt;
  bound.kernel = [](const FunctionContext&, const Args& in, size_t rows, Vector& out) -> Status {
    for (size_t r = 0; r < rows; ++r) {
      int64_t start = 1;
      if (in.size() == 3) {
        if (in[2]->IsNull(r)) {
          Set<int32_t>(out, r, 0);
          continue;
        }
        start = Get<int32_t>(*in[2], r);
      }
      if (in[0]->IsNull(r) || in[1]->IsNull(r)) {
        out.SetNull(r);
        continue;
      }
      const int64_t found =
          start < 1 ? -1 : IndexOf(Get<SV>(*in[1], r), Get<SV>(*in[0], r), start - 1);
      Set<int32_t>(out, r, static_cast<int32_t>(found + 1));
    }
    return Status::OK();
  };
  return bound;
}

// mask(input[, upperChar, lowerChar, digitChar, otherChar]): each replacement a constant of
// one character, or NULL to keep those characters.
Result<BoundScalar> BindMask(const FunctionContext&, const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgCount("mask", args.size(), 1, 5));
  BoundScalar bound;
  SLUICE_ASSIGN_OR_RAISE(bound.argument_types, CoerceAll("mask", args, {Accept::kString}));
  bound.return_type = TypeId::kString;
  std::optional<char32_t> replace[4] = {U'X', U'x', U'n', std::nullopt};
  static const char* kNames[] = {"upperChar", "lowerChar", "digitChar", "otherChar"};
  for (size_t i = 1; i < args.size(); ++i) {
    if (IsNullConstant(args[i])) {
      replace[i - 1] = std::nullopt;
      continue;
    }
    const auto value = ConstantString(args[i]);
    if (!value)
      return Status::Invalid(std::string("[DATATYPE_MISMATCH.NON_FOLDABLE_INPUT] Cannot resolve "
                                         "\"mask\": the input ") +
                             kNames[i - 1] + " should be a foldable \"STRING\" expression.");
    if (utf8::CharCount(*value) != 1)
      return Status::Invalid(std::string("[DATATYPE_MISMATCH.INPUT_SIZE_NOT_ONE] Cannot resolve "
                                         "\"mask\": length of ") +
                             kNames[i - 1] + " should be 1.");
    size_t pos = 0;
    replace[i - 1] = utf8::Next(*value, &pos);
  }
  bound.kernel = [replace](const FunctionContext&, const Args& in, size_t rows, Vector& out) {
    return MapRows<SV>({in[0]}, rows, out, [&](SV s) {
      std::string o;
      for (size_t pos = 0; pos < s.size();) {
        const char32_t c = utf8::Next(s, &pos);
        const int kind = utf8::IsUpper(c) ? 0 : utf8::IsLower(c) ? 1 : utf8::IsDigit(c) ? 2 : 3;
        utf8::Append(o, replace[kind].value_or(c));
      }
      return o;
    });
  };
  return bound;
}

Result<BoundScalar> BindLevenshtein(const FunctionContext&, const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgCount("levenshtein", args.size(), 2, 3));
  BoundScalar bound;
  SLUICE_ASSIGN_OR_RAISE(
      bound.argument_types,
      CoerceAll("levenshtein", args, {Accept::kString, Accept::kString, Accept::kInt}));
  bound.return_type = TypeId::kInt;
  bound.kernel = [](const FunctionContext&, const Args& in, size_t rows, Vector& out) {
    if (in.size() == 2) return MapRows<SV, SV>(in, rows, out, Levenshtein);
    return MapRows<SV, SV, int32_t>(in, rows, out, [](SV a, SV b, int32_t threshold) {
      const int32_t d = Levenshtein(a, b);
      return d > threshold ? -1 : d;
    });
  };
  return bound;
}

// sentences(str[, lang, country]): English sentence and word breaks as Java's BreakIterator
// draws them for ordinary text: a sentence ends after . ! or ? and the spaces that follow
// (after '.', only when the next word does not start in lower case); a word is a run of
// letters and digits, with ' and . allowed between two of them; other pieces are dropped.
std::vector<std::vector<SV>> Sentences(SV s) {
  auto is_word = [](char32_t c) {
    return c >= 0x80 ? (utf8::IsUpper(c) || utf8::IsLower(c) || utf8::IsDigit(c) || c > 0x2FF)
                     : std::isalnum(static_cast<int>(c)) != 0;
  };
  std::vector<std::vector<SV>> out;
  std::vector<SV> words;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t next = pos;
    const char32_t c = utf8::Next(s, &next);
    if (is_word(c)) {
      size_t end = next;
      while (end < s.size()) {
        size_t after = end;
        const char32_t d = utf8::Next(s, &after);
        if (is_word(d)) {
          end = after;
          continue;
        }
        size_t after2 = after;
        if ((d == U'\'' || d == U'.') && after < s.size() && is_word(utf8::Next(s, &after2))) {
          end = after2;
          continue;
        }
        break;
      }
      words.push_back(s.substr(pos, end - pos));
      pos = end;
      continue;
    }
    pos = next;
    if (c != U'.' && c != U'!' && c != U'?') continue;
    while (pos < s.size() && (s[pos] == '.' || s[pos] == '!' || s[pos] == '?')) ++pos;
    size_t look = pos;
    while (look < s.size() && utf8::IsWhitespace(static_cast<unsigned char>(s[look]))) ++look;
    if (look == pos && look < s.size()) continue;  // "a.b": no break without a space
    size_t peek = look;
    if (c == U'.' && look < s.size() && utf8::IsLower(utf8::Next(s, &peek))) continue;
    out.push_back(std::move(words));
    words.clear();
    pos = look;
  }
  if (!words.empty() || (out.empty() && !s.empty())) out.push_back(std::move(words));
  return out;
}

Result<BoundScalar> BindSentences(const FunctionContext&, const std::vector<BindArgument>& args) {
  SLUICE_RETURN_NOT_OK(CheckArgCount("sentences", args.size(), 1, 3));
  BoundScalar bound;
  SLUICE_ASSIGN_OR_RAISE(bound.argument_types, CoerceAll("sentences", args, {Accept::kString}));
  bound.return_type = LogicalType::Array(LogicalType::Array(TypeId::kString));
  bound.kernel = [](const FunctionContext&, const Args& in, size_t rows, Vector& out) -> Status {
    for (size_t r = 0; r < rows; ++r) {
      if (in[0]->IsNull(r)) {
        out.SetNull(r);
        continue;
      }
      const std::vector<std::vector<SV>> sentences = Sentences(Get<SV>(*in[0], r));
      SLUICE_ASSIGN_OR_RAISE(uint32_t base,
                             out.AppendListEntry(r, static_cast<uint32_t>(sentences.size())));
      Vector& inner = out.children()[0];
      for (size_t k = 0; k < sentences.size(); ++k) {
        SLUICE_ASSIGN_OR_RAISE(
            uint32_t word_base,
            inner.AppendListEntry(base + k, static_cast<uint32_t>(sentences[k].size())));
        inner.validity().SetValid(base + k);
        for (size_t w = 0; w < sentences[k].size(); ++w)
          Set(inner.children()[0], word_base + w, sentences[k][w]);
      }
      out.validity().SetValid(r);
    }
    return Status::OK();
  };
  return bound;
}

}  // namespace

void RegisterStringSearchFunctions(FunctionRegistry& r) {
  const auto kString = Accept::kString;
  const auto kInt = Accept::kInt;
  r.Add(SimpleFunction(
      "replace",
      "replace(str, search[, replace]) - Replaces all occurrences of `search` with `replace`.",
      {kString, kString, kString}, 2, TypeId::kString,
      [](const FunctionContext&, const Args& in, size_t rows, Vector& out) {
        if (in.size() == 2)
          return MapRows<SV, SV>(in, rows, out, [](SV s, SV f) { return Replace(s, f, {}); });
        return MapRows<SV, SV, SV>(in, rows, out, Replace);
      }));
  r.Add(ScalarFunction{"overlay",
                       "overlay(input, replace, pos[, len]) - Replace `input` with `replace` "
                       "that starts at `pos` and is of length `len`.",
                       BindOverlay});
  r.Add(ScalarFunction{"translate",
                       "translate(input, from, to) - Translates the `input` string by replacing "
                       "the characters present in the `from` string with the corresponding "
                       "characters in the `to` string.",
                       BindTranslate});
  r.Add(SimpleFunction("instr",
                       "instr(str, substr) - Returns the (1-based) index of the first occurrence "
                       "of `substr` in `str`.",
                       {kString}, 2, TypeId::kInt, StringKernel2([](SV s, SV sub) {
                         return static_cast<int32_t>(IndexOf(s, sub, 0) + 1);
                       })));
  for (const char* name : {"locate", "position"}) {
    r.Add(ScalarFunction{name,
                         std::string(name) +
                             "(substr, str[, pos]) - Returns the position of the first occurrence "
                             "of `substr` in `str` after position `pos`.",
                         [name](const FunctionContext&, const std::vector<BindArgument>& a) {
                           return BindLocate(name, a);
                         }});
  }
  r.Add(SimpleFunction("startswith",
                       "startswith(left, right) - Returns a boolean. The value is True if left "
                       "starts with right.",
                       {kString}, 2, TypeId::kBoolean,
                       StringKernel2([](SV a, SV b) { return a.substr(0, b.size()) == b; })));
  r.Add(SimpleFunction("endswith",
                       "endswith(left, right) - Returns a boolean. The value is True if left ends "
                       "with right.",
                       {kString}, 2, TypeId::kBoolean, StringKernel2([](SV a, SV b) {
                         return a.size() >= b.size() && a.substr(a.size() - b.size()) == b;
                       })));
  r.Add(SimpleFunction("contains",
                       "contains(left, right) - Returns a boolean. The value is True if right is "
                       "found inside left.",
                       {kString}, 2, TypeId::kBoolean,
                       StringKernel2([](SV a, SV b) { return a.find(b) != SV::npos; })));
  r.Add(SimpleFunction("find_in_set",
                       "find_in_set(str, str_array) - Returns the index (1-based) of the given "
                       "string (`str`) in the comma-delimited list (`str_array`).",
                       {kString}, 2, TypeId::kInt, StringKernel2(FindInSet)));
  r.Add(SimpleFunction(
      "substring_index",
      "substring_index(str, delim, count) - Returns the substring from `str` before `count` "
      "occurrences of the delimiter `delim`.",
      {kString, kString, kInt}, 3, TypeId::kString,
      [](const FunctionContext&, const Args& in, size_t rows, Vector& out) {
        return MapRows<SV, SV, int32_t>(in, rows, out, SubstringIndex);
      }));
  r.Add(SimpleFunction(
      "split_part",
      "split_part(str, delimiter, partNum) - Splits `str` by delimiter and return requested "
      "part of the split (1-based).",
      {kString, kString, kInt}, 3, TypeId::kString,
      [](const FunctionContext&, const Args& in, size_t rows, Vector& out) {
        return MapRows<SV, SV, int32_t>(in, rows, out, SplitPart);
      }));
  r.Add(SimpleFunction("ascii",
                       "ascii(str) - Returns the numeric value of the first character of `str`.",
                       {kString}, 1, TypeId::kInt, StringKernel1([](SV s) -> int32_t {
                         size_t pos = 0;
                         return s.empty() ? 0 : static_cast<int32_t>(utf8::Next(s, &pos));
                       })));
  r.Add(SimpleFunction(
      "chr",
      "chr(expr) - Returns the ASCII character having the binary equivalent to `expr`. If n is "
      "larger than 256 the result is equivalent to chr(n % 256)",
      {Accept::kBigInt}, 1, TypeId::kString,
      [](const FunctionContext&, const Args& in, size_t rows, Vector& out) {
        return MapRows<int64_t>(in, rows, out, Chr);
      }));
  r.AddAlias("char", "chr");
  r.Add(SimpleFunction("soundex", "soundex(str) - Returns Soundex code of the string.", {kString},
                       1, TypeId::kString, StringKernel1(Soundex)));
  r.Add(ScalarFunction{"levenshtein",
                       "levenshtein(str1, str2[, threshold]) - Returns the Levenshtein distance "
                       "between the two given strings. If threshold is set and distance more "
                       "than it, return -1.",
                       BindLevenshtein});
  r.Add(SimpleFunction("luhn_check",
                       "luhn_check(str) - Checks that a string of digits is valid according to "
                       "the Luhn algorithm.",
                       {kString}, 1, TypeId::kBoolean, StringKernel1(LuhnCheck)));
  r.Add(ScalarFunction{"sentences",
                       "sentences(str[, lang, country]) - Splits `str` into an array of array of "
                       "words.",
                       BindSentences});
  r.Add(ScalarFunction{"mask",
                       "mask(input[, upperChar, lowerChar, digitChar, otherChar]) - masks the "
                       "given string value.",
                       BindMask});
}

}  // namespace sluice::functions
