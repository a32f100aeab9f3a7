#include "sql/lexer.h"

#include <cctype>

#include "sql/parse_error.h"

namespace sluice::sql {
namespace {

bool IsWordByte(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Longest operators first so that "<=>" wins over "<=" and "<".
constexpr std::string_view kOperators[] = {
    "<=>", "<>", "<=", ">=", "!=", "==", "=>", "||", "::", "->", "(", ")", "[", "]", "{", "}", ",",
    ".",   ";",  "+",  "-",  "*",  "/",  "%",  "&",  "|",  "^",  "~", "<", ">", "=", "!", ":", "?"};

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class Lexer {
 public:
  Lexer(std::string_view text, const SourcePos& origin) : text_(text), origin_(origin) {}

  Status Run(std::vector<Token>& tokens) {
    while (true) {
      SLUICE_RETURN_NOT_OK(SkipSpaceAndComments());
      Token token;
      token.pos = pos_;
      if (AtEnd()) {
        token.pos = ScriptPosition(origin_, token.pos);
        tokens.push_back(std::move(token));
        return Status::OK();
      }
      SLUICE_RETURN_NOT_OK(Next(token));
      token.length = pos_.offset - token.pos.offset;
      token.pos = ScriptPosition(origin_, token.pos);
      tokens.push_back(std::move(token));
    }
  }

 private:
  bool AtEnd() const { return pos_.offset >= text_.size(); }
  char Peek(size_t k = 0) const {
    return pos_.offset + k < text_.size() ? text_[pos_.offset + k] : '\0';
  }
  void Advance() {
    unsigned char c = static_cast<unsigned char>(text_[pos_.offset++]);
    if (c == '\n') {
      ++pos_.line;
      pos_.column = 1;
    } else if ((c & 0xC0) != 0x80) {  // UTF-8 continuation bytes do not start a character
      ++pos_.column;
    }
  }
  Status ErrorAt(const SourcePos& at, std::string_view error_class, std::string_view message) {
    return ParseErrorAt(text_, ScriptPosition(origin_, at), error_class, message, origin_);
  }

  Status SkipSpaceAndComments() {
    while (!AtEnd()) {
      char c = Peek();
      if (std::isspace(static_cast<unsigned char>(c))) {
        Advance();
      } else if (c == '-' && Peek(1) == '-') {
        while (!AtEnd() && Peek() != '\n') Advance();
      } else if (c == '/' && Peek(1) == '*') {
        SourcePos start = pos_;
        int depth = 0;
        do {
          if (AtEnd()) {
            return ErrorAt(start, "UNCLOSED_BRACKETED_COMMENT",
                           "Found an unclosed bracketed comment. Please, append */ at the end "
                           "of the comment.");
          }
          if (Peek() == '/' && Peek(1) == '*') {
            ++depth;
            Advance();
          } else if (Peek() == '*' && Peek(1) == '/') {
            --depth;
            Advance();
          }
          Advance();
        } while (depth > 0);
      } else {
        break;
      }
    }
    return Status::OK();
  }

  Status Next(Token& token) {
    char c = Peek();
    if ((c == 'r' || c == 'R') && (Peek(1) == '\'' || Peek(1) == '"')) {
      Advance();
      return ReadString(token, /*raw=*/true);
    }
    if (c == '\'' || c == '"') return ReadString(token, /*raw=*/false);
    if (c == '`') return ReadQuotedIdentifier(token);
    if (IsDigit(c) || (c == '.' && IsDigit(Peek(1)))) return ReadNumber(token);
    if (IsWordByte(static_cast<unsigned char>(c))) {
      token.kind = TokenKind::kWord;
      while (!AtEnd() && IsWordByte(static_cast<unsigned char>(Peek()))) Advance();
      token.value = std::string(text_.substr(token.pos.offset, pos_.offset - token.pos.offset));
      return Status::OK();
    }
    for (std::string_view op : kOperators) {
      if (text_.substr(pos_.offset, op.size()) == op) {
        for (size_t i = 0; i < op.size(); ++i) Advance();
        token.kind = TokenKind::kOperator;
        token.value = std::string(op);
        return Status::OK();
      }
    }
    return ErrorAt(pos_, "PARSE_SYNTAX_ERROR",
                   "Syntax error at or near '" + std::string(1, c) + "': unexpected character");
  }

  // Spark's unescapeSQLString: \n \t \r \b \0 \Z \\ \' \", \uXXXX, octal \ooo; \% and \_
  // keep their backslash (LIKE patterns need it); any other \x is x.
  Status ReadString(Token& token, bool raw) {
    SourcePos start = token.pos;
    char quote = Peek();
    Advance();
    token.kind = TokenKind::kString;
    while (true) {
      if (AtEnd()) {
        return ErrorAt(
            start, "PARSE_SYNTAX_ERROR",
            std::string("Syntax error at or near ") + quote + ": the string literal is not closed");
      }
      char c = Peek();
      Advance();
      if (c == quote) return Status::OK();
      if (c != '\\' || raw) {
        token.value += c;
        continue;
      }
      if (AtEnd()) continue;  // reported as unclosed on the next round
      char e = Peek();
      Advance();
      if (e == 'u' && pos_.offset + 4 <= text_.size() && AllHex(4)) {
        uint32_t cp = std::stoul(std::string(text_.substr(pos_.offset, 4)), nullptr, 16);
        for (int i = 0; i < 4; ++i) Advance();
        AppendUtf8(token.value, cp);
        continue;
      }
      if (e >= '0' && e <= '3' && Peek() >= '0' && Peek() <= '7' && Peek(1) >= '0' &&
          Peek(1) <= '7') {
        int value = (e - '0') * 64 + (Peek() - '0') * 8 + (Peek(1) - '0');
        Advance();
        Advance();
        AppendUtf8(token.value, static_cast<uint32_t>(value));
        continue;
      }
      switch (e) {
        case '0':
          token.value += '\0';
          break;
        case 'b':
          token.value += '\b';
          break;
        case 'n':
          token.value += '\n';
          break;
        case 'r':
          token.value += '\r';
          break;
        case 't':
          token.value += '\t';
          break;
        case 'Z':
          token.value += '\x1A';
          break;
        case '%':
          token.value += "\\%";
          break;
        case '_':
          token.value += "\\_";
          break;
        default:
          token.value += e;
          break;
      }
    }
  }

  bool AllHex(size_t n) const {
    for (size_t i = 0; i < n; ++i) {
      if (!std::isxdigit(static_cast<unsigned char>(Peek(i)))) return false;
    }
    return true;
  }

  Status ReadQuotedIdentifier(Token& token) {
    SourcePos start = token.pos;
    Advance();
    token.kind = TokenKind::kQuotedIdentifier;
    while (true) {
      if (AtEnd()) {
        return ErrorAt(start, "PARSE_SYNTAX_ERROR",
                       "Syntax error at or near '`': the quoted identifier is not closed");
      }
      char c = Peek();
      Advance();
      if (c == '`') {
        if (Peek() != '`') return Status::OK();
        Advance();
      }
      token.value += c;
    }
  }

  // DIGIT+ ('.' DIGIT*)? | '.' DIGIT+, an optional exponent, an optional suffix
  // (L S Y D F BD). A digit run running into letters ("1abc") is an identifier, as in Spark.
  Status ReadNumber(Token& token) {
    token.kind = TokenKind::kNumber;
    bool fraction = false;
    while (IsDigit(Peek())) Advance();
    if (Peek() == '.' && !(Peek(1) == '.')) {
      fraction = true;
      Advance();
      while (IsDigit(Peek())) Advance();
    }
    const SourcePos mantissa_end = pos_;
    bool exponent = false;
    if ((Peek() == 'e' || Peek() == 'E') &&
        (IsDigit(Peek(1)) || ((Peek(1) == '+' || Peek(1) == '-') && IsDigit(Peek(2))))) {
      exponent = true;
      Advance();
      if (Peek() == '+' || Peek() == '-') Advance();
      while (IsDigit(Peek())) Advance();
    }
    char s = static_cast<char>(std::toupper(static_cast<unsigned char>(Peek())));
    size_t suffix = 0;
    if (s == 'B' && std::toupper(static_cast<unsigned char>(Peek(1))) == 'D') {
      suffix = 2;
    } else if (s == 'D' || s == 'F' ||
               ((s == 'L' || s == 'S' || s == 'Y') && !fraction && !exponent)) {
      suffix = 1;
    }
    if (!IsWordByte(static_cast<unsigned char>(Peek(suffix)))) {
      for (size_t i = 0; i < suffix; ++i) Advance();
    } else if (!fraction) {
      // 1abc, 1e5x, 12Lx: one identifier.
      token.kind = TokenKind::kWord;
      while (!AtEnd() && IsWordByte(static_cast<unsigned char>(Peek()))) Advance();
    } else if (exponent) {
      // 1.5e3x: the number ends before the exponent's letters start a new word.
      pos_ = mantissa_end;
    }
    token.value = std::string(text_.substr(token.pos.offset, pos_.offset - token.pos.offset));
    return Status::OK();
  }

  std::string_view text_;
  SourcePos origin_;
  SourcePos pos_;  // in text_
};

}  // namespace

bool Token::IsWord(std::string_view upper) const {
  if (kind != TokenKind::kWord || value.size() != upper.size()) return false;
  for (size_t i = 0; i < upper.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(value[i])) != upper[i]) return false;
  }
  return true;
}

Status Tokenize(std::string_view text, std::vector<Token>* tokens, const SourcePos& origin) {
  return Lexer(text, origin).Run(*tokens);
}

Result<std::vector<Token>> Tokenize(std::string_view text, const SourcePos& origin) {
  std::vector<Token> tokens;
  SLUICE_RETURN_NOT_OK(Tokenize(text, &tokens, origin));
  return tokens;
}

}  // namespace sluice::sql
