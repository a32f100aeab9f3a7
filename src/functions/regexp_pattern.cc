#define PCRE2_CODE_UNIT_WIDTH 8
#include "functions/regexp_pattern.h"

#include <pcre2.h>

#include <cctype>

#include "functions/string_utf8.h"

namespace sluice::functions {

namespace {

// Java's named classes that PCRE2 spells differently: the POSIX ones (\p{Alpha}, ASCII only,
// as in Java) and a few java.lang.Character ones.
const char* PcreClass(std::string_view java) {
  static const std::pair<std::string_view, const char*> kClasses[] = {
      {"Lower", "[:lower:]"},     {"Upper", "[:upper:]"},       {"ASCII", "[:ascii:]"},
      {"Alpha", "[:alpha:]"},     {"Digit", "[:digit:]"},       {"Alnum", "[:alnum:]"},
      {"Punct", "[:punct:]"},     {"Graph", "[:graph:]"},       {"Print", "[:print:]"},
      {"Blank", "[:blank:]"},     {"Cntrl", "[:cntrl:]"},       {"XDigit", "[:xdigit:]"},
      {"Space", "[:space:]"},     {"javaLowerCase", "\\p{Ll}"}, {"javaUpperCase", "\\p{Lu}"},
      {"IsAlphabetic", "\\p{L}"}, {"IsLetter", "\\p{L}"},       {"IsDigit", "\\p{Nd}"},
      {"IsUppercase", "\\p{Lu}"}, {"IsLowercase", "\\p{Ll}"},   {"IsWhite_Space", "\\s"}};
  for (const auto& [name, pcre] : kClasses)
    if (name == java) return pcre;
  return nullptr;
}

// Rewrites Java-only class names into PCRE2's; everything else passes through unchanged.
std::string TranslateJava(std::string_view p) {
  std::string out;
  bool in_class = false;
  for (size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      const char e = p[i + 1];
      if (e == 'Q') {  // \Q...\E quotes verbatim
        const size_t end = p.find("\\E", i + 2);
        const size_t stop = end == std::string_view::npos ? p.size() : end + 2;
        out.append(p.substr(i, stop - i));
        i = stop - 1;
        continue;
      }
      if ((e == 'p' || e == 'P') && i + 2 < p.size() && p[i + 2] == '{') {
        const size_t close = p.find('}', i + 3);
        const char* pcre =
            close == std::string_view::npos ? nullptr : PcreClass(p.substr(i + 3, close - i - 3));
        if (pcre != nullptr) {
          std::string cls = pcre;
          const bool posix = cls[0] == '[';
          if (posix && e == 'P') cls.insert(2, "^");
          if (!posix && e == 'P') cls[1] = static_cast<char>(std::toupper(cls[1]));  // \P, \S
          out += posix && !in_class ? "[" + cls + "]" : cls;
          i = close;
          continue;
        }
      }
      out += c;
      out += e;
      ++i;
      continue;
    }
    if (c == '[' && !in_class) {
      in_class = true;
      out += c;
      if (i + 1 < p.size() && p[i + 1] == '^') out += p[++i];
      if (i + 1 < p.size() && p[i + 1] == ']') out += p[++i];  // a leading ] is literal
      continue;
    }
    if (c == ']' && in_class) in_class = false;
    out += c;
  }
  return out;
}

}  // namespace

Result<std::shared_ptr<const RegexPattern>> RegexPattern::Compile(std::string_view java_pattern,
                                                                  std::string_view fn) {
  const std::string pattern = TranslateJava(java_pattern);
  pcre2_compile_context* context = pcre2_compile_context_create(nullptr);
  pcre2_set_newline(context, PCRE2_NEWLINE_ANY);
  pcre2_set_compile_extra_options(context, PCRE2_EXTRA_ALT_BSUX);
  int error = 0;
  PCRE2_SIZE offset = 0;
  pcre2_code* code =
      pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                    PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_ALT_BSUX, &error, &offset, context);
  pcre2_compile_context_free(context);
  if (code == nullptr) {
    PCRE2_UCHAR message[256];
    pcre2_get_error_message(error, message, sizeof(message));
    return Status::Invalid(
        "[INVALID_PARAMETER_VALUE.PATTERN] The value of parameter(s) `regexp` "
        "in `" +
        std::string(fn) + "` is invalid: '" + std::string(pattern) + "' (" +
        reinterpret_cast<const char*>(message) + " at offset " + std::to_string(offset) + ").");
  }
  pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);  // falls back to the interpreter if it fails
  uint32_t groups = 0;
  pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &groups);
  return std::shared_ptr<const RegexPattern>(new RegexPattern(code, groups));
}

RegexPattern::~RegexPattern() { pcre2_code_free(code_); }

int RegexPattern::GroupNumber(const std::string& name) const {
  const int n = pcre2_substring_number_from_name(code_, reinterpret_cast<PCRE2_SPTR>(name.c_str()));
  return n < 0 ? -1 : n;
}

RegexMatcher::RegexMatcher(const RegexPattern& pattern)
    : pattern_(pattern), data_(pcre2_match_data_create_from_pattern(pattern.code(), nullptr)) {}

RegexMatcher::~RegexMatcher() { pcre2_match_data_free(data_); }

void RegexMatcher::Reset(std::string_view subject) {
  // PCRE2 wants a non-null subject even when it is empty.
  subject_ = subject.data() == nullptr ? std::string_view("", 0) : subject;
  next_ = 0;
}

Result<bool> RegexMatcher::Find() {
  if (next_ > subject_.size()) return false;
  const int rc = pcre2_match(pattern_.code(), reinterpret_cast<PCRE2_SPTR>(subject_.data()),
                             subject_.size(), next_, 0, data_, nullptr);
  if (rc == PCRE2_ERROR_NOMATCH) {
    next_ = subject_.size() + 1;
    return false;
  }
  if (rc < 0) {
    PCRE2_UCHAR message[256];
    pcre2_get_error_message(rc, message, sizeof(message));
    return Status::Invalid(std::string("regular expression match failed: ") +
                           reinterpret_cast<const char*>(message));
  }
  const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(data_);
  const size_t start = ovector[0], end = ovector[1];
  next_ = end;
  if (end == start) {
    next_ = end < subject_.size() ? end + utf8::CharBytes(static_cast<unsigned char>(subject_[end]))
                                  : subject_.size() + 1;
  }
  return true;
}

std::optional<std::pair<size_t, size_t>> RegexMatcher::Group(uint32_t i) const {
  if (i > pattern_.group_count()) return std::nullopt;
  const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(data_);
  if (ovector[2 * i] == PCRE2_UNSET) return std::nullopt;
  return std::make_pair(static_cast<size_t>(ovector[2 * i]),
                        static_cast<size_t>(ovector[2 * i + 1]));
}

std::optional<std::string_view> RegexMatcher::GroupText(uint32_t i) const {
  auto g = Group(i);
  if (!g) return std::nullopt;
  return subject_.substr(g->first, g->second - g->first);
}

Result<RegexMatcher*> RegexCache::Matcher(std::string_view pattern) {
  if (fixed_) {
    if (!matcher_) matcher_ = std::make_unique<RegexMatcher>(*fixed_);
    return matcher_.get();
  }
  if (!last_ || pattern != last_text_) {
    matcher_.reset();  // it refers to the pattern being replaced
    SLUICE_ASSIGN_OR_RAISE(last_, RegexPattern::Compile(pattern, fn_));
    last_text_ = std::string(pattern);
    matcher_ = std::make_unique<RegexMatcher>(*last_);
  }
  return matcher_.get();
}

}  // namespace sluice::functions
