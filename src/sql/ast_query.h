// AST of Spark SQL queries: WITH, set operations, SELECT blocks, FROM relations (tables,
// files as tables, subqueries, VALUES, table functions, joins, LATERAL VIEW, PIVOT,
// UNPIVOT) and the ORDER BY / LIMIT organisation. Immutable after parsing.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sql/ast_expression.h"

namespace sluice::sql {

struct NamedWindow {
  SourcePos pos;
  std::string name;
  WindowSpec spec;
};

// AS t, AS t(a, b), t (a, b) after a relation.
struct TableAlias {
  SourcePos pos;
  std::string name;  // empty: no alias
  std::vector<std::string> columns;
};

// TABLESAMPLE (10 PERCENT | 5 ROWS | BUCKET 1 OUT OF 4 [ON x] | 100M): parsed so the
// binder can refuse it clearly.
struct TableSample {
  SourcePos pos;
  enum class Method { kPercent, kRows, kBucket, kBytes } method = Method::kPercent;
  ExprPtr amount;        // percent, rows, bucket number
  std::string bytes;     // kBytes: the spelling, 100M
  ExprPtr bucket_total;  // OUT OF n
  ExprPtr bucket_on;     // ON expr
};

enum class RelationKind { kTable, kSubquery, kValues, kTableFunction, kJoin, kParenthesised };

struct Relation {
  explicit Relation(RelationKind k, SourcePos p) : kind(k), pos(p) {}
  virtual ~Relation() = default;
  template <typename T>
  const T& As() const {
    SLUICE_CHECK(kind == T::kKind);
    return static_cast<const T&>(*this);
  }
  const RelationKind kind;
  SourcePos pos;
  TableAlias alias;
  std::unique_ptr<TableSample> sample;
};
using RelationPtr = std::unique_ptr<Relation>;

template <RelationKind K>
struct RelationOf : Relation {
  static constexpr RelationKind kKind = K;
  explicit RelationOf(SourcePos p) : Relation(K, p) {}
};

// A named table or view (db.t), or a file read as a table (csv.`/data/x.csv`): the
// binder tells the two apart by the first part naming a format.
struct TableRelation : RelationOf<RelationKind::kTable> {
  using RelationOf::RelationOf;
  std::vector<std::string> name;
};

struct SubqueryRelation : RelationOf<RelationKind::kSubquery> {
  using RelationOf::RelationOf;
  bool lateral = false;
  QueryPtr query;
};

// VALUES (1, 'a'), (2, 'b') AS t(x, y): rows of expressions.
struct ValuesRelation : RelationOf<RelationKind::kValues> {
  using RelationOf::RelationOf;
  std::vector<std::vector<ExprPtr>> rows;
};

// range(10), read_files('p', format => 'csv'), explode(array(1, 2)).
struct TableFunctionRelation : RelationOf<RelationKind::kTableFunction> {
  using RelationOf::RelationOf;
  std::vector<std::string> name;
  std::vector<ExprPtr> args;
};

enum class JoinType { kInner, kCross, kLeft, kRight, kFull, kLeftSemi, kLeftAnti };

struct JoinRelation : RelationOf<RelationKind::kJoin> {
  using RelationOf::RelationOf;
  JoinType join_type = JoinType::kInner;
  bool natural = false;
  RelationPtr left;
  RelationPtr right;
  ExprPtr on;
  std::vector<std::string> using_columns;
  bool has_using = false;
};

// (relation): a parenthesised join tree.
struct ParenthesisedRelation : RelationOf<RelationKind::kParenthesised> {
  using RelationOf::RelationOf;
  RelationPtr inner;
};

// LATERAL VIEW [OUTER] explode(x) t AS c1, c2.
struct LateralView {
  SourcePos pos;
  bool outer = false;
  std::vector<std::string> function;
  std::vector<ExprPtr> args;
  std::string table_alias;
  std::vector<std::string> column_aliases;
};

struct AliasedExpr {
  SourcePos pos;
  ExprPtr expr;
  std::string alias;  // empty: none
};

// PIVOT (agg [AS a], ... FOR col | (c1, c2) IN (v [AS a], ...)).
struct Pivot {
  SourcePos pos;
  std::vector<AliasedExpr> aggregates;
  std::vector<std::vector<std::string>> columns;
  std::vector<AliasedExpr> values;
  TableAlias alias;
};

// UNPIVOT [INCLUDE|EXCLUDE NULLS] (v FOR n IN (a [AS x], ...)) or ((v1, v2) FOR n IN
// ((a, b) [AS x], ...)).
struct Unpivot {
  SourcePos pos;
  bool include_nulls = false;
  bool explicit_nulls = false;  // INCLUDE or EXCLUDE was written
  std::vector<std::string> value_columns;
  bool multi_value = false;  // value columns were parenthesised
  std::string name_column;
  struct Source {
    SourcePos pos;
    std::vector<std::vector<std::string>> columns;
    bool parenthesised = false;
    std::string alias;
  };
  std::vector<Source> sources;
  TableAlias alias;
};

struct SelectItem {
  SourcePos pos;
  ExprPtr expr;
  std::string alias;                 // AS a
  std::vector<std::string> aliases;  // AS (a, b) for generators
};

enum class GroupingKind { kExpr, kSet, kRollup, kCube, kGroupingSets };

// One element of GROUP BY: an expression, ROLLUP/CUBE (of sets) or GROUPING SETS (of
// sets or nested ROLLUP/CUBE). Inside those a lone expression is a set of one, as in Spark.
struct GroupingElement {
  SourcePos pos;
  GroupingKind kind = GroupingKind::kExpr;
  ExprPtr expr;                           // kExpr: only directly in GROUP BY
  std::vector<ExprPtr> set;               // kSet
  std::vector<GroupingElement> children;  // kRollup, kCube, kGroupingSets
};

struct GroupBy {
  SourcePos pos;
  bool all = false;  // GROUP BY ALL
  std::vector<GroupingElement> items;
  // GROUP BY a, b WITH ROLLUP | WITH CUBE | GROUPING SETS (...): the modifier of the
  // plain expression list (`sets` holds the GROUPING SETS element).
  enum class Modifier { kNone, kWithRollup, kWithCube, kGroupingSets } modifier = Modifier::kNone;
  std::vector<GroupingElement> sets;
};

enum class QueryTermKind { kSelect, kSetOperation, kValues, kNested, kTable };

struct QueryTerm {
  explicit QueryTerm(QueryTermKind k, SourcePos p) : kind(k), pos(p) {}
  virtual ~QueryTerm() = default;
  template <typename T>
  const T& As() const {
    SLUICE_CHECK(kind == T::kKind);
    return static_cast<const T&>(*this);
  }
  const QueryTermKind kind;
  SourcePos pos;
};
using QueryTermPtr = std::unique_ptr<QueryTerm>;

template <QueryTermKind K>
struct QueryTermOf : QueryTerm {
  static constexpr QueryTermKind kKind = K;
  explicit QueryTermOf(SourcePos p) : QueryTerm(K, p) {}
};

// SELECT ... FROM ..., also written FROM ... SELECT ... (Spark's FROM-first form).
struct SelectTerm : QueryTermOf<QueryTermKind::kSelect> {
  using QueryTermOf::QueryTermOf;
  bool distinct = false;
  bool all = false;  // SELECT ALL written
  std::vector<SelectItem> items;
  std::vector<RelationPtr> from;  // comma-separated relations: a cross product
  std::vector<LateralView> lateral_views;
  std::unique_ptr<Pivot> pivot;
  std::unique_ptr<Unpivot> unpivot;
  ExprPtr where;
  std::unique_ptr<GroupBy> group_by;
  ExprPtr having;
  std::vector<NamedWindow> windows;
  ExprPtr qualify;
};

enum class SetOpKind { kUnion, kIntersect, kExcept };  // MINUS is EXCEPT
enum class SetQuantifier { kDefault, kAll, kDistinct };

struct SetOperationTerm : QueryTermOf<QueryTermKind::kSetOperation> {
  using QueryTermOf::QueryTermOf;
  SetOpKind op = SetOpKind::kUnion;
  SetQuantifier quantifier = SetQuantifier::kDefault;
  bool minus_spelling = false;
  QueryTermPtr left;
  QueryTermPtr right;
};

// VALUES (..), (..) [AS t(a, b)] used as a query.
struct ValuesTerm : QueryTermOf<QueryTermKind::kValues> {
  using QueryTermOf::QueryTermOf;
  std::vector<std::vector<ExprPtr>> rows;
  TableAlias alias;
};

// ( query ): a parenthesised query with its own WITH / ORDER BY / LIMIT.
struct NestedQueryTerm : QueryTermOf<QueryTermKind::kNested> {
  using QueryTermOf::QueryTermOf;
  QueryPtr query;
};

// TABLE t.
struct TableTerm : QueryTermOf<QueryTermKind::kTable> {
  using QueryTermOf::QueryTermOf;
  std::vector<std::string> name;
};

struct Cte {
  SourcePos pos;
  std::string name;
  std::vector<std::string> columns;
  QueryPtr query;
};

struct Query {
  SourcePos pos;
  std::vector<Cte> ctes;
  QueryTermPtr body;
  std::vector<SortItem> order_by;
  std::vector<ExprPtr> cluster_by;
  std::vector<ExprPtr> distribute_by;
  std::vector<SortItem> sort_by;
  std::vector<NamedWindow> windows;  // a WINDOW clause after a set operation
  bool limit_all = false;
  ExprPtr limit;
  ExprPtr offset;
};

}  // namespace sluice::sql
