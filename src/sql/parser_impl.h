// The parser's state and grammar rules, shared by parser_*.cc (one file per concern:
// base, expressions, queries, statements, types). Internal to src/sql. One Parser
// parses one text on one thread.
#pragma once

#include <cctype>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "sql/ast_statement.h"
#include "sql/lexer.h"

namespace sluice::sql {

template <typename T>
std::unique_ptr<T> Make(SourcePos pos) {
  return std::make_unique<T>(pos);
}

inline std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

class Parser {
 public:
  // Counts one level of nesting for its lifetime; hostile nesting then fails cleanly
  // (TooDeep) instead of exhausting the stack.
  class DepthGuard {
   public:
    explicit DepthGuard(Parser& parser) : depth_(parser.depth_) { ++depth_; }
    ~DepthGuard() { --depth_; }
    bool TooDeep() const { return depth_ > kMaxDepth; }

   private:
    int& depth_;
  };

  // `text` starts at `origin` of its script; the tokens' positions are script positions.
  Parser(std::string_view text, const SourcePos& origin, std::vector<Token> tokens)
      : text_(text), origin_(origin), tokens_(std::move(tokens)) {}

  // parser.cc: entry points.
  Result<std::vector<StatementPtr>> Script();
  Result<StatementPtr> SingleStatement();
  Result<ExprPtr> SingleExpression();
  Result<types::LogicalType> SingleDataType();

 private:
  // parser.cc: token cursor.
  const Token& Cur() const { return tokens_[pos_]; }
  const Token& Ahead(size_t k) const { return tokens_[std::min(pos_ + k, tokens_.size() - 1)]; }
  bool IsKw(std::string_view kw, size_t k = 0) const { return Ahead(k).IsWord(kw); }
  bool IsOp(std::string_view op, size_t k = 0) const { return Ahead(k).IsOperator(op); }
  bool AcceptKw(std::string_view kw);
  bool AcceptOp(std::string_view op);
  Status ExpectKw(std::string_view kw);
  Status ExpectOp(std::string_view op);
  Status Fail(std::string_view expected) const;
  Status TooDeep() const { return Fail("less deeply nested text"); }
  Status ErrorAt(const SourcePos& pos, std::string_view message) const;
  // Where a token starts in text_ (token positions are script positions).
  size_t TextOffset(const Token& token) const { return token.pos.offset - origin_.offset; }
  void Advance() {
    if (Cur().kind != TokenKind::kEnd) ++pos_;
  }
  bool AtEnd() const { return Cur().kind == TokenKind::kEnd; }

  // Names. An identifier is a backquoted name or any word Spark does not reserve.
  bool IsIdentifier(size_t k = 0) const;
  // An identifier that may follow an expression or relation as an alias without AS.
  bool IsImplicitAlias(size_t k = 0) const;
  Result<std::string> Identifier();
  Result<std::vector<std::string>> QualifiedName();
  Result<std::vector<std::string>> IdentifierList();  // (a, b, c)
  Result<std::string> StringLiteral();                // one string token
  Result<std::string> DottedName();                   // a.b.c as one text: formats, keys
  Result<bool> IfNotExists();                         // [IF NOT EXISTS]
  bool IfExists();                                    // [IF EXISTS]
  bool IsQueryStart(size_t k = 0) const;

  // parser_expression.cc.
  Result<ExprPtr> Expression();
  Result<ExprPtr> OrExpression();
  Result<ExprPtr> AndExpression();
  Result<ExprPtr> NotExpression();
  Result<ExprPtr> Predicated();
  Result<ExprPtr> ValueExpression(int min_precedence = 0);
  Result<ExprPtr> UnaryExpression();
  Result<ExprPtr> Postfix(ExprPtr base);
  Result<ExprPtr> Primary();
  Result<ExprPtr> NumberLiteral(const Token& token, bool negate);
  Result<ExprPtr> IntervalExpression(SourcePos pos);
  bool IsIntervalValue(size_t k, size_t* width) const;
  Result<ExprPtr> ParenthesisedExpression();
  Result<ExprPtr> NameExpression();
  Result<ExprPtr> FunctionCallRest(SourcePos pos, std::vector<std::string> name);
  Result<bool> SpecialCallArguments(FunctionCall& call);
  // Whether `keyword` comes before the end of the current function argument.
  bool KeywordBeforeArgumentEnd(std::string_view keyword) const;
  Result<ExprPtr> CaseExpression(SourcePos pos);
  Result<ExprPtr> CastExpression(SourcePos pos, CastSyntax syntax);
  Result<ExprPtr> StarExpression(SourcePos pos, std::vector<std::string> qualifier);
  Result<std::vector<ExprPtr>> ExpressionList();  // e1, e2, ...
  Result<ExprPtr> FunctionArgument();             // expr, or name => expr
  Result<SortItem> SortItemRule();
  Result<std::vector<SortItem>> SortItems();
  Result<std::unique_ptr<WindowSpec>> WindowSpecRule();
  Result<FrameBound> FrameBoundRule();

  // parser_query.cc.
  Result<QueryPtr> QueryRule();
  Result<std::vector<Cte>> WithClause();  // [WITH name AS (query), ...]
  Result<QueryPtr> QueryAfterWith(SourcePos pos, std::vector<Cte> ctes);
  // "( query )" from the current '('. Unless `must`, a text that is no query gives null
  // with nothing consumed, and the position is remembered: nested retries of the same
  // text would otherwise take exponential time.
  Result<QueryPtr> ParenthesisedQuery(bool must);
  Result<QueryTermPtr> SetUnion();
  Result<QueryTermPtr> SetIntersect();
  Result<QueryTermPtr> QueryPrimary();
  Result<QueryTermPtr> Select();
  // SELECT ... [FROM ...] WHERE ... QUALIFY ... into `select` (FROM already read when
  // `from_first`).
  Status SelectBody(SelectTerm& select, bool from_first);
  Result<SelectItem> SelectItemRule();
  Status FromClause(SelectTerm& select);
  Result<RelationPtr> RelationRule();
  Result<RelationPtr> RelationPrimary();
  Status AliasRule(TableAlias& alias);
  Result<ExprPtr> MaybeAliased(ExprPtr expr);
  Result<std::unique_ptr<TableSample>> Sample();
  Result<std::vector<std::vector<ExprPtr>>> ValuesRows();
  Result<LateralView> LateralViewRule();
  Result<std::unique_ptr<Pivot>> PivotRule();
  Result<std::unique_ptr<Unpivot>> UnpivotRule();
  Result<std::unique_ptr<GroupBy>> GroupByRule();
  Result<GroupingElement> GroupingElementRule(bool top_level);
  Result<std::vector<NamedWindow>> WindowClause();
  Status Organization(Query& query);

  // parser_statement.cc.
  Result<StatementPtr> StatementRule();
  Result<StatementPtr> Create();
  Result<StatementPtr> CreateViewRest(SourcePos pos, bool or_replace);
  Result<StatementPtr> CreateTableRest(SourcePos pos, bool or_replace, bool external);
  Result<StatementPtr> InsertRule();
  Result<StatementPtr> AlterRule();
  Result<StatementPtr> DropRule();
  Result<StatementPtr> SetRule();
  Result<StatementPtr> ShowRule();
  Result<StatementPtr> DescribeRule();
  Result<StatementPtr> CacheRule();
  Result<PropertyList> PropertyListRule();
  Result<PartitionSpec> PartitionSpecRule();
  Result<std::vector<ColumnDefinition>> ColumnDefinitions(bool types_required);
  std::string_view RestOfStatement();  // raw text up to `;` or the end; consumes it

  // parser_types.cc.
  Result<types::LogicalType> DataType();

  std::string_view text_;
  SourcePos origin_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  std::unordered_set<size_t> failed_subqueries_;  // see ParenthesisedQuery
  static constexpr int kMaxDepth = 256;
  int depth_ = 0;  // see DepthGuard
};

}  // namespace sluice::sql
