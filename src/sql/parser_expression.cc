// Expression rules: Spark's precedence from loosest to tightest is OR, AND, NOT, the
// predicates (IS, BETWEEN, IN, LIKE), comparisons, |, ^, &, + - ||, * / % DIV, unary
// - + ~, then postfix . [] :: on primaries.
#include <algorithm>
#include <cctype>
#include <limits>

#include "sql/parse_error.h"
#include "sql/parser_impl.h"

namespace sluice::sql {
namespace {

struct BinaryOperator {
  std::string_view spelling;  // an operator, or DIV
  BinaryOp op;
  int precedence;
};

constexpr BinaryOperator kBinaryOperators[] = {
    {"=", BinaryOp::kEq, 1},           {"==", BinaryOp::kEq, 1},
    {"<=>", BinaryOp::kNullSafeEq, 1}, {"<>", BinaryOp::kNotEq, 1},
    {"!=", BinaryOp::kNotEq, 1},       {"<", BinaryOp::kLt, 1},
    {"<=", BinaryOp::kLe, 1},          {">", BinaryOp::kGt, 1},
    {">=", BinaryOp::kGe, 1},          {"|", BinaryOp::kBitOr, 2},
    {"^", BinaryOp::kBitXor, 3},       {"&", BinaryOp::kBitAnd, 4},
    {"+", BinaryOp::kAdd, 5},          {"-", BinaryOp::kSubtract, 5},
    {"||", BinaryOp::kConcat, 5},      {"*", BinaryOp::kMultiply, 6},
    {"/", BinaryOp::kDivide, 6},       {"%", BinaryOp::kModulo, 6},
    {"DIV", BinaryOp::kIntDivide, 6}};

const BinaryOperator* FindBinaryOperator(const Token& token) {
  for (const BinaryOperator& b : kBinaryOperators) {
    if (b.spelling == "DIV" ? token.IsWord("DIV") : token.IsOperator(b.spelling)) return &b;
  }
  return nullptr;
}

constexpr std::string_view kIntervalUnits[] = {
    "YEAR",   "YEARS",   "MONTH",       "MONTHS",       "WEEK",        "WEEKS",
    "DAY",    "DAYS",    "HOUR",        "HOURS",        "MINUTE",      "MINUTES",
    "SECOND", "SECONDS", "MILLISECOND", "MILLISECONDS", "MICROSECOND", "MICROSECONDS"};

// Spark's datetimeUnit: the bare first argument of TIMESTAMPADD and TIMESTAMPDIFF.
constexpr std::string_view kDatetimeUnits[] = {"YEAR",   "QUARTER",     "MONTH",      "WEEK",
                                               "DAY",    "DAYOFYEAR",   "HOUR",       "MINUTE",
                                               "SECOND", "MILLISECOND", "MICROSECOND"};

bool IsUnitFunction(const std::string& upper_name) {
  for (std::string_view f :
       {"TIMESTAMPADD", "DATEADD", "DATE_ADD", "TIMESTAMPDIFF", "DATEDIFF", "DATE_DIFF"}) {
    if (upper_name == f) return true;
  }
  return false;
}

bool IsIntervalUnit(const Token& token) {
  for (std::string_view unit : kIntervalUnits) {
    if (token.IsWord(unit)) return true;
  }
  return false;
}

}  // namespace

Result<ExprPtr> Parser::Expression() {
  DepthGuard guard(*this);
  if (guard.TooDeep()) return TooDeep();
  return OrExpression();
}

Result<ExprPtr> Parser::OrExpression() {
  SLUICE_ASSIGN_OR_RAISE(ExprPtr left, AndExpression());
  while (IsKw("OR")) {
    auto node = Make<Binary>(left->pos);
    Advance();
    node->op = BinaryOp::kOr;
    node->left = std::move(left);
    SLUICE_ASSIGN_OR_RAISE(node->right, AndExpression());
    left = std::move(node);
  }
  return left;
}

Result<ExprPtr> Parser::AndExpression() {
  SLUICE_ASSIGN_OR_RAISE(ExprPtr left, NotExpression());
  while (IsKw("AND")) {
    auto node = Make<Binary>(left->pos);
    Advance();
    node->op = BinaryOp::kAnd;
    node->left = std::move(left);
    SLUICE_ASSIGN_OR_RAISE(node->right, NotExpression());
    left = std::move(node);
  }
  return left;
}

Result<ExprPtr> Parser::NotExpression() {
  if (IsKw("NOT") || IsOp("!")) {
    DepthGuard guard(*this);
    if (guard.TooDeep()) return TooDeep();
    auto node = Make<Unary>(Cur().pos);
    Advance();
    node->op = UnaryOp::kNot;
    SLUICE_ASSIGN_OR_RAISE(node->operand, NotExpression());
    return ExprPtr(std::move(node));
  }
  return Predicated();
}

Result<ExprPtr> Parser::Predicated() {
  SLUICE_ASSIGN_OR_RAISE(ExprPtr value, ValueExpression());
  SourcePos pos = value->pos;  // a node starts where its text starts
  if (IsKw("IS")) {
    Advance();
    auto node = Make<IsPredicate>(pos);
    node->negated = AcceptKw("NOT");
    node->operand = std::move(value);
    if (AcceptKw("NULL")) {
      node->test = IsTest::kNull;
    } else if (AcceptKw("TRUE")) {
      node->test = IsTest::kTrue;
    } else if (AcceptKw("FALSE")) {
      node->test = IsTest::kFalse;
    } else if (AcceptKw("UNKNOWN")) {
      node->test = IsTest::kUnknown;
    } else if (AcceptKw("DISTINCT")) {
      SLUICE_RETURN_NOT_OK(ExpectKw("FROM"));
      node->test = IsTest::kDistinctFrom;
      SLUICE_ASSIGN_OR_RAISE(node->other, ValueExpression());
    } else {
      return Fail("NULL, TRUE, FALSE, UNKNOWN or DISTINCT FROM");
    }
    return ExprPtr(std::move(node));
  }
  size_t k = IsKw("NOT") ? 1 : 0;
  bool negated = k == 1;
  if (IsKw("BETWEEN", k)) {
    pos_ += k + 1;
    auto node = Make<Between>(pos);
    node->negated = negated;
    node->operand = std::move(value);
    SLUICE_ASSIGN_OR_RAISE(node->low, ValueExpression());
    SLUICE_RETURN_NOT_OK(ExpectKw("AND"));
    SLUICE_ASSIGN_OR_RAISE(node->high, ValueExpression());
    return ExprPtr(std::move(node));
  }
  if (IsKw("IN", k)) {
    pos_ += k + 1;
    if (!IsOp("(")) return Fail("'('");
    if (IsQueryStart(1) || IsOp("(", 1)) {
      // IN (SELECT ..), IN ((SELECT ..) UNION ..); IN ((1, 2), (3, 4)) is a list.
      SLUICE_ASSIGN_OR_RAISE(QueryPtr query, ParenthesisedQuery(/*must=*/IsQueryStart(1)));
      if (query) {
        auto node = Make<InSubquery>(pos);
        node->negated = negated;
        node->operand = std::move(value);
        node->query = std::move(query);
        return ExprPtr(std::move(node));
      }
    }
    Advance();
    auto node = Make<InList>(pos);
    node->negated = negated;
    node->operand = std::move(value);
    SLUICE_ASSIGN_OR_RAISE(node->list, ExpressionList());
    SLUICE_RETURN_NOT_OK(ExpectOp(")"));
    return ExprPtr(std::move(node));
  }
  if (IsKw("LIKE", k) || IsKw("ILIKE", k) || IsKw("RLIKE", k) || IsKw("REGEXP", k)) {
    auto node = Make<Like>(pos);
    node->negated = negated;
    node->operand = std::move(value);
    node->like_kind = IsKw("LIKE", k)    ? LikeKind::kLike
                      : IsKw("ILIKE", k) ? LikeKind::kILike
                                         : LikeKind::kRLike;
    pos_ += k + 1;
    if (node->like_kind != LikeKind::kRLike && (IsKw("ANY") || IsKw("SOME") || IsKw("ALL")) &&
        IsOp("(", 1)) {
      node->quantifier = IsKw("ALL") ? LikeQuantifier::kAll : LikeQuantifier::kAny;
      Advance();
      Advance();
      if (IsOp(")")) return ErrorAt(Cur().pos, "Expected something between '(' and ')'.");
      SLUICE_ASSIGN_OR_RAISE(node->patterns, ExpressionList());
      SLUICE_RETURN_NOT_OK(ExpectOp(")"));
      return ExprPtr(std::move(node));
    }
    SLUICE_ASSIGN_OR_RAISE(ExprPtr pattern, ValueExpression());
    node->patterns.push_back(std::move(pattern));
    if (node->like_kind != LikeKind::kRLike && AcceptKw("ESCAPE")) {
      SLUICE_ASSIGN_OR_RAISE(node->escape, StringLiteral());
    }
    return ExprPtr(std::move(node));
  }
  return value;
}

Result<ExprPtr> Parser::ValueExpression(int min_precedence) {
  SLUICE_ASSIGN_OR_RAISE(ExprPtr left, UnaryExpression());
  while (true) {
    const BinaryOperator* op = FindBinaryOperator(Cur());
    if (op == nullptr || op->precedence <= min_precedence) return left;
    auto node = Make<Binary>(left->pos);
    Advance();
    node->op = op->op;
    node->left = std::move(left);
    SLUICE_ASSIGN_OR_RAISE(node->right, ValueExpression(op->precedence));
    left = std::move(node);
  }
}

Result<ExprPtr> Parser::UnaryExpression() {
  DepthGuard guard(*this);
  if (guard.TooDeep()) return TooDeep();
  if (IsOp("-") || IsOp("+") || IsOp("~")) {
    // Spark reads "-12" as one negative literal (typed by its value), not as minus 12.
    if (IsOp("-") && Ahead(1).kind == TokenKind::kNumber) {
      SourcePos minus = Cur().pos;
      Advance();
      Token number = Cur();
      Advance();
      SLUICE_ASSIGN_OR_RAISE(ExprPtr literal, NumberLiteral(number, /*negate=*/true));
      literal->pos = minus;
      return Postfix(std::move(literal));
    }
    auto node = Make<Unary>(Cur().pos);
    node->op = IsOp("-") ? UnaryOp::kMinus : IsOp("+") ? UnaryOp::kPlus : UnaryOp::kBitNot;
    Advance();
    SLUICE_ASSIGN_OR_RAISE(node->operand, UnaryExpression());
    return ExprPtr(std::move(node));
  }
  SLUICE_ASSIGN_OR_RAISE(ExprPtr primary, Primary());
  return Postfix(std::move(primary));
}

Result<ExprPtr> Parser::Postfix(ExprPtr base) {
  while (true) {
    SourcePos pos = base->pos;
    if (AcceptOp("[")) {
      auto node = Make<Subscript>(pos);
      node->base = std::move(base);
      SLUICE_ASSIGN_OR_RAISE(node->index, Expression());
      SLUICE_RETURN_NOT_OK(ExpectOp("]"));
      base = std::move(node);
    } else if (IsOp(".") && IsIdentifier(1)) {
      Advance();
      SLUICE_ASSIGN_OR_RAISE(std::string field, Identifier());
      if (base->kind == ExprKind::kColumnRef) {
        static_cast<ColumnRef&>(*base).name.push_back(std::move(field));
      } else {
        auto node = Make<FieldAccess>(pos);
        node->base = std::move(base);
        node->field = std::move(field);
        base = std::move(node);
      }
    } else if (AcceptOp("::")) {
      auto node = Make<Cast>(pos);
      node->syntax = CastSyntax::kColonColon;
      node->operand = std::move(base);
      SLUICE_ASSIGN_OR_RAISE(node->type, DataType());
      base = std::move(node);
    } else {
      return base;
    }
  }
}

Result<ExprPtr> Parser::NumberLiteral(const Token& token, bool negate) {
  auto node = Make<Literal>(token.pos);
  node->literal_kind = LiteralKind::kNumber;
  std::string spelling = token.value;
  std::string upper = Upper(spelling);
  std::string digits = upper;
  types::TypeId type;
  auto ends_with = [&](std::string_view s) {
    return upper.size() > s.size() && upper.compare(upper.size() - s.size(), s.size(), s) == 0;
  };
  if (ends_with("BD")) {
    type = types::TypeId::kDecimal;
    digits.resize(digits.size() - 2);
  } else if (ends_with("D") || ends_with("F") || ends_with("L") || ends_with("S") ||
             ends_with("Y")) {
    char s = upper.back();
    type = s == 'D'   ? types::TypeId::kDouble
           : s == 'F' ? types::TypeId::kFloat
           : s == 'L' ? types::TypeId::kBigInt
           : s == 'S' ? types::TypeId::kSmallInt
                      : types::TypeId::kTinyInt;
    digits.pop_back();
  } else if (upper.find('E') != std::string::npos) {
    type = types::TypeId::kDouble;
  } else if (upper.find('.') != std::string::npos) {
    type = types::TypeId::kDecimal;
  } else {
    type = types::TypeId::kInt;
  }
  if (negate) {
    spelling = "-" + spelling;
    digits = "-" + digits;
  }
  // Integer spellings: check the range of suffixed ones; widen unsuffixed ones to BIGINT,
  // then DECIMAL, as Spark does.
  bool integral = digits.find_first_of(".E") == std::string::npos;
  if (integral && type != types::TypeId::kDouble && type != types::TypeId::kFloat &&
      type != types::TypeId::kDecimal) {
    size_t significant = digits.find_first_not_of("-0");
    size_t length = significant == std::string::npos ? 0 : digits.size() - significant;
    __int128 value = 0;
    if (length <= 38) {
      for (char c : digits) {
        if (c != '-') value = value * 10 + (c - '0');
      }
      if (negate) value = -value;
    }
    auto fits = [&](int64_t lo, int64_t hi) { return length <= 19 && value >= lo && value <= hi; };
    struct Range {
      types::TypeId id;
      int64_t lo, hi;
      const char* name;
    };
    const Range ranges[] = {{types::TypeId::kTinyInt, -128, 127, "tinyint"},
                            {types::TypeId::kSmallInt, -32768, 32767, "smallint"},
                            {types::TypeId::kBigInt, std::numeric_limits<int64_t>::min(),
                             std::numeric_limits<int64_t>::max(), "bigint"}};
    for (const Range& r : ranges) {
      if (type == r.id && !fits(r.lo, r.hi)) {
        return Fail("a numeric literal within range [" + std::to_string(r.lo) + ", " +
                    std::to_string(r.hi) + "] for type " + r.name);
      }
    }
    if (type == types::TypeId::kInt) {
      if (fits(std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max())) {
        type = types::TypeId::kInt;
      } else if (fits(std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max())) {
        type = types::TypeId::kBigInt;
      } else if (length <= types::LogicalType::kMaxDecimalPrecision) {
        type = types::TypeId::kDecimal;
      } else {
        return Fail("a numeric literal of at most 38 digits");
      }
    }
  }
  node->number_type = type;
  node->text = std::move(spelling);
  return ExprPtr(std::move(node));
}

bool Parser::IsIntervalValue(size_t k, size_t* width) const {
  size_t sign = (IsOp("-", k) || IsOp("+", k)) ? 1 : 0;
  TokenKind kind = Ahead(k + sign).kind;
  if (kind != TokenKind::kNumber && kind != TokenKind::kString) return false;
  *width = sign + 1;
  return true;
}

Result<ExprPtr> Parser::IntervalExpression(SourcePos pos) {
  auto node = Make<IntervalLiteral>(pos);
  size_t width = 0;
  while (IsIntervalValue(0, &width) && (node->parts.empty() || IsIntervalUnit(Ahead(width)))) {
    IntervalLiteral::Part part;
    if (AcceptOp("-")) {
      part.value = "-";
    } else {
      AcceptOp("+");
    }
    part.is_string = Cur().kind == TokenKind::kString;
    part.value += Cur().value;
    Advance();
    if (IsIntervalUnit(Cur())) {
      part.unit = Upper(Cur().value);
      Advance();
    } else if (!part.is_string || !node->parts.empty()) {
      return Fail("an interval unit (YEAR, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND, ...)");
    }
    bool unitless = part.unit.empty();
    node->parts.push_back(std::move(part));
    if (unitless) break;
  }
  if (node->parts.size() == 1 && !node->parts[0].unit.empty() && IsKw("TO")) {
    const Token& to = Ahead(1);
    Advance();
    if (!IsIntervalUnit(Cur())) return Fail("an interval unit after TO");
    if (!node->parts[0].is_string) {
      return ErrorAt(pos, "The value of from-to unit must be a string");
    }
    // Spark's unit ranges: YEAR TO MONTH, DAY TO HOUR|MINUTE|SECOND, HOUR TO MINUTE|SECOND,
    // MINUTE TO SECOND.
    const std::string from = node->parts[0].unit, until = Upper(to.value);
    const bool supported =
        (from == "YEAR" && until == "MONTH") ||
        (from == "DAY" && (until == "HOUR" || until == "MINUTE" || until == "SECOND")) ||
        (from == "HOUR" && (until == "MINUTE" || until == "SECOND")) ||
        (from == "MINUTE" && until == "SECOND");
    if (!supported) {
      return ErrorAt(to.pos, "Intervals FROM " + from + " TO " + until + " are not supported");
    }
    node->to_unit = until;
    Advance();
  }
  return ExprPtr(std::move(node));
}

Result<std::vector<ExprPtr>> Parser::ExpressionList() {
  std::vector<ExprPtr> list;
  do {
    SLUICE_ASSIGN_OR_RAISE(ExprPtr e, Expression());
    list.push_back(std::move(e));
  } while (AcceptOp(","));
  return list;
}

Result<ExprPtr> Parser::Primary() {
  const Token& token = Cur();
  SourcePos pos = token.pos;
  switch (token.kind) {
    case TokenKind::kEnd:
      return Fail("an expression");
    case TokenKind::kNumber: {
      Token number = token;
      Advance();
      return NumberLiteral(number, /*negate=*/false);
    }
    case TokenKind::kString: {
      // Adjacent string literals are one: 'a' "b" is 'ab'.
      auto node = Make<Literal>(pos);
      node->literal_kind = LiteralKind::kString;
      while (Cur().kind == TokenKind::kString) {
        node->text += Cur().value;
        Advance();
      }
      return ExprPtr(std::move(node));
    }
    case TokenKind::kOperator:
      if (IsOp("(")) return ParenthesisedExpression();
      if (AcceptOp("*")) return StarExpression(pos, {});
      return Fail("an expression");
    case TokenKind::kQuotedIdentifier:
    case TokenKind::kWord:
      return NameExpression();
  }
  return Fail("an expression");
}

Result<ExprPtr> Parser::ParenthesisedExpression() {
  SourcePos pos = Cur().pos;
  // (x, y) -> body
  size_t k = 1;
  while (IsIdentifier(k) && (IsOp(",", k + 1) || IsOp(")", k + 1))) {
    k += 2;
    if (IsOp(")", k - 1)) break;
  }
  if (k > 1 && IsOp(")", k - 1) && IsOp("->", k)) {
    auto node = Make<Lambda>(pos);
    SLUICE_ASSIGN_OR_RAISE(node->params, IdentifierList());
    SLUICE_RETURN_NOT_OK(ExpectOp("->"));
    SLUICE_ASSIGN_OR_RAISE(node->body, Expression());
    return ExprPtr(std::move(node));
  }
  if (IsQueryStart(1) || IsOp("(", 1)) {
    // (SELECT ..), or ((SELECT ..) UNION (SELECT ..)); "((1 + 2) * 3)" is no query.
    SLUICE_ASSIGN_OR_RAISE(QueryPtr query, ParenthesisedQuery(/*must=*/IsQueryStart(1)));
    if (query) {
      auto node = Make<ScalarSubquery>(pos);
      node->query = std::move(query);
      return ExprPtr(std::move(node));
    }
  }
  Advance();
  SLUICE_ASSIGN_OR_RAISE(ExprPtr first, Expression());
  if (AcceptOp(")")) return first;
  SLUICE_ASSIGN_OR_RAISE(first, MaybeAliased(std::move(first)));
  if (!IsOp(",")) return Fail("')' or ','");
  auto row = Make<Row>(pos);
  row->items.push_back(std::move(first));
  while (AcceptOp(",")) {
    SLUICE_ASSIGN_OR_RAISE(ExprPtr item, Expression());
    SLUICE_ASSIGN_OR_RAISE(item, MaybeAliased(std::move(item)));
    row->items.push_back(std::move(item));
  }
  SLUICE_RETURN_NOT_OK(ExpectOp(")"));
  return ExprPtr(std::move(row));
}

Result<ExprPtr> Parser::StarExpression(SourcePos pos, std::vector<std::string> qualifier) {
  auto node = Make<Star>(pos);
  node->qualifier = std::move(qualifier);
  if (IsKw("EXCEPT") && IsOp("(", 1) && !IsQueryStart(2) && !IsOp("(", 2)) {
    Advance();
    Advance();
    do {
      SLUICE_ASSIGN_OR_RAISE(std::vector<std::string> name, QualifiedName());
      node->except.push_back(std::move(name));
    } while (AcceptOp(","));
    SLUICE_RETURN_NOT_OK(ExpectOp(")"));
  }
  return ExprPtr(std::move(node));
}

Result<ExprPtr> Parser::NameExpression() {
  const Token& token = Cur();
  SourcePos pos = token.pos;
  bool word = token.kind == TokenKind::kWord;
  if (word) {
    if (token.IsWord("NULL")) {
      Advance();
      return ExprPtr(Make<Literal>(pos));
    }
    if (token.IsWord("TRUE") || token.IsWord("FALSE")) {
      auto node = Make<Literal>(pos);
      node->literal_kind = LiteralKind::kBoolean;
      node->boolean = token.IsWord("TRUE");
      Advance();
      return ExprPtr(std::move(node));
    }
    if (Ahead(1).kind == TokenKind::kString &&
        (token.IsWord("DATE") || token.IsWord("TIMESTAMP") || token.IsWord("TIMESTAMP_NTZ") ||
         token.IsWord("TIMESTAMP_LTZ") || token.IsWord("X"))) {
      auto node = Make<Literal>(pos);
      node->literal_kind = LiteralKind::kTyped;
      node->type_name = Upper(token.value);
      Advance();
      node->text = Cur().value;
      Advance();
      return ExprPtr(std::move(node));
    }
    size_t width = 0;
    if (token.IsWord("INTERVAL") && IsIntervalValue(1, &width)) {
      Advance();
      return IntervalExpression(pos);
    }
    if (token.IsWord("CASE")) {
      Advance();
      return CaseExpression(pos);
    }
    if ((token.IsWord("CAST") || token.IsWord("TRY_CAST")) && IsOp("(", 1)) {
      CastSyntax syntax = token.IsWord("CAST") ? CastSyntax::kCast : CastSyntax::kTryCast;
      Advance();
      return CastExpression(pos, syntax);
    }
    if (token.IsWord("EXISTS") && IsOp("(", 1) && IsQueryStart(2)) {
      Advance();
      Advance();
      auto node = Make<Exists>(pos);
      SLUICE_ASSIGN_OR_RAISE(node->query, QueryRule());
      SLUICE_RETURN_NOT_OK(ExpectOp(")"));
      return ExprPtr(std::move(node));
    }
    // LEFT and RIGHT are reserved, but left(s, n) and right(s, n) are functions.
    if ((token.IsWord("LEFT") || token.IsWord("RIGHT")) && IsOp("(", 1)) {
      std::vector<std::string> name = {token.value};
      Advance();
      return FunctionCallRest(pos, std::move(name));
    }
  }
  if (!IsIdentifier()) return Fail("an expression");
  if (IsOp("->", 1)) {
    auto node = Make<Lambda>(pos);
    SLUICE_ASSIGN_OR_RAISE(std::string param, Identifier());
    node->params.push_back(std::move(param));
    Advance();
    SLUICE_ASSIGN_OR_RAISE(node->body, Expression());
    return ExprPtr(std::move(node));
  }
  std::vector<std::string> name;
  SLUICE_ASSIGN_OR_RAISE(std::string first, Identifier());
  name.push_back(std::move(first));
  while (IsOp(".")) {
    if (IsOp("*", 1)) {
      Advance();
      Advance();
      return StarExpression(pos, std::move(name));
    }
    if (!IsIdentifier(1)) break;
    Advance();
    SLUICE_ASSIGN_OR_RAISE(std::string part, Identifier());
    name.push_back(std::move(part));
  }
  if (IsOp("(")) return FunctionCallRest(pos, std::move(name));
  auto node = Make<ColumnRef>(pos);
  node->name = std::move(name);
  return ExprPtr(std::move(node));
}

Result<ExprPtr> Parser::FunctionArgument() {
  if (!IsIdentifier() || !IsOp("=>", 1)) return Expression();
  auto arg = Make<NamedArgument>(Cur().pos);
  SLUICE_ASSIGN_OR_RAISE(arg->name, Identifier());
  Advance();
  SLUICE_ASSIGN_OR_RAISE(arg->value, Expression());
  return ExprPtr(std::move(arg));
}

Result<ExprPtr> Parser::MaybeAliased(ExprPtr expr) {
  if (!IsKw("AS")) return expr;
  auto alias = Make<Alias>(Cur().pos);
  Advance();
  SLUICE_ASSIGN_OR_RAISE(alias->name, Identifier());
  alias->expr = std::move(expr);
  return ExprPtr(std::move(alias));
}

Result<ExprPtr> Parser::CaseExpression(SourcePos pos) {
  auto node = Make<Case>(pos);
  if (!IsKw("WHEN")) {
    SLUICE_ASSIGN_OR_RAISE(node->operand, Expression());
  }
  while (AcceptKw("WHEN")) {
    SLUICE_ASSIGN_OR_RAISE(ExprPtr when, Expression());
    SLUICE_RETURN_NOT_OK(ExpectKw("THEN"));
    SLUICE_ASSIGN_OR_RAISE(ExprPtr then, Expression());
    node->whens.emplace_back(std::move(when), std::move(then));
  }
  if (node->whens.empty()) return Fail("WHEN");
  if (AcceptKw("ELSE")) {
    SLUICE_ASSIGN_OR_RAISE(node->else_result, Expression());
  }
  SLUICE_RETURN_NOT_OK(ExpectKw("END"));
  return ExprPtr(std::move(node));
}

Result<ExprPtr> Parser::CastExpression(SourcePos pos, CastSyntax syntax) {
  SLUICE_RETURN_NOT_OK(ExpectOp("("));
  auto node = Make<Cast>(pos);
  node->syntax = syntax;
  SLUICE_ASSIGN_OR_RAISE(node->operand, Expression());
  SLUICE_RETURN_NOT_OK(ExpectKw("AS"));
  SLUICE_ASSIGN_OR_RAISE(node->type, DataType());
  SLUICE_RETURN_NOT_OK(ExpectOp(")"));
  return ExprPtr(std::move(node));
}

bool Parser::KeywordBeforeArgumentEnd(std::string_view keyword) const {
  int depth = 0;
  for (size_t k = 0;; ++k) {
    const Token& t = Ahead(k);
    if (t.kind == TokenKind::kEnd) return false;
    if (t.IsOperator("(") || t.IsOperator("[")) {
      ++depth;
    } else if (t.IsOperator(")") || t.IsOperator("]")) {
      if (--depth < 0) return false;
    } else if (depth == 0 && (t.IsOperator(",") || t.IsOperator(";"))) {
      return false;
    } else if (depth == 0 && t.IsWord(keyword)) {
      return true;
    }
  }
}

// EXTRACT(f FROM x), POSITION(a IN b), SUBSTRING(s FROM i [FOR n]),
// TRIM([BOTH|LEADING|TRAILING] [c] FROM s). Returns false, consuming nothing, when the
// call is written the ordinary way (decided by lookahead, so nothing is parsed twice).
Result<bool> Parser::SpecialCallArguments(FunctionCall& call) {
  if (call.name.size() != 1) return false;
  const std::string name = Upper(call.name[0]);
  if (name == "EXTRACT" && IsIdentifier() && IsKw("FROM", 1)) {
    auto field = Make<Literal>(Cur().pos);
    field->literal_kind = LiteralKind::kString;
    field->text = Cur().value;
    Advance();
    Advance();
    call.syntax = CallSyntax::kExtract;
    call.args.push_back(std::move(field));
    SLUICE_ASSIGN_OR_RAISE(ExprPtr source, Expression());
    call.args.push_back(std::move(source));
    return true;
  }
  if (IsUnitFunction(name) && IsOp(",", 1) &&
      std::any_of(std::begin(kDatetimeUnits), std::end(kDatetimeUnits),
                  [&](std::string_view unit) { return Cur().IsWord(unit); })) {
    auto unit = Make<Literal>(Cur().pos);
    unit->literal_kind = LiteralKind::kString;
    unit->text = Upper(Cur().value);
    Advance();
    Advance();
    call.syntax = CallSyntax::kDatetimeUnit;
    call.args.push_back(std::move(unit));
    SLUICE_ASSIGN_OR_RAISE(std::vector<ExprPtr> rest, ExpressionList());
    for (ExprPtr& arg : rest) call.args.push_back(std::move(arg));
    return true;
  }
  if (name == "POSITION" || name == "SUBSTRING" || name == "SUBSTR") {
    std::string_view separator = name == "POSITION" ? "IN" : "FROM";
    if (!KeywordBeforeArgumentEnd(separator)) return false;
    call.syntax = name == "POSITION" ? CallSyntax::kPosition : CallSyntax::kSubstringFrom;
    SLUICE_ASSIGN_OR_RAISE(ExprPtr first, ValueExpression());
    call.args.push_back(std::move(first));
    SLUICE_RETURN_NOT_OK(ExpectKw(separator));
    SLUICE_ASSIGN_OR_RAISE(ExprPtr second, ValueExpression());
    call.args.push_back(std::move(second));
    if (call.syntax == CallSyntax::kSubstringFrom && AcceptKw("FOR")) {
      SLUICE_ASSIGN_OR_RAISE(ExprPtr length, ValueExpression());
      call.args.push_back(std::move(length));
    }
    return true;
  }
  if (name == "TRIM" && KeywordBeforeArgumentEnd("FROM")) {
    call.syntax = CallSyntax::kTrimBoth;
    if (AcceptKw("LEADING")) {
      call.syntax = CallSyntax::kTrimLeading;
    } else if (AcceptKw("TRAILING")) {
      call.syntax = CallSyntax::kTrimTrailing;
    } else {
      AcceptKw("BOTH");
    }
    ExprPtr chars;
    if (!IsKw("FROM")) {
      SLUICE_ASSIGN_OR_RAISE(chars, ValueExpression());
    }
    SLUICE_RETURN_NOT_OK(ExpectKw("FROM"));
    SLUICE_ASSIGN_OR_RAISE(ExprPtr source, ValueExpression());
    call.args.push_back(std::move(source));
    if (chars) call.args.push_back(std::move(chars));
    return true;
  }
  return false;
}

Result<ExprPtr> Parser::FunctionCallRest(SourcePos pos, std::vector<std::string> name) {
  SLUICE_RETURN_NOT_OK(ExpectOp("("));
  auto call = Make<FunctionCall>(pos);
  call->name = std::move(name);
  SLUICE_ASSIGN_OR_RAISE(bool special, SpecialCallArguments(*call));
  // struct(a AS x, b): Spark's STRUCT takes named expressions.
  const bool is_struct = call->name.size() == 1 && Upper(call->name[0]) == "STRUCT";
  if (!special && !IsOp(")")) {
    if (IsKw("DISTINCT") && !IsOp(")", 1) && !IsOp(",", 1)) {
      call->distinct = true;
      Advance();
    } else if (IsKw("ALL") && !IsOp(")", 1) && !IsOp(",", 1)) {
      call->all = true;
      Advance();
    }
    do {
      SLUICE_ASSIGN_OR_RAISE(ExprPtr arg, FunctionArgument());
      if (is_struct) {
        SLUICE_ASSIGN_OR_RAISE(arg, MaybeAliased(std::move(arg)));
      }
      call->args.push_back(std::move(arg));
    } while (AcceptOp(","));
  }
  SLUICE_RETURN_NOT_OK(ExpectOp(")"));
  // DATEADD('DAY', 1, t): Spark wants the unit bare and says so at parse time.
  if (call->syntax == CallSyntax::kPlain && call->args.size() == 3 && call->name.size() == 1 &&
      IsUnitFunction(Upper(call->name[0])) && call->args[0]->kind == ExprKind::kLiteral &&
      call->args[0]->As<Literal>().literal_kind == LiteralKind::kString) {
    return ParseErrorAt(text_, call->args[0]->pos, "INVALID_PARAMETER_VALUE.DATETIME_UNIT",
                        "The value of parameter(s) `unit` in `" + call->name[0] +
                            "` is invalid: expects one of the units without quotes YEAR, "
                            "QUARTER, MONTH, WEEK, DAY, DAYOFYEAR, HOUR, MINUTE, SECOND, "
                            "MILLISECOND, MICROSECOND, but got the string literal '" +
                            call->args[0]->As<Literal>().text + "'.",
                        origin_);
  }
  if (IsKw("WITHIN") && IsKw("GROUP", 1)) {
    Advance();
    Advance();
    SLUICE_RETURN_NOT_OK(ExpectOp("("));
    SLUICE_RETURN_NOT_OK(ExpectKw("ORDER"));
    SLUICE_RETURN_NOT_OK(ExpectKw("BY"));
    SLUICE_ASSIGN_OR_RAISE(call->within_group, SortItems());
    SLUICE_RETURN_NOT_OK(ExpectOp(")"));
  }
  if (IsKw("FILTER") && IsOp("(", 1)) {
    Advance();
    Advance();
    SLUICE_RETURN_NOT_OK(ExpectKw("WHERE"));
    SLUICE_ASSIGN_OR_RAISE(call->filter, Expression());
    SLUICE_RETURN_NOT_OK(ExpectOp(")"));
  }
  if ((IsKw("IGNORE") || IsKw("RESPECT")) && IsKw("NULLS", 1)) {
    call->nulls = IsKw("IGNORE") ? NullTreatment::kIgnoreNulls : NullTreatment::kRespectNulls;
    Advance();
    Advance();
  }
  if (IsKw("OVER") && (IsOp("(", 1) || IsImplicitAlias(1))) {
    Advance();
    SLUICE_ASSIGN_OR_RAISE(call->over, WindowSpecRule());
  }
  return ExprPtr(std::move(call));
}

Result<SortItem> Parser::SortItemRule() {
  SortItem item;
  item.pos = Cur().pos;
  SLUICE_ASSIGN_OR_RAISE(item.expr, Expression());
  if (AcceptKw("DESC")) {
    item.descending = true;
  } else {
    AcceptKw("ASC");
  }
  if (IsKw("NULLS") && (IsKw("FIRST", 1) || IsKw("LAST", 1))) {
    item.nulls_first = IsKw("FIRST", 1);
    Advance();
    Advance();
  }
  return item;
}

Result<std::vector<SortItem>> Parser::SortItems() {
  std::vector<SortItem> items;
  do {
    SLUICE_ASSIGN_OR_RAISE(SortItem item, SortItemRule());
    items.push_back(std::move(item));
  } while (AcceptOp(","));
  return items;
}

Result<std::unique_ptr<WindowSpec>> Parser::WindowSpecRule() {
  auto spec = std::make_unique<WindowSpec>();
  spec->pos = Cur().pos;
  if (!IsOp("(")) {
    SLUICE_ASSIGN_OR_RAISE(spec->reference, Identifier());
    return spec;
  }
  Advance();
  const bool by_clause = (IsKw("PARTITION") || IsKw("DISTRIBUTE") || IsKw("CLUSTER") ||
                          IsKw("ORDER") || IsKw("SORT")) &&
                         IsKw("BY", 1);
  const bool frame = (IsKw("ROWS") || IsKw("RANGE")) && !IsOp(")", 1);
  if (IsIdentifier() && !by_clause && !frame) {
    // Spark's windowRef: a named window alone, never refined (`(w ORDER BY x)` is a syntax
    // error at ORDER, as in Spark's grammar).
    SLUICE_ASSIGN_OR_RAISE(spec->reference, Identifier());
    SLUICE_RETURN_NOT_OK(ExpectOp(")"));
    return spec;
  }
  bool cluster = false;
  if ((IsKw("PARTITION") || IsKw("DISTRIBUTE") || IsKw("CLUSTER")) && IsKw("BY", 1)) {
    cluster = IsKw("CLUSTER");
    pos_ += 2;
    SLUICE_ASSIGN_OR_RAISE(spec->partition_by, ExpressionList());
  }
  if (!cluster && (IsKw("ORDER") || IsKw("SORT")) && IsKw("BY", 1)) {  // CLUSTER BY has none
    pos_ += 2;
    SLUICE_ASSIGN_OR_RAISE(spec->order_by, SortItems());
  }
  if (IsKw("ROWS") || IsKw("RANGE")) {
    WindowFrame frame;
    frame.rows = IsKw("ROWS");
    Advance();
    if (AcceptKw("BETWEEN")) {
      SLUICE_ASSIGN_OR_RAISE(frame.start, FrameBoundRule());
      SLUICE_RETURN_NOT_OK(ExpectKw("AND"));
      SLUICE_ASSIGN_OR_RAISE(frame.end, FrameBoundRule());
    } else {
      SLUICE_ASSIGN_OR_RAISE(frame.start, FrameBoundRule());
    }
    spec->frame = std::move(frame);
  }
  SLUICE_RETURN_NOT_OK(ExpectOp(")"));
  return spec;
}

Result<FrameBound> Parser::FrameBoundRule() {
  FrameBound bound;
  bound.pos = Cur().pos;
  if (IsKw("UNBOUNDED") && (IsKw("PRECEDING", 1) || IsKw("FOLLOWING", 1))) {
    Advance();
    bound.kind = IsKw("PRECEDING") ? FrameBoundKind::kUnboundedPreceding
                                   : FrameBoundKind::kUnboundedFollowing;
    Advance();
    return bound;
  }
  if (IsKw("CURRENT") && IsKw("ROW", 1)) {
    Advance();
    Advance();
    bound.kind = FrameBoundKind::kCurrentRow;
    return bound;
  }
  SLUICE_ASSIGN_OR_RAISE(bound.offset, Expression());
  if (AcceptKw("PRECEDING")) {
    bound.kind = FrameBoundKind::kPreceding;
  } else if (AcceptKw("FOLLOWING")) {
    bound.kind = FrameBoundKind::kFollowing;
  } else {
    return Fail("PRECEDING or FOLLOWING");
  }
  return bound;
}

}  // namespace sluice::sql
