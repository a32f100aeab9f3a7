// str LIKE pattern [ESCAPE c] and ILIKE (both sides lower-cased first, as Spark rewrites
// it): `_` is one character, `%` any run of characters, the escape character (default `\`)
// makes the next `_`, `%` or escape character literal and may precede nothing else.
// Matched directly on UTF-8 bytes with one level of backtracking (the last `%`), so a row
// costs O(text * pattern) at worst. LIKE ANY/ALL are ORs/ANDs of these (binder_expression.cc).
#include "functions/function_registry.h"
#include "functions/kernel_util.h"
#include "functions/string_arguments.h"
#include "functions/string_utf8.h"

namespace sluice::functions {

using types::TypeId;
using vector::Vector;
using Args = std::vector<const Vector*>;
using SV = std::string_view;

namespace {

struct LikeToken {
  enum Kind { kLiteral, kOne, kAny } kind;
  std::string literal;
};

using LikePattern = std::vector<LikeToken>;

Result<LikePattern> CompileLike(SV pattern, char32_t escape) {
  LikePattern tokens;
  auto literal = [&](SV bytes) {
    if (tokens.empty() || tokens.back().kind != LikeToken::kLiteral)
      tokens.push_back({LikeToken::kLiteral, {}});
    tokens.back().literal += bytes;
  };
  for (size_t pos = 0; pos < pattern.size();) {
    const size_t start = pos;
    const char32_t c = utf8::Next(pattern, &pos);
    if (c == escape) {
      if (pos == pattern.size())
        return Status::Invalid("[INVALID_FORMAT.ESC_AT_THE_END] The format is invalid: '" +
                               std::string(pattern) +
                               "'. It is not allowed to end with the escape character.");
      const size_t next_start = pos;
      const char32_t next = utf8::Next(pattern, &pos);
      if (next != U'_' && next != U'%' && next != escape)
        return Status::Invalid("[INVALID_FORMAT.ESC_IN_THE_MIDDLE] The format is invalid: '" +
                               std::string(pattern) +
                               "'. The escape character is not allowed to precede '" +
                               std::string(pattern.substr(next_start, pos - next_start)) + "'.");
      literal(pattern.substr(next_start, pos - next_start));
    } else if (c == U'_') {
      tokens.push_back({LikeToken::kOne, {}});
    } else if (c == U'%') {
      if (tokens.empty() || tokens.back().kind != LikeToken::kAny)
        tokens.push_back({LikeToken::kAny, {}});
    } else {
      literal(pattern.substr(start, pos - start));
    }
  }
  return tokens;
}

size_t CharAt(SV s, size_t i) {
  return std::min(utf8::CharBytes(static_cast<unsigned char>(s[i])), s.size() - i);
}

bool MatchLike(const LikePattern& p, SV s) {
  size_t t = 0, i = 0;
  size_t star = SIZE_MAX, star_i = 0;
  while (true) {
    if (t < p.size()) {
      const LikeToken& token = p[t];
      if (token.kind == LikeToken::kAny) {
        star = t++;
        star_i = i;
        continue;
      }
      if (token.kind == LikeToken::kOne && i < s.size()) {
        i += CharAt(s, i);
        ++t;
        continue;
      }
      if (token.kind == LikeToken::kLiteral && s.size() - i >= token.literal.size() &&
          s.compare(i, token.literal.size(), token.literal) == 0) {
        i += token.literal.size();
        ++t;
        continue;
      }
    } else if (i == s.size()) {
      return true;
    }
    // Mismatch: let the last % take one more character.
    if (star == SIZE_MAX || star_i >= s.size()) return false;
    star_i += CharAt(s, star_i);
    i = star_i;
    t = star + 1;
  }
}

Result<BoundScalar> BindLike(bool ilike, const std::vector<BindArgument>& args) {
  const char* fn = ilike ? "ilike" : "like";
  SLUICE_RETURN_NOT_OK(CheckArgCount(fn, args.size(), 2, 3));
  BoundScalar bound;
  SLUICE_ASSIGN_OR_RAISE(bound.argument_types, CoerceAll(fn, args, {Accept::kString}));
  bound.return_type = TypeId::kBoolean;
  char32_t escape = U'\\';
  if (args.size() == 3) {
    const std::optional<std::string> e = ConstantString(args[2]);
    if (!e || utf8::CharCount(*e) != 1)
      return Status::Invalid(
          "[INVALID_ESCAPE_CHAR] The escape character must be a string "
          "literal of length one.");
    size_t pos = 0;
    escape = utf8::Next(*e, &pos);
  }
  std::optional<LikePattern> fixed;
  if (std::optional<std::string> p = ConstantString(args[1])) {
    SLUICE_ASSIGN_OR_RAISE(fixed, CompileLike(ilike ? utf8::ToLower(*p) : *p, escape));
  }
  bound.kernel = [ilike, escape, fixed](const FunctionContext&, const Args& in, size_t rows,
                                        Vector& out) {
    std::string last_text;
    std::optional<LikePattern> last;
    return MapRows<SV, SV>({in[0], in[1]}, rows, out, [&](SV s, SV p) -> Result<bool> {
      const LikePattern* pattern = fixed ? &*fixed : nullptr;
      if (!pattern) {
        if (!last || p != last_text) {
          SLUICE_ASSIGN_OR_RAISE(last,
                                 CompileLike(ilike ? utf8::ToLower(p) : std::string(p), escape));
          last_text = std::string(p);
        }
        pattern = &*last;
      }
      if (ilike) return MatchLike(*pattern, utf8::ToLower(s));
      return MatchLike(*pattern, s);
    });
  };
  return bound;
}

}  // namespace

void RegisterLikeFunctions(FunctionRegistry& r) {
  r.Add(ScalarFunction{"like",
                       "str like pattern[ ESCAPE escape] - Returns true if str matches `pattern` "
                       "with `escape`, null if any arguments are null, false otherwise.",
                       [](const FunctionContext&, const std::vector<BindArgument>& a) {
                         return BindLike(false, a);
                       }});
  r.Add(ScalarFunction{"ilike",
                       "str ilike pattern[ ESCAPE escape] - Returns true if str matches "
                       "`pattern` with `escape` case-insensitively, null if any arguments are "
                       "null, false otherwise.",
                       [](const FunctionContext&, const std::vector<BindArgument>& a) {
                         return BindLike(true, a);
                       }});
}

}  // namespace sluice::functions
