// Parser of Spark DDL schema strings and type names (ParseDdlSchema, ParseDdlType).
#include <cctype>
#include <optional>
#include <string>

#include "types/schema.h"

namespace sluice::types {
namespace {

class DdlParser {
 public:
  explicit DdlParser(std::string_view text) : text_(text) {}

  Result<Schema> ParseSchemaText() {
    std::vector<Field> fields;
    SkipSpace();
    if (AtEnd()) return Error("a column definition");
    while (true) {
      SLUICE_ASSIGN_OR_RAISE(Field field, ParseField(/*colon_allowed=*/false));
      fields.push_back(std::move(field));
      SkipSpace();
      if (AtEnd()) break;
      if (!Consume(',')) return Error("',' or end of schema");
    }
    return Schema(std::move(fields));
  }

  Result<LogicalType> ParseTypeText() {
    SLUICE_ASSIGN_OR_RAISE(LogicalType type, ParseType());
    SkipSpace();
    if (!AtEnd()) return Error("end of type");
    return type;
  }

 private:
  bool AtEnd() const { return pos_ >= text_.size(); }
  void SkipSpace() {
    while (!AtEnd() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool Consume(char c) {
    SkipSpace();
    if (!AtEnd() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  Status Error(const std::string& expected) const {
    std::string found = AtEnd() ? "end of text" : "'" + std::string(text_.substr(pos_, 12)) + "'";
    return Status::Invalid("schema DDL: expected " + expected + " at character " +
                           std::to_string(pos_ + 1) + ", found " + found + " in \"" +
                           std::string(text_) + "\"");
  }

  Result<std::string> ParseIdentifier() {
    SkipSpace();
    if (AtEnd()) return Error("a name");
    std::string name;
    if (text_[pos_] == '`') {
      ++pos_;
      while (true) {
        if (AtEnd()) return Error("closing '`'");
        char c = text_[pos_++];
        if (c == '`') {
          if (!AtEnd() && text_[pos_] == '`') {
            name += '`';
            ++pos_;
            continue;
          }
          break;
        }
        name += c;
      }
      return name;
    }
    while (!AtEnd()) {
      char c = text_[pos_];
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') break;
      name += c;
      ++pos_;
    }
    if (name.empty()) return Error("a name");
    return name;
  }

  Result<std::string> ParseKeyword() {
    SLUICE_ASSIGN_OR_RAISE(std::string word, ParseIdentifier());
    for (char& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return word;
  }

  Result<int> ParseInt() {
    SkipSpace();
    int value = 0;
    size_t start = pos_;
    while (!AtEnd() && std::isdigit(static_cast<unsigned char>(text_[pos_])) && pos_ - start < 4) {
      value = value * 10 + (text_[pos_++] - '0');
    }
    if (pos_ == start) return Error("a number");
    return value;
  }

  bool PeekKeyword(const char* word) {
    SkipSpace();
    size_t n = std::char_traits<char>::length(word);
    if (text_.size() - pos_ < n) return false;
    for (size_t i = 0; i < n; ++i) {
      if (std::toupper(static_cast<unsigned char>(text_[pos_ + i])) != word[i]) return false;
    }
    bool boundary =
        pos_ + n == text_.size() ||
        !(std::isalnum(static_cast<unsigned char>(text_[pos_ + n])) || text_[pos_ + n] == '_');
    if (boundary) pos_ += n;
    return boundary;
  }

  // YEAR, MONTH, DAY, HOUR, MINUTE or SECOND, consumed when present.
  std::optional<IntervalField> PeekIntervalField() {
    static const char* kFields[] = {"YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND"};
    for (int i = 0; i < 6; ++i) {
      if (PeekKeyword(kFields[i])) return static_cast<IntervalField>(i);
    }
    return std::nullopt;
  }

  Result<Field> ParseField(bool colon_allowed) {
    Field field;
    SLUICE_ASSIGN_OR_RAISE(field.name, ParseIdentifier());
    if (colon_allowed) Consume(':');
    SLUICE_ASSIGN_OR_RAISE(field.type, ParseType());
    if (PeekKeyword("NOT")) {
      if (!PeekKeyword("NULL")) return Error("NULL after NOT");
      field.nullable = false;
    }
    if (PeekKeyword("COMMENT")) {
      SkipSpace();
      if (AtEnd() || (text_[pos_] != '\'' && text_[pos_] != '"')) return Error("a quoted comment");
      char quote = text_[pos_++];
      while (!AtEnd() && text_[pos_] != quote) {
        if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) ++pos_;
        field.comment += text_[pos_++];
      }
      if (AtEnd()) return Error("end of comment");
      ++pos_;
    }
    return field;
  }

  Result<LogicalType> ParseType() {
    SkipSpace();
    size_t start = pos_;
    SLUICE_ASSIGN_OR_RAISE(std::string word, ParseKeyword());
    if (word == "BOOLEAN" || word == "BOOL") return LogicalType(TypeId::kBoolean);
    if (word == "TINYINT" || word == "BYTE") return LogicalType(TypeId::kTinyInt);
    if (word == "SMALLINT" || word == "SHORT") return LogicalType(TypeId::kSmallInt);
    if (word == "INT" || word == "INTEGER") return LogicalType(TypeId::kInt);
    if (word == "BIGINT" || word == "LONG") return LogicalType(TypeId::kBigInt);
    if (word == "FLOAT" || word == "REAL") return LogicalType(TypeId::kFloat);
    if (word == "DOUBLE") return LogicalType(TypeId::kDouble);
    if (word == "DATE") return LogicalType(TypeId::kDate);
    if (word == "TIMESTAMP" || word == "TIMESTAMP_LTZ") return LogicalType(TypeId::kTimestamp);
    if (word == "TIMESTAMP_NTZ") return LogicalType(TypeId::kTimestampNtz);
    if (word == "BINARY") return LogicalType(TypeId::kBinary);
    if (word == "INTERVAL") {
      // Bare INTERVAL is CalendarInterval; INTERVAL YEAR [TO MONTH], INTERVAL DAY TO SECOND
      // and the like are the ANSI types.
      const std::optional<IntervalField> start = PeekIntervalField();
      if (!start) return LogicalType(TypeId::kInterval);
      std::optional<IntervalField> end = start;
      if (PeekKeyword("TO")) {
        end = PeekIntervalField();
        if (!end)
          return Error("an interval field (YEAR, MONTH, DAY, HOUR, MINUTE, SECOND) after TO");
      }
      const bool year_month = *start <= IntervalField::kMonth;
      if (*end < *start || year_month != (*end <= IntervalField::kMonth))
        return Error("a valid interval range (YEAR TO MONTH, DAY TO SECOND, ...)");
      return LogicalType::Interval(*start, *end);
    }
    if (word == "VOID") return LogicalType(TypeId::kNull);
    if (word == "STRING" || word == "TEXT") return LogicalType(TypeId::kString);
    if (word == "VARCHAR" || word == "CHAR") {
      // Spark reads CHAR(n)/VARCHAR(n) as STRING; the length is accepted and ignored.
      if (Consume('(')) {
        SLUICE_RETURN_NOT_OK(ParseInt().status());
        if (!Consume(')')) return Error("')'");
      }
      return LogicalType(TypeId::kString);
    }
    if (word == "DECIMAL" || word == "DEC" || word == "NUMERIC") {
      int precision = 10, scale = 0;  // Spark's default DECIMAL is DECIMAL(10,0)
      if (Consume('(')) {
        SLUICE_ASSIGN_OR_RAISE(precision, ParseInt());
        if (Consume(',')) {
          SLUICE_ASSIGN_OR_RAISE(scale, ParseInt());
        }
        if (!Consume(')')) return Error("')'");
      }
      if (precision < 1 || precision > LogicalType::kMaxDecimalPrecision || scale > precision) {
        return Status::Invalid("schema DDL: DECIMAL(" + std::to_string(precision) + "," +
                               std::to_string(scale) +
                               ") is out of range: precision 1..38 and 0 <= scale <= precision");
      }
      return LogicalType::Decimal(precision, scale);
    }
    if (word == "ARRAY") {
      if (!Consume('<')) return Error("'<' after ARRAY");
      SLUICE_ASSIGN_OR_RAISE(LogicalType element, ParseType());
      if (!Consume('>')) return Error("'>'");
      return LogicalType::Array(std::move(element));
    }
    if (word == "MAP") {
      if (!Consume('<')) return Error("'<' after MAP");
      SLUICE_ASSIGN_OR_RAISE(LogicalType key, ParseType());
      if (!Consume(',')) return Error("','");
      SLUICE_ASSIGN_OR_RAISE(LogicalType value, ParseType());
      if (!Consume('>')) return Error("'>'");
      return LogicalType::Map(std::move(key), std::move(value));
    }
    if (word == "STRUCT") {
      if (!Consume('<')) return Error("'<' after STRUCT");
      std::vector<Field> fields;
      if (!Consume('>')) {
        while (true) {
          SLUICE_ASSIGN_OR_RAISE(Field f, ParseField(/*colon_allowed=*/true));
          fields.push_back(std::move(f));
          if (Consume('>')) break;
          if (!Consume(',')) return Error("',' or '>'");
        }
      }
      return LogicalType::Struct(std::move(fields));
    }
    pos_ = start;
    return Error("a type name (INT, STRING, DECIMAL(p,s), TIMESTAMP, ARRAY<...>, ...)");
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

Result<Schema> ParseDdlSchema(std::string_view ddl) { return DdlParser(ddl).ParseSchemaText(); }
Result<LogicalType> ParseDdlType(std::string_view text) { return DdlParser(text).ParseTypeText(); }

}  // namespace sluice::types
