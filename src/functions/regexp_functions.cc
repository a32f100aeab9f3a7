// Spark's regular expression functions over Java regex semantics (regexp_pattern.h):
// regexp_extract, regexp_extract_all, regexp_replace (Java's $n / ${name} replacements and
// a start position), regexp_like / rlike / regexp, regexp_count, regexp_substr,
// regexp_instr, and split (String.split's rules). Constant patterns compile once at bind.
#include <climits>

#include "functions/function_registry.h"
#include "functions/kernel_util.h"
#include "functions/regexp_pattern.h"
#include "functions/string_arguments.h"
#include "functions/string_utf8.h"

namespace sluice::functions {

using types::LogicalType;
using types::TypeId;
using vector::Vector;
using Args = std::vector<const Vector*>;
using SV = std::string_view;
using PatternPtr = std::shared_ptr<const RegexPattern>;

namespace {

// The pattern compiled at bind time when it is a constant (nullptr otherwise, or for NULL).
Result<PatternPtr> BindPattern(const std::string& fn, const BindArgument& pattern) {
  const std::optional<std::string> text = ConstantString(pattern);
  if (!text) return PatternPtr();
  return RegexPattern::Compile(*text, fn);
}

Status CheckGroupIndex(const std::string& fn, uint32_t groups, int32_t index) {
  if (index >= 0 && static_cast<uint32_t>(index) <= groups) return Status::OK();
  return Status::Invalid(
      "[INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX] The value of parameter(s) "
      "`idx` in `" +
      fn + "` is invalid: Expects group index between 0 and " + std::to_string(groups) +
      ", but got " + std::to_string(index) + ".");
}

Status SetStrings(Vector& out, size_t row, const std::vector<SV>& items) {
  SLUICE_ASSIGN_OR_RAISE(uint32_t base,
                         out.AppendListEntry(row, static_cast<uint32_t>(items.size())));
  Vector& child = out.children()[0];
  for (size_t k = 0; k < items.size(); ++k) Set(child, base + k, items[k]);
  out.validity().SetValid(row);
  return Status::OK();
}

// The shape shared by every regexp function: (str, regexp, optional INT arguments...).
struct RegexBinding {
  BoundScalar bound;
  PatternPtr pattern;
};

Result<RegexBinding> BindRegex(const std::string& fn, const std::vector<BindArgument>& args,
                               size_t min_args, std::vector<Accept> accepts, LogicalType result) {
  SLUICE_RETURN_NOT_OK(CheckArgCount(fn, args.size(), min_args, accepts.size()));
  RegexBinding b;
  SLUICE_ASSIGN_OR_RAISE(b.bound.argument_types, CoerceAll(fn, args, accepts));
  SLUICE_ASSIGN_OR_RAISE(b.pattern, BindPattern(fn, args[1]));
  b.bound.return_type = std::move(result);
  return b;
}

// Runs f(matcher, row) for each row whose arguments are not NULL, with the matcher reset on
// that row's subject; f writes the row.
template <typename F>
Status ForEachRow(const std::string& fn, const PatternPtr& fixed, const Args& in, size_t rows,
                  Vector& out, F&& f) {
  RegexCache cache(fixed, fn);
  for (size_t r = 0; r < rows; ++r) {
    bool null = false;
    for (const Vector* a : in) null |= a->IsNull(r);
    if (null) {
      out.SetNull(r);
      continue;
    }
    SLUICE_ASSIGN_OR_RAISE(RegexMatcher * m, cache.Matcher(Get<SV>(*in[1], r)));
    m->Reset(Get<SV>(*in[0], r));
    SLUICE_RETURN_NOT_OK(f(*m, m->pattern(), r));
  }
  return Status::OK();
}

Result<BoundScalar> BindExtract(bool all, const std::vector<BindArgument>& args) {
  const std::string fn = all ? "regexp_extract_all" : "regexp_extract";
  SLUICE_ASSIGN_OR_RAISE(
      RegexBinding b,
      BindRegex(fn, args, 2, {Accept::kString, Accept::kString, Accept::kInt},
                all ? LogicalType::Array(TypeId::kString) : LogicalType(TypeId::kString)));
  b.bound.kernel = [fn, all, fixed = b.pattern](const FunctionContext&, const Args& in, size_t rows,
                                                Vector& out) {
    return ForEachRow(fn, fixed, in, rows, out,
                      [&](RegexMatcher& m, const RegexPattern& p, size_t r) -> Status {
                        const int32_t index = in.size() > 2 ? Get<int32_t>(*in[2], r) : 1;
                        std::vector<SV> found;
                        while (true) {
                          SLUICE_ASSIGN_OR_RAISE(bool match, m.Find());
                          if (!match) break;
                          SLUICE_RETURN_NOT_OK(CheckGroupIndex(fn, p.group_count(), index));
                          found.push_back(m.GroupText(static_cast<uint32_t>(index)).value_or(""));
                          if (!all) break;
                        }
                        if (all) return SetStrings(out, r, found);
                        Set(out, r, found.empty() ? SV() : found[0]);
                        return Status::OK();
                      });
  };
  return b.bound;
}

// Matcher.appendReplacement: `\x` is x, `$n` the longest group number that exists, `${name}`
// a named group.
Status AppendReplacement(std::string& out, SV rep, const RegexMatcher& m, const RegexPattern& p) {
  for (size_t i = 0; i < rep.size(); ++i) {
    const char c = rep[i];
    if (c == '\\') {
      if (++i == rep.size())
        return Status::Invalid("[INVALID_PARAMETER_VALUE] character to be escaped is missing");
      out += rep[i];
      continue;
    }
    if (c != '$') {
      out += c;
      continue;
    }
    if (++i == rep.size())
      return Status::Invalid(
          "[INVALID_PARAMETER_VALUE] Illegal group reference: group index is missing");
    uint32_t group = 0;
    if (rep[i] == '{') {
      const size_t close = rep.find('}', i);
      if (close == SV::npos)
        return Status::Invalid(
            "[INVALID_PARAMETER_VALUE] named capturing group is missing "
            "trailing '}'");
      const std::string name(rep.substr(i + 1, close - i - 1));
      const int number = p.GroupNumber(name);
      if (number < 0)
        return Status::Invalid("[INVALID_PARAMETER_VALUE] No group with name {" + name + "}");
      group = static_cast<uint32_t>(number);
      i = close;
    } else {
      if (rep[i] < '0' || rep[i] > '9')
        return Status::Invalid("[INVALID_PARAMETER_VALUE] Illegal group reference");
      group = static_cast<uint32_t>(rep[i] - '0');
      while (i + 1 < rep.size() && rep[i + 1] >= '0' && rep[i + 1] <= '9') {
        const uint32_t longer = group * 10 + static_cast<uint32_t>(rep[i + 1] - '0');
        if (longer > p.group_count()) break;
        group = longer;
        ++i;
      }
      if (group > p.group_count())
        return Status::Invalid("[INVALID_PARAMETER_VALUE] No group " + std::to_string(group));
    }
    if (auto text = m.GroupText(group)) out += *text;
  }
  return Status::OK();
}

Status PositionOutOfRange(int32_t position) {
  return Status::Invalid(
      "[DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE] Cannot resolve \"regexp_replace\": The `position` "
      "must be between 1 and 2147483647 (current value = " +
      std::to_string(position) + ").");
}

Result<BoundScalar> BindReplace(const FunctionContext&, const std::vector<BindArgument>& args) {
  const std::string fn = "regexp_replace";
  SLUICE_ASSIGN_OR_RAISE(
      RegexBinding b,
      BindRegex(fn, args, 3, {Accept::kString, Accept::kString, Accept::kString, Accept::kInt},
                TypeId::kString));
  if (args.size() == 4 && args[3].constant != nullptr && !args[3].constant->IsNull(0) &&
      args[3].type.IsInteger() && Get<int32_t>(*args[3].constant, 0) <= 0)
    return PositionOutOfRange(Get<int32_t>(*args[3].constant, 0));
  b.bound.kernel = [fn, fixed = b.pattern](const FunctionContext&, const Args& in, size_t rows,
                                           Vector& out) {
    std::string buffer;
    return ForEachRow(
        fn, fixed, in, rows, out, [&](RegexMatcher& m, const RegexPattern& p, size_t r) -> Status {
          const SV s = Get<SV>(*in[0], r);
          const int32_t position = in.size() > 3 ? Get<int32_t>(*in[3], r) : 1;
          if (position <= 0) return PositionOutOfRange(position);
          const size_t chars = utf8::CharCount(s);
          if (position != 1 && static_cast<size_t>(position - 1) >= chars) {
            Set(out, r, s);
            return Status::OK();
          }
          // The search sees only the region from `position` on (Java's opaque bounds).
          const size_t offset = utf8::ByteOffset(s, static_cast<size_t>(position - 1));
          const SV region = s.substr(offset);
          const SV rep = Get<SV>(*in[2], r);
          m.Reset(region);
          buffer.assign(s.substr(0, offset));
          size_t copied = 0;
          while (true) {
            SLUICE_ASSIGN_OR_RAISE(bool match, m.Find());
            if (!match) break;
            const auto whole = *m.Group(0);
            buffer.append(region.substr(copied, whole.first - copied));
            SLUICE_RETURN_NOT_OK(AppendReplacement(buffer, rep, m, p));
            copied = whole.second;
          }
          buffer.append(region.substr(copied));
          Set(out, r, buffer);
          return Status::OK();
        });
  };
  return b.bound;
}

// regexp_like / regexp_count / regexp_substr / regexp_instr: one pass of find() per row.
enum class Scan { kLike, kCount, kSubstr, kInstr };

Result<BoundScalar> BindScan(const std::string& fn, Scan scan,
                             const std::vector<BindArgument>& args) {
  const LogicalType result = scan == Scan::kLike     ? TypeId::kBoolean
                             : scan == Scan::kSubstr ? TypeId::kString
                                                     : TypeId::kInt;
  std::vector<Accept> accepts = {Accept::kString, Accept::kString};
  if (scan == Scan::kInstr) accepts.push_back(Accept::kInt);
  SLUICE_ASSIGN_OR_RAISE(RegexBinding b, BindRegex(fn, args, 2, accepts, result));
  b.bound.kernel = [fn, scan, fixed = b.pattern](const FunctionContext&, const Args& in,
                                                 size_t rows, Vector& out) {
    return ForEachRow(
        fn, fixed, in, rows, out, [&](RegexMatcher& m, const RegexPattern& p, size_t r) -> Status {
          SLUICE_ASSIGN_OR_RAISE(bool match, m.Find());
          switch (scan) {
            case Scan::kLike:
              Set(out, r, match);
              break;
            case Scan::kCount: {
              int32_t n = 0;
              for (; match; ++n) {
                SLUICE_ASSIGN_OR_RAISE(match, m.Find());
              }
              Set(out, r, n);
              break;
            }
            case Scan::kSubstr:  // nullif(regexp_extract(str, regexp, 0), '')
              if (match && !m.GroupText(0)->empty())
                Set(out, r, *m.GroupText(0));
              else
                out.SetNull(r);
              break;
            case Scan::kInstr: {
              const int32_t index = in.size() > 2 ? Get<int32_t>(*in[2], r) : 0;
              if (!match) {
                Set<int32_t>(out, r, 0);
                break;
              }
              SLUICE_RETURN_NOT_OK(CheckGroupIndex(fn, p.group_count(), index));
              const auto group = m.Group(static_cast<uint32_t>(index));
              const SV s = Get<SV>(*in[0], r);
              Set<int32_t>(
                  out, r,
                  group ? static_cast<int32_t>(utf8::CharCount(s.substr(0, group->first))) + 1 : 0);
              break;
            }
          }
          return Status::OK();
        });
  };
  return b.bound;
}

// split(str, regex[, limit]): Java's String.split with limit (<= 0: every part, trailing
// empty ones kept); an empty regex splits into characters.
Result<BoundScalar> BindSplit(const FunctionContext&, const std::vector<BindArgument>& args) {
  const std::string fn = "split";
  SLUICE_ASSIGN_OR_RAISE(RegexBinding b,
                         BindRegex(fn, args, 2, {Accept::kString, Accept::kString, Accept::kInt},
                                   LogicalType::Array(TypeId::kString)));
  b.bound.kernel = [fn, fixed = b.pattern](const FunctionContext&, const Args& in, size_t rows,
                                           Vector& out) {
    return ForEachRow(fn, fixed, in, rows, out,
                      [&](RegexMatcher& m, const RegexPattern&, size_t r) -> Status {
                        const SV s = Get<SV>(*in[0], r);
                        int32_t limit = in.size() > 2 ? Get<int32_t>(*in[2], r) : -1;
                        if (limit == 0) limit = -1;
                        std::vector<SV> parts;
                        if (!s.empty() && Get<SV>(*in[1], r).empty()) {
                          const size_t chars = utf8::CharCount(s);
                          const size_t n = limit <= 0 || static_cast<size_t>(limit) > chars
                                               ? chars
                                               : static_cast<size_t>(limit);
                          for (size_t k = 0; k + 1 < n; ++k)
                            parts.push_back(utf8::Slice(s, k, k + 1));
                          parts.push_back(s.substr(utf8::ByteOffset(s, n - 1)));
                          return SetStrings(out, r, parts);
                        }
                        size_t index = 0;
                        while (limit <= 0 || parts.size() + 1 < static_cast<size_t>(limit)) {
                          SLUICE_ASSIGN_OR_RAISE(bool match, m.Find());
                          if (!match) break;
                          const auto whole = *m.Group(0);
                          // A zero-width match at the start makes no empty leading part.
                          if (whole.first == 0 && whole.second == 0) continue;
                          parts.push_back(s.substr(index, whole.first - index));
                          index = whole.second;
                        }
                        parts.push_back(s.substr(index));
                        return SetStrings(out, r, parts);
                      });
  };
  return b.bound;
}

}  // namespace

void RegisterRegexpFunctions(FunctionRegistry& r) {
  r.Add(ScalarFunction{"regexp_extract",
                       "regexp_extract(str, regexp[, idx]) - Extract the first string in the "
                       "`str` that match the `regexp` expression and corresponding to the regex "
                       "group index.",
                       [](const FunctionContext&, const std::vector<BindArgument>& a) {
                         return BindExtract(false, a);
                       }});
  r.Add(ScalarFunction{"regexp_extract_all",
                       "regexp_extract_all(str, regexp[, idx]) - Extract all strings in the "
                       "`str` that match the `regexp` expression and corresponding to the regex "
                       "group index.",
                       [](const FunctionContext&, const std::vector<BindArgument>& a) {
                         return BindExtract(true, a);
                       }});
  r.Add(ScalarFunction{"regexp_replace",
                       "regexp_replace(str, regexp, rep[, position]) - Replaces all substrings "
                       "of `str` that match `regexp` with `rep`.",
                       BindReplace});
  struct ScanFn {
    const char* name;
    Scan scan;
    const char* usage;
  };
  for (const ScanFn& f :
       {ScanFn{"rlike", Scan::kLike,
               "rlike(str, regexp) - Returns true if `str` matches `regexp`, or false otherwise."},
        ScanFn{"regexp_like", Scan::kLike,
               "regexp_like(str, regexp) - Returns true if `str` matches `regexp`, or false "
               "otherwise."},
        ScanFn{"regexp", Scan::kLike,
               "regexp(str, regexp) - Returns true if `str` matches `regexp`, or false "
               "otherwise."},
        ScanFn{"regexp_count", Scan::kCount,
               "regexp_count(str, regexp) - Returns a count of the number of times that the "
               "regular expression pattern `regexp` is matched in the string `str`."},
        ScanFn{"regexp_substr", Scan::kSubstr,
               "regexp_substr(str, regexp) - Returns the substring that matches the regular "
               "expression `regexp` within the string `str`."},
        ScanFn{"regexp_instr", Scan::kInstr,
               "regexp_instr(str, regexp[, idx]) - Searches a string for a regular expression "
               "and returns an integer that indicates the beginning position of the matched "
               "substring."}}) {
    r.Add(ScalarFunction{f.name, f.usage,
                         [f](const FunctionContext&, const std::vector<BindArgument>& a) {
                           return BindScan(f.name, f.scan, a);
                         }});
  }
  r.Add(ScalarFunction{"split",
                       "split(str, regex, limit) - Splits `str` around occurrences that match "
                       "`regex` and returns an array with a length of at most `limit`",
                       BindSplit});
}

}  // namespace sluice::functions
