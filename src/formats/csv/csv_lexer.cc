#include "formats/csv/csv_lexer.h"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sluice::formats::csv {

void LexedRows::Clear() {
  fields.clear();
  field_offsets.assign(1, 0);
  row_begin.clear();
  row_end.clear();
  row_line.clear();
  row_error.clear();
}

CsvLexer::CsvLexer(const CsvOptions& options) : options_(options) {
  classes_[static_cast<uint8_t>(options_.delimiter[0])] = kDelimiter;
  if (options_.line_sep != '\0') {
    classes_[static_cast<uint8_t>(options_.line_sep)] = kNewline;
  } else {
    classes_['\n'] = kNewline;
    classes_['\r'] = kNewline;
  }
}

size_t CsvLexer::SkipPlain(const char* s, size_t p, size_t size) const {
#if defined(__SSE2__)
  // Sixteen bytes at a time: stop at the first that may end a field.
  const __m128i delimiter = _mm_set1_epi8(options_.delimiter[0]);
  const __m128i newline = _mm_set1_epi8(options_.line_sep != '\0' ? options_.line_sep : '\n');
  const __m128i carriage_return =
      _mm_set1_epi8(options_.line_sep != '\0' ? options_.line_sep : '\r');
  while (p + 16 <= size) {
    __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + p));
    __m128i hits =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(chunk, delimiter), _mm_cmpeq_epi8(chunk, newline)),
                     _mm_cmpeq_epi8(chunk, carriage_return));
    int mask = _mm_movemask_epi8(hits);
    if (mask != 0) return p + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    p += 16;
  }
#endif
  while (p < size && classes_[static_cast<uint8_t>(s[p])] == kPlain) ++p;
  return p;
}

bool CsvLexer::AtDelimiter(std::string_view data, size_t pos) const {
  const std::string& d = options_.delimiter;
  return d.size() == 1 ||
         (data.size() - pos >= d.size() && std::memcmp(data.data() + pos, d.data(), d.size()) == 0);
}

// `pos` is at a line terminator; returns the position after it.
size_t CsvLexer::SkipLineEnd(std::string_view data, size_t pos) const {
  if (options_.line_sep == '\0' && data[pos] == '\r' && pos + 1 < data.size() &&
      data[pos + 1] == '\n') {
    return pos + 2;
  }
  return pos + 1;
}

size_t CsvLexer::Lex(std::string_view data, size_t pos, size_t limit, size_t max_rows, bool final,
                     LexedRows* out) const {
  const size_t size = data.size();
  const char* s = data.data();
  const char quote = options_.quote;
  const char escape = options_.escape;
  const size_t delim_len = options_.delimiter.size();
  const bool trim_leading = options_.ignore_leading_white_space;
  const bool trim_trailing = options_.ignore_trailing_white_space;
  size_t rows = 0;

  while (pos < limit && pos < size && rows < max_rows) {
    // Empty lines and comment lines are skipped, as Spark does.
    uint8_t first_class = classes_[static_cast<uint8_t>(s[pos])];
    if (first_class == kNewline) {
      pos = SkipLineEnd(data, pos);
      ++out->lines;
      continue;
    }
    if (options_.comment != '\0' && s[pos] == options_.comment) {
      size_t p = pos;
      while (p < size && classes_[static_cast<uint8_t>(s[p])] != kNewline) ++p;
      if (p >= size && !final) return pos;
      pos = p < size ? SkipLineEnd(data, p) : p;
      ++out->lines;
      continue;
    }

    const size_t row_start = pos;
    const size_t fields_before = out->fields.size();
    const uint64_t lines_before = out->lines;
    uint64_t extra_lines = 0;  // newlines inside quoted fields
    RowError error = RowError::kNone;
    size_t p = pos;
    bool row_done = false;
    bool incomplete = false;

    while (!row_done) {
      size_t field_start = p;
      if (trim_leading) {
        while (p < size && (s[p] == ' ' || s[p] == '\t')) ++p;
        field_start = p;
      }
      uint32_t flags = 0;
      size_t value_begin = p, value_end;
      if (quote != '\0' && p < size && s[p] == quote) {
        // Quoted field: runs to the closing quote; doubled quotes and escaped quotes stay inside.
        flags = FieldSpan::kQuoted;
        size_t q = p + 1;
        bool closed = false;
        while (q < size) {
          char c = s[q];
          if (c == escape && escape != quote && q + 1 < size &&
              (s[q + 1] == quote ||
               (s[q + 1] == escape && escape == options_.escape_quote_escaping))) {
            flags |= FieldSpan::kNeedsUnescape;
            q += 2;
            continue;
          }
          if (c == quote) {
            if (q + 1 < size && s[q + 1] == quote) {
              flags |= FieldSpan::kNeedsUnescape;
              q += 2;
              continue;
            }
            closed = true;
            break;
          }
          if (classes_[static_cast<uint8_t>(c)] == kNewline) {
            if (!options_.multi_line) break;
            if (c == '\n' || options_.line_sep != '\0' || q + 1 >= size || s[q + 1] != '\n')
              ++extra_lines;
          }
          ++q;
        }
        if (!closed) {
          if (q >= size && !final) {
            incomplete = true;
            break;
          }
          error = RowError::kUnterminatedQuote;
          value_begin = p + 1;
          value_end = q;
          p = q;
        } else {
          value_begin = p + 1;
          value_end = q;
          p = q + 1;
          // Text after the closing quote belongs to the value (kept raw for Unescape).
          if (p < size && classes_[static_cast<uint8_t>(s[p])] == kPlain) {
            flags |= FieldSpan::kNeedsUnescape;
          }
        }
        if (flags & FieldSpan::kNeedsUnescape) value_begin = field_start;
        while (p < size) {
          uint8_t cls = classes_[static_cast<uint8_t>(s[p])];
          if (cls == kNewline || (cls == kDelimiter && AtDelimiter(data, p))) break;
          ++p;
        }
        if (flags & FieldSpan::kNeedsUnescape) value_end = p;
      } else {
        while (p < size) {
          p = SkipPlain(s, p, size);
          if (p >= size) break;
          uint8_t cls = classes_[static_cast<uint8_t>(s[p])];
          if (cls != kPlain && (cls == kNewline || AtDelimiter(data, p))) break;
          ++p;
        }
        value_end = p;
        if (trim_trailing) {
          while (value_end > value_begin && (s[value_end - 1] == ' ' || s[value_end - 1] == '\t'))
            --value_end;
        }
      }
      out->fields.push_back(FieldSpan{static_cast<uint32_t>(value_begin - row_start),
                                      static_cast<uint32_t>(value_end - row_start), flags});
      if (p >= size) {
        if (!final) {
          incomplete = true;
          break;
        }
        row_done = true;
      } else if (classes_[static_cast<uint8_t>(s[p])] == kNewline) {
        // A '\r' at the end of a partial input may be half of a "\r\n".
        if (!final && s[p] == '\r' && p + 1 == size && options_.line_sep == '\0') {
          incomplete = true;
          break;
        }
        row_done = true;
      } else {
        p += delim_len;  // a delimiter: another field follows, even if empty
        if (p >= size && !final) {
          incomplete = true;
          break;
        }
        if (p >= size) {
          out->fields.push_back(FieldSpan{static_cast<uint32_t>(p - row_start),
                                          static_cast<uint32_t>(p - row_start), 0});
          row_done = true;
        }
      }
    }
    if (incomplete) {
      out->fields.resize(fields_before);
      out->lines = lines_before;
      return row_start;
    }
    out->row_begin.push_back(row_start);
    out->row_end.push_back(p);
    out->row_line.push_back(lines_before);
    out->row_error.push_back(error);
    out->field_offsets.push_back(static_cast<uint32_t>(out->fields.size()));
    out->lines += 1 + extra_lines;
    pos = p < size ? SkipLineEnd(data, p) : p;
    ++rows;
  }
  return pos;
}

void CsvLexer::Unescape(std::string_view raw, std::string* out) const {
  out->clear();
  const char quote = options_.quote;
  const char escape = options_.escape;
  size_t i = 0;
  while (i < raw.size() && (raw[i] == ' ' || raw[i] == '\t') && options_.ignore_leading_white_space)
    ++i;
  if (i < raw.size() && raw[i] == quote) {
    ++i;
    while (i < raw.size()) {
      char c = raw[i];
      if (c == escape && escape != quote && i + 1 < raw.size() &&
          (raw[i + 1] == quote ||
           (raw[i + 1] == escape && escape == options_.escape_quote_escaping))) {
        out->push_back(raw[i + 1]);
        i += 2;
        continue;
      }
      if (c == quote) {
        if (i + 1 < raw.size() && raw[i + 1] == quote) {
          out->push_back(quote);
          i += 2;
          continue;
        }
        ++i;
        break;
      }
      out->push_back(c);
      ++i;
    }
  }
  out->append(raw.substr(i));
}

}  // namespace sluice::formats::csv
