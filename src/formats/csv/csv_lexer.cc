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
  known_ascii = true;
}

CsvLexer::CsvLexer(const CsvOptions& options) : options_(options), rules_(options_) {
  classes_[static_cast<uint8_t>(options_.delimiter[0])] = kDelimiter;
  for (int c = 0; c < 256; ++c) {
    if (rules_.IsLineBreak(static_cast<char>(c))) classes_[static_cast<size_t>(c)] = kNewline;
  }
  const char d = options_.delimiter[0];
  plain_rows_ = options_.delimiter.size() == 1 && !rules_.IsLineBreak(d) && d != options_.quote &&
                !rules_.IsLineBreak(options_.quote) && !options_.ignore_leading_white_space &&
                !options_.ignore_trailing_white_space;
}

size_t CsvLexer::LexPlainRows(std::string_view data, size_t* pos, size_t limit, size_t max_rows,
                              LexedRows* out) const {
  size_t rows = 0;
#if defined(__SSE2__)
  const char* s = data.data();
  const size_t size = data.size();
  const __m128i delimiter = _mm_set1_epi8(options_.delimiter[0]);
  const __m128i newline = _mm_set1_epi8(options_.line_sep != '\0' ? options_.line_sep : '\n');
  const __m128i carriage_return =
      _mm_set1_epi8(options_.line_sep != '\0' ? options_.line_sep : '\r');
  // Without a quote character no byte opens a quote: compare with the delimiter again.
  const __m128i quote =
      _mm_set1_epi8(options_.quote != '\0' ? options_.quote : options_.delimiter[0]);
  __m128i seen = _mm_setzero_si128();  // the OR of all bytes scanned
  // Bit i: byte i of the 16 at `p` may end a field or open a quote.
  auto scan16 = [&](const char* p) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    seen = _mm_or_si128(seen, chunk);
    const __m128i hits = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(chunk, delimiter), _mm_cmpeq_epi8(chunk, quote)),
        _mm_or_si128(_mm_cmpeq_epi8(chunk, newline), _mm_cmpeq_epi8(chunk, carriage_return)));
    return static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(hits)));
  };
  // What the general loop skips (blank and comment lines) or must decide (the end of the
  // input) stays with it, and so does a row that opens with a quote, without a scan.
  auto plain_start = [&](size_t p) {
    return p < limit && p < size && rows < max_rows && !CsvQuoteRules::IsBlank(s[p]) &&
           !rules_.IsLineBreak(s[p]) && !rules_.StartsComment(s[p]) && s[p] != options_.quote;
  };
  if (!plain_start(*pos)) return 0;
  size_t row_start = *pos;
  size_t field_begin = row_start;
  size_t fields_before = out->fields.size();
  auto add_field = [&](size_t end) {
    out->fields.push_back(FieldSpan{static_cast<uint32_t>(field_begin - row_start),
                                    static_cast<uint32_t>(end - row_start), 0});
  };
  // Ends the run before `next`: the fields of a row begun after it are taken back.
  auto stop = [&](size_t next) {
    if (next == row_start) out->fields.resize(fields_before);
    if (_mm_movemask_epi8(seen) != 0) out->known_ascii = false;
    *pos = next;
    return rows;
  };
  // The last bytes are scanned in a copy padded with a byte no scan looks for.
  char tail[64];
  char pad = 'a';
  while (classes_[static_cast<uint8_t>(pad)] != kPlain || pad == options_.quote) ++pad;
  // Sixty-four bytes at a time, then each byte that may end a field in turn: between
  // them the row is plain text by the rules the general path applies byte by byte.
  for (size_t block = row_start; block < size; block += 64) {
    const char* b = s + block;
    if (size - block < 64) {
      std::memset(tail, pad, sizeof(tail));
      std::memcpy(tail, b, size - block);
      b = tail;
    }
    uint64_t mask = scan16(b) | scan16(b + 16) << 16 | scan16(b + 32) << 32 | scan16(b + 48) << 48;
    if (block < row_start) mask &= ~uint64_t{0} << (row_start - block);
    while (mask != 0) {
      const size_t at = block + static_cast<size_t>(__builtin_ctzll(mask));
      mask &= mask - 1;
      const uint8_t byte_class = classes_[static_cast<uint8_t>(s[at])];
      if (byte_class == kDelimiter) {
        add_field(at);
        field_begin = at + 1;
        continue;
      }
      // A quote, or a '\r' that may be half of a "\r\n" still to come: the row goes to
      // the general path.
      if (byte_class != kNewline ||
          (at + 1 == size && s[at] == '\r' && options_.line_sep == '\0')) {
        return stop(row_start);
      }
      add_field(at);
      out->row_begin.push_back(row_start);
      out->row_end.push_back(at);
      out->row_line.push_back(out->lines);
      out->row_error.push_back(RowError::kNone);
      out->field_offsets.push_back(static_cast<uint32_t>(out->fields.size()));
      ++out->lines;
      ++rows;
      const size_t next = at + rules_.LineBreakLength(data, at);
      if (!plain_start(next)) return stop(next);
      row_start = field_begin = next;
      fields_before = out->fields.size();
      // The '\n' of a "\r\n" is not a line break of its own.
      if (next - block >= 64) break;
      mask &= ~uint64_t{0} << (next - block);
    }
  }
  return stop(row_start);
#else
  (void)data;
  (void)pos;
  (void)limit;
  (void)max_rows;
  (void)out;
  return rows;
#endif
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

// The end of the field's text from `p`: the next delimiter or line break.
size_t CsvLexer::FieldEnd(std::string_view data, size_t p) const {
  const char* s = data.data();
  while (p < data.size()) {
    p = SkipPlain(s, p, data.size());
    if (p >= data.size()) break;
    if (classes_[static_cast<uint8_t>(s[p])] == kNewline || rules_.AtDelimiter(data, p)) break;
    ++p;
  }
  return p;
}

size_t CsvLexer::Lex(std::string_view data, size_t pos, size_t limit, size_t max_rows, bool final,
                     LexedRows* out) const {
  const size_t size = data.size();
  const char* s = data.data();
  const size_t delim_len = options_.delimiter.size();
  const bool trim_trailing = options_.ignore_trailing_white_space;
  size_t rows = 0;

  while (pos < limit && pos < size && rows < max_rows) {
    // Lines of only white space (Spark's trimmed-empty lines) and comment lines are
    // skipped, as Spark does.
    size_t p = pos;
    while (p < size && CsvQuoteRules::IsBlank(s[p]) && !rules_.IsLineBreak(s[p])) ++p;
    if (p >= size || rules_.IsLineBreak(s[p]) || rules_.StartsComment(s[pos])) {
      while (p < size && !rules_.IsLineBreak(s[p])) ++p;
      if (p >= size && !final) return pos;
      pos = p < size ? p + rules_.LineBreakLength(data, p) : p;
      ++out->lines;
      continue;
    }

    if (plain_rows_) {
      const size_t plain = LexPlainRows(data, &pos, limit, max_rows - rows, out);
      rows += plain;
      if (plain != 0) continue;  // the general path takes the row the fast path left
    }
    out->known_ascii = false;  // the byte path does not look
    const size_t row_start = pos;
    const size_t fields_before = out->fields.size();
    const uint64_t lines_before = out->lines;
    uint64_t extra_lines = 0;  // line breaks inside quoted fields
    RowError error = RowError::kNone;
    p = pos;
    bool row_done = false;
    bool incomplete = false;

    while (!row_done) {
      while (p < size && rules_.SkipsBeforeField(data, p)) ++p;
      const size_t field_start = p;
      uint32_t flags = 0;
      size_t value_begin = p, value_end;
      if (p < size && rules_.OpensQuote(s[p])) {
        // Quoted field: runs to the closing quote; doubled quotes and escaped quotes stay inside.
        flags = FieldSpan::kQuoted;
        size_t q = p + 1;
        QuotedToken token = QuotedToken::kText;
        for (; q < size; ++q) {
          token = rules_.InQuotes(data, q);
          if (token == QuotedToken::kClosingQuote) break;
          if (token == QuotedToken::kEscapedPair || token == QuotedToken::kDoubledQuote) {
            flags |= FieldSpan::kNeedsUnescape;
            ++q;
          } else if (token == QuotedToken::kLineBreak || token == QuotedToken::kCrLf) {
            if (!rules_.multi_line()) break;  // the line break ends the row
            ++extra_lines;
            if (token == QuotedToken::kCrLf) ++q;
          }
        }
        const bool closed = q < size && token == QuotedToken::kClosingQuote;
        value_begin = p + 1;
        value_end = q;
        if (!closed) {
          if (q >= size && !final) {
            incomplete = true;
            break;
          }
          error = RowError::kUnterminatedQuote;
          p = q;
        } else {
          p = q + 1;
          // Text after the closing quote belongs to the value (kept raw for Unescape).
          if (p < size && classes_[static_cast<uint8_t>(s[p])] != kNewline &&
              !rules_.AtDelimiter(data, p)) {
            flags |= FieldSpan::kNeedsUnescape;
          }
        }
        if (flags & FieldSpan::kNeedsUnescape) value_begin = field_start;
        p = FieldEnd(data, p);
        if (flags & FieldSpan::kNeedsUnescape) value_end = p;
      } else {
        p = FieldEnd(data, p);
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
    pos = p < size ? p + rules_.LineBreakLength(data, p) : p;
    ++rows;
  }
  return pos;
}

void CsvLexer::Unescape(std::string_view raw, std::string* out) const {
  out->clear();
  size_t i = 0;
  if (!raw.empty() && rules_.OpensQuote(raw[0])) {
    i = 1;
    bool closed = false;
    while (i < raw.size() && !closed) {
      switch (rules_.InQuotes(raw, i)) {
        case QuotedToken::kEscapedPair:
        case QuotedToken::kDoubledQuote:
          out->push_back(raw[i + 1]);
          i += 2;
          break;
        case QuotedToken::kClosingQuote:
          closed = true;
          ++i;
          break;
        default:
          out->push_back(raw[i]);
          ++i;
      }
    }
  }
  out->append(raw.substr(i));
}

}  // namespace sluice::formats::csv
