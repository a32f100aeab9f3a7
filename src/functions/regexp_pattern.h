// Java regular expressions (java.util.regex, as Spark's regexp functions use them) run by
// PCRE2: UTF-8 subjects (invalid bytes tolerated), Java's line terminators for `.` and `$`,
// \uXXXX escapes, and Matcher.find's iteration rule (after an empty match the next search
// starts one character later). A RegexPattern is immutable and shared between threads; a
// RegexMatcher holds one thread's match state.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

struct pcre2_real_code_8;
struct pcre2_real_match_data_8;

namespace sluice::functions {

class RegexPattern {
 public:
  // Compiles `pattern`; a syntax error is Spark's [INVALID_PARAMETER_VALUE.PATTERN] naming
  // the function `fn`.
  static Result<std::shared_ptr<const RegexPattern>> Compile(std::string_view pattern,
                                                             std::string_view fn);
  ~RegexPattern();
  RegexPattern(const RegexPattern&) = delete;
  RegexPattern& operator=(const RegexPattern&) = delete;

  // Capturing groups, not counting group 0 (the whole match).
  uint32_t group_count() const { return group_count_; }
  // The number of the group called `name`, or -1.
  int GroupNumber(const std::string& name) const;
  pcre2_real_code_8* code() const { return code_; }

 private:
  RegexPattern(pcre2_real_code_8* code, uint32_t group_count)
      : code_(code), group_count_(group_count) {}
  pcre2_real_code_8* code_;
  uint32_t group_count_;
};

class RegexMatcher {
 public:
  explicit RegexMatcher(const RegexPattern& pattern);
  ~RegexMatcher();
  RegexMatcher(const RegexMatcher&) = delete;
  RegexMatcher& operator=(const RegexMatcher&) = delete;

  // Starts iterating over the matches in `subject` (which must outlive the iteration).
  void Reset(std::string_view subject);
  // The next match (Matcher.find); false when there is none.
  Result<bool> Find();
  // Byte offsets in the subject of group `i` of the last match; nullopt when it did not take
  // part in the match.
  std::optional<std::pair<size_t, size_t>> Group(uint32_t i) const;
  std::optional<std::string_view> GroupText(uint32_t i) const;
  const RegexPattern& pattern() const { return pattern_; }

 private:
  const RegexPattern& pattern_;
  pcre2_real_match_data_8* data_;
  std::string_view subject_;
  size_t next_ = 0;  // where the next search starts; past the end when done
};

// A matcher for each row's pattern: over the bind-time pattern when it is constant, else
// over the last row's, recompiled (with a new matcher) when the pattern text changes. One
// per kernel call (not thread-safe).
class RegexCache {
 public:
  RegexCache(std::shared_ptr<const RegexPattern> fixed, std::string fn)
      : fixed_(std::move(fixed)), fn_(std::move(fn)) {}
  Result<RegexMatcher*> Matcher(std::string_view pattern);

 private:
  std::shared_ptr<const RegexPattern> fixed_;
  std::string fn_;
  std::string last_text_;
  std::shared_ptr<const RegexPattern> last_;
  std::unique_ptr<RegexMatcher> matcher_;
};

}  // namespace sluice::functions
