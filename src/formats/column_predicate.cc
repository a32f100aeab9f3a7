#include "formats/column_predicate.h"

#include <cctype>
#include <cmath>

#include "types/datetime_format.h"
#include "types/text_parsing.h"

namespace sluice::formats {

using types::TypeId;
using Scalar = BoundPredicates::Scalar;
using Op = ColumnPredicate::Op;

namespace {

// A literal or partition value, read as the column's type.
std::optional<Scalar> ParseScalar(const std::string& text, const types::LogicalType& type,
                                  const types::TimeZone& zone) {
  int64_t i = 0;
  double d = 0;
  bool b = false;
  types::Int128 dec = 0;
  types::ParsedDateTime p;
  int64_t micros = 0;
  switch (type.id()) {
    case TypeId::kBoolean:
      if (types::ParseBoolean(text, &b)) return Scalar(types::Int128(b ? 1 : 0));
      break;
    case TypeId::kTinyInt:
    case TypeId::kSmallInt:
    case TypeId::kInt:
    case TypeId::kBigInt:
      if (types::ParseInteger(text, INT64_MIN, INT64_MAX, &i)) return Scalar(types::Int128(i));
      break;
    case TypeId::kFloat:
    case TypeId::kDouble:
      if (types::ParseDouble(text, &d)) return Scalar(d);
      break;
    case TypeId::kDecimal:
      if (types::ParseDecimal(text, type.precision(), type.scale(), &dec)) return Scalar(dec);
      break;
    case TypeId::kDate:
      if (types::ParseIsoDate(text, &p)) return Scalar(types::Int128(p.ToDays()));
      break;
    case TypeId::kTimestamp:
      if (types::ParseIsoTimestamp(text, &p) && types::ToTimestamp(p, zone, &micros))
        return Scalar(types::Int128(micros));
      break;
    case TypeId::kTimestampNtz:
      if (types::ParseIsoTimestamp(text, &p) && !p.has_offset && p.ToLocalMicros(&micros)) {
        return Scalar(types::Int128(micros));
      }
      break;
    case TypeId::kString:
    case TypeId::kBinary:
      return Scalar(text);
    default:
      break;
  }
  return std::nullopt;
}

// Orders scalars of one kind; bytes compare unsigned, as Parquet orders them.
int Order(const Scalar& a, const Scalar& b) {
  if (std::holds_alternative<std::string>(a)) {
    int c = std::get<std::string>(a).compare(std::get<std::string>(b));
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  if (std::holds_alternative<double>(a)) {
    // NaN is above every number and equal to itself, as in Spark.
    double x = std::get<double>(a), y = std::get<double>(b);
    if (std::isnan(x) || std::isnan(y)) return std::isnan(x) - std::isnan(y);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  types::Int128 x = std::get<types::Int128>(a), y = std::get<types::Int128>(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

// Reads the predicate language of ParsePredicates, one token at a time.
class PredicateParser {
 public:
  explicit PredicateParser(std::string_view text) : text_(text) {}

  Result<std::vector<ColumnPredicate>> Parse() {
    std::vector<ColumnPredicate> out;
    do {
      ColumnPredicate p;
      SLUICE_ASSIGN_OR_RAISE(p.column, Column());
      SLUICE_RETURN_NOT_OK(Condition(&p));
      out.push_back(std::move(p));
    } while (Keyword("AND"));
    SkipSpaces();
    if (pos_ < text_.size()) return Error("expected AND or the end");
    return out;
  }

 private:
  Status Error(const std::string& what) const {
    return Status::Invalid("filter '" + std::string(text_) + "', offset " + std::to_string(pos_) +
                           ": " + what);
  }
  void SkipSpaces() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  static bool IsWordChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
  }
  bool Symbol(std::string_view s) {
    SkipSpaces();
    if (text_.substr(pos_, s.size()) != s) return false;
    pos_ += s.size();
    return true;
  }
  bool Keyword(std::string_view word) {
    SkipSpaces();
    if (text_.size() - pos_ < word.size()) return false;
    for (size_t i = 0; i < word.size(); ++i) {
      if (std::toupper(static_cast<unsigned char>(text_[pos_ + i])) != word[i]) return false;
    }
    if (pos_ + word.size() < text_.size() && IsWordChar(text_[pos_ + word.size()])) return false;
    pos_ += word.size();
    return true;
  }
  // Text between `quote`s, a doubled quote standing for itself.
  Result<std::string> Quoted(char quote) {
    std::string out;
    for (++pos_; pos_ < text_.size(); ++pos_) {
      if (text_[pos_] != quote) {
        out += text_[pos_];
      } else if (pos_ + 1 < text_.size() && text_[pos_ + 1] == quote) {
        out += quote;
        ++pos_;
      } else {
        ++pos_;
        return out;
      }
    }
    return Error(std::string("unterminated ") + quote);
  }
  Result<std::string> Column() {
    SkipSpaces();
    if (pos_ < text_.size() && text_[pos_] == '`') return Quoted('`');
    const size_t start = pos_;
    while (pos_ < text_.size() && IsWordChar(text_[pos_])) ++pos_;
    if (pos_ == start) return Error("expected a column name");
    return std::string(text_.substr(start, pos_ - start));
  }
  Result<std::string> Literal() {
    // A type prefix says what the column's type says anyway.
    (void)(Keyword("TIMESTAMP_NTZ") || Keyword("TIMESTAMP") || Keyword("DATE"));
    SkipSpaces();
    if (pos_ < text_.size() && text_[pos_] == '\'') return Quoted('\'');
    const size_t start = pos_;
    while (pos_ < text_.size() && (IsWordChar(text_[pos_]) || text_[pos_] == '-' ||
                                   text_[pos_] == '+' || text_[pos_] == ':')) {
      ++pos_;
    }
    if (pos_ == start) return Error("expected a value");
    return std::string(text_.substr(start, pos_ - start));
  }
  Status Condition(ColumnPredicate* p) {
    if (Keyword("IS")) {
      p->op = Keyword("NOT") ? Op::kIsNotNull : Op::kIsNull;
      if (!Keyword("NULL")) return Error("expected NULL");
      return Status::OK();
    }
    if (Keyword("IN")) {
      p->op = Op::kIn;
      if (!Symbol("(")) return Error("expected ( after IN");
      do {
        SLUICE_ASSIGN_OR_RAISE(std::string v, Literal());
        p->values.push_back(std::move(v));
      } while (Symbol(","));
      if (!Symbol(")")) return Error("expected , or )");
      return Status::OK();
    }
    if (Symbol("<=")) {
      p->op = Op::kLe;
    } else if (Symbol(">=")) {
      p->op = Op::kGe;
    } else if (Symbol("<")) {
      p->op = Op::kLt;
    } else if (Symbol(">")) {
      p->op = Op::kGt;
    } else if (Symbol("==") || Symbol("=")) {
      p->op = Op::kEq;
    } else {
      return Error("expected =, <, <=, >, >=, IN or IS after '" + p->column + "'");
    }
    SLUICE_ASSIGN_OR_RAISE(std::string v, Literal());
    p->values.push_back(std::move(v));
    return Status::OK();
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

Result<std::vector<ColumnPredicate>> ParsePredicates(std::string_view text) {
  return PredicateParser(text).Parse();
}

Result<BoundPredicates> BoundPredicates::Make(std::vector<ColumnPredicate> predicates,
                                              const types::Schema& schema,
                                              const types::TimeZone& session_time_zone,
                                              bool case_sensitive) {
  BoundPredicates f;
  f.session_time_zone_ = session_time_zone;
  for (const ColumnPredicate& p : predicates) {
    auto field = schema.FindField(p.column, case_sensitive);
    if (!field)
      return Status::Invalid("filter on '" + p.column + "': no such column (" + schema.ToDdl() +
                             ")");
    const types::LogicalType& type = schema.field(*field).type;
    std::vector<Scalar> literals;
    const bool needs_values =
        p.op != ColumnPredicate::Op::kIsNull && p.op != ColumnPredicate::Op::kIsNotNull;
    if (needs_values && p.values.empty())
      return Status::Invalid("filter on '" + p.column + "' has no value");
    for (const std::string& text : p.values) {
      auto scalar = ParseScalar(text, type, session_time_zone);
      if (!scalar) {
        return Status::Invalid("filter on '" + p.column + "': '" + text + "' is not of type " +
                               type.ToString());
      }
      literals.push_back(*scalar);
    }
    f.fields_.push_back(*field);
    f.types_.push_back(type);
    f.literals_.push_back(std::move(literals));
  }
  f.predicates_ = std::move(predicates);
  return f;
}

int BoundPredicates::Compare(const Scalar& a, const Scalar& b) { return Order(a, b); }

std::optional<Scalar> BoundPredicates::Parse(size_t i, const std::string& text) const {
  return ParseScalar(text, types_[i], session_time_zone_);
}

bool BoundPredicates::MayMatch(size_t i, const std::optional<Scalar>& min,
                               const std::optional<Scalar>& max, bool has_nulls,
                               bool all_null) const {
  using Op = ColumnPredicate::Op;
  const Op op = predicates_[i].op;
  if (op == Op::kIsNull) return has_nulls;
  if (op == Op::kIsNotNull) return !all_null;
  if (all_null) return false;  // a comparison is never true on NULL
  if (!min || !max) return true;
  for (const Scalar& v : literals_[i]) {
    if (v.index() != min->index()) return true;  // kinds differ: nothing is proven
    bool may = false;
    switch (op) {
      case Op::kEq:
      case Op::kIn:
        may = Order(*min, v) <= 0 && Order(v, *max) <= 0;
        break;
      case Op::kLt:
        may = Order(*min, v) < 0;
        break;
      case Op::kLe:
        may = Order(*min, v) <= 0;
        break;
      case Op::kGt:
        may = Order(*max, v) > 0;
        break;
      case Op::kGe:
        may = Order(*max, v) >= 0;
        break;
      default:
        may = true;
        break;
    }
    if (may) return true;
  }
  return false;
}

}  // namespace sluice::formats
