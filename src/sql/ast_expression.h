// AST of Spark SQL expressions, as the parser builds them and the binder consumes them.
// Nodes are plain structs owned through unique_ptr; every node records where it starts in
// the source. Spark's surface forms the binder must see (EXTRACT, POSITION, TRIM, ...)
// stay distinguishable. Immutable after parsing: safe to read from several threads.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/check.h"
#include "sql/lexer.h"
#include "types/logical_type.h"

namespace sluice::sql {

struct Query;
using QueryPtr = std::unique_ptr<Query>;

enum class ExprKind {
  kLiteral,
  kInterval,
  kColumnRef,
  kFieldAccess,
  kSubscript,
  kStar,
  kUnary,
  kBinary,
  kIs,
  kBetween,
  kInList,
  kInSubquery,
  kLike,
  kExists,
  kScalarSubquery,
  kCase,
  kCast,
  kFunctionCall,
  kLambda,
  kNamedArgument,
  kRow,
  kAlias,
};

struct Expr {
  explicit Expr(ExprKind k, SourcePos p) : kind(k), pos(p) {}
  virtual ~Expr() = default;
  template <typename T>
  const T& As() const {
    SLUICE_CHECK(kind == T::kKind);
    return static_cast<const T&>(*this);
  }

  const ExprKind kind;
  SourcePos pos;
};
using ExprPtr = std::unique_ptr<Expr>;

template <ExprKind K>
struct ExprOf : Expr {
  static constexpr ExprKind kKind = K;
  explicit ExprOf(SourcePos p) : Expr(K, p) {}
};

enum class LiteralKind { kNull, kBoolean, kNumber, kString, kTyped };

// NULL, TRUE/FALSE, numbers, strings and typed literals (DATE '..', TIMESTAMP '..',
// TIMESTAMP_NTZ '..', TIMESTAMP_LTZ '..', X'..').
struct Literal : ExprOf<ExprKind::kLiteral> {
  using ExprOf::ExprOf;
  LiteralKind literal_kind = LiteralKind::kNull;
  bool boolean = false;
  // kNumber: Spark's type for the spelling (INT, BIGINT, SMALLINT, TINYINT, DOUBLE, FLOAT,
  // DECIMAL; an unsuffixed integer is INT, else BIGINT, else DECIMAL).
  types::TypeId number_type = types::TypeId::kNull;
  // kNumber: the spelling, sign included (-12L, 1.5BD); kString/kTyped: the decoded value.
  std::string text;
  std::string type_name;  // kTyped: DATE, TIMESTAMP, TIMESTAMP_NTZ, TIMESTAMP_LTZ, X
};

// INTERVAL '1' DAY, INTERVAL 1 DAY 2 HOURS, INTERVAL '1-2' YEAR TO MONTH, INTERVAL '1 day'.
struct IntervalLiteral : ExprOf<ExprKind::kInterval> {
  using ExprOf::ExprOf;
  struct Part {
    std::string value;  // the number's spelling or the string's value, '-' in front if negated
    bool is_string = false;
    std::string unit;  // upper case as written (DAY, HOURS, ...); empty for INTERVAL '..'
  };
  std::vector<Part> parts;
  std::string to_unit;  // YEAR TO MONTH: parts = {{'1-2', YEAR}}, to_unit = MONTH
};

// a, t.a, db.t.a, s.field: which parts are qualifiers is the binder's call, as in Spark.
struct ColumnRef : ExprOf<ExprKind::kColumnRef> {
  using ExprOf::ExprOf;
  std::vector<std::string> name;
};

// expr.field on anything but a plain name: f(x).a, (s).b, arr[0].c.
struct FieldAccess : ExprOf<ExprKind::kFieldAccess> {
  using ExprOf::ExprOf;
  ExprPtr base;
  std::string field;
};

struct Subscript : ExprOf<ExprKind::kSubscript> {
  using ExprOf::ExprOf;
  ExprPtr base;
  ExprPtr index;
};

// *, t.*, * EXCEPT (a, t.b).
struct Star : ExprOf<ExprKind::kStar> {
  using ExprOf::ExprOf;
  std::vector<std::string> qualifier;
  std::vector<std::vector<std::string>> except;
};

enum class UnaryOp { kMinus, kPlus, kBitNot, kNot };

struct Unary : ExprOf<ExprKind::kUnary> {
  using ExprOf::ExprOf;
  UnaryOp op = UnaryOp::kMinus;
  ExprPtr operand;
};

enum class BinaryOp {
  kOr,
  kAnd,
  kEq,          // = and ==
  kNullSafeEq,  // <=>
  kNotEq,       // <> and !=
  kLt,
  kLe,
  kGt,
  kGe,
  kBitOr,
  kBitXor,
  kBitAnd,
  kAdd,
  kSubtract,
  kConcat,  // ||
  kMultiply,
  kDivide,
  kModulo,
  kIntDivide,  // div
};

struct Binary : ExprOf<ExprKind::kBinary> {
  using ExprOf::ExprOf;
  BinaryOp op = BinaryOp::kEq;
  ExprPtr left;
  ExprPtr right;
};

enum class IsTest { kNull, kTrue, kFalse, kUnknown, kDistinctFrom };

// x IS [NOT] NULL | TRUE | FALSE | UNKNOWN, x IS [NOT] DISTINCT FROM y.
struct IsPredicate : ExprOf<ExprKind::kIs> {
  using ExprOf::ExprOf;
  IsTest test = IsTest::kNull;
  bool negated = false;
  ExprPtr operand;
  ExprPtr other;  // kDistinctFrom only
};

struct Between : ExprOf<ExprKind::kBetween> {
  using ExprOf::ExprOf;
  bool negated = false;
  ExprPtr operand;
  ExprPtr low;
  ExprPtr high;
};

struct InList : ExprOf<ExprKind::kInList> {
  using ExprOf::ExprOf;
  bool negated = false;
  ExprPtr operand;
  std::vector<ExprPtr> list;
};

struct InSubquery : ExprOf<ExprKind::kInSubquery> {
  using ExprOf::ExprOf;
  bool negated = false;
  ExprPtr operand;
  QueryPtr query;
};

enum class LikeKind { kLike, kILike, kRLike };
enum class LikeQuantifier { kNone, kAny, kAll };  // SOME is ANY

// x [NOT] LIKE p [ESCAPE 'c'], x [NOT] ILIKE ANY|ALL (p, ...), x [NOT] RLIKE|REGEXP p.
struct Like : ExprOf<ExprKind::kLike> {
  using ExprOf::ExprOf;
  LikeKind like_kind = LikeKind::kLike;
  LikeQuantifier quantifier = LikeQuantifier::kNone;
  bool negated = false;
  ExprPtr operand;
  std::vector<ExprPtr> patterns;      // one unless quantified
  std::optional<std::string> escape;  // the ESCAPE string's value
};

struct Exists : ExprOf<ExprKind::kExists> {
  using ExprOf::ExprOf;
  QueryPtr query;
};

struct ScalarSubquery : ExprOf<ExprKind::kScalarSubquery> {
  using ExprOf::ExprOf;
  QueryPtr query;
};

// CASE [operand] WHEN .. THEN .. [ELSE ..] END.
struct Case : ExprOf<ExprKind::kCase> {
  using ExprOf::ExprOf;
  ExprPtr operand;  // null for the searched form
  std::vector<std::pair<ExprPtr, ExprPtr>> whens;
  ExprPtr else_result;
};

enum class CastSyntax { kCast, kTryCast, kColonColon };

struct Cast : ExprOf<ExprKind::kCast> {
  using ExprOf::ExprOf;
  CastSyntax syntax = CastSyntax::kCast;
  ExprPtr operand;
  types::LogicalType type;
};

struct SortItem {
  SourcePos pos;
  ExprPtr expr;
  bool descending = false;
  // Spark's default: NULLS FIRST when ascending, NULLS LAST when descending.
  std::optional<bool> nulls_first;
};

enum class FrameBoundKind {
  kUnboundedPreceding,
  kPreceding,
  kCurrentRow,
  kFollowing,
  kUnboundedFollowing
};

struct FrameBound {
  SourcePos pos;
  FrameBoundKind kind = FrameBoundKind::kCurrentRow;
  ExprPtr offset;  // kPreceding / kFollowing
};

struct WindowFrame {
  bool rows = true;  // ROWS, else RANGE
  FrameBound start;
  std::optional<FrameBound> end;  // absent: "ROWS start" without BETWEEN
};

// OVER name, or OVER (PARTITION BY .. ORDER BY .. frame). DISTRIBUTE BY and CLUSTER BY
// are Spark's other spellings of PARTITION BY, SORT BY of ORDER BY.
struct WindowSpec {
  SourcePos pos;
  std::string reference;  // OVER w / OVER (w): the named window; nothing else set
  std::vector<ExprPtr> partition_by;
  std::vector<SortItem> order_by;
  std::optional<WindowFrame> frame;
};

enum class NullTreatment { kDefault, kIgnoreNulls, kRespectNulls };

// How Spark's special call syntaxes were written; arguments are in function order.
enum class CallSyntax {
  kPlain,
  kExtract,        // EXTRACT(field FROM source): args = {field name as string literal, source}
  kPosition,       // POSITION(substr IN str): args = {substr, str}
  kSubstringFrom,  // SUBSTRING(str FROM pos [FOR len])
  kTrimBoth,       // TRIM([BOTH] [chars] FROM str): args = {str[, chars]}
  kTrimLeading,    // TRIM(LEADING ...)
  kTrimTrailing,   // TRIM(TRAILING ...)
  kDatetimeUnit,   // DATEADD(DAY, n, t), TIMESTAMPDIFF(HOUR, a, b): args[0] = the unit
                   // as a string literal, the rest in order
};

struct FunctionCall : ExprOf<ExprKind::kFunctionCall> {
  using ExprOf::ExprOf;
  std::vector<std::string> name;  // qualified: db.fn
  CallSyntax syntax = CallSyntax::kPlain;
  bool distinct = false;
  bool all = false;  // f(ALL x)
  std::vector<ExprPtr> args;
  std::vector<SortItem> within_group;  // percentile_cont(0.5) WITHIN GROUP (ORDER BY x)
  ExprPtr filter;                      // FILTER (WHERE ...)
  NullTreatment nulls = NullTreatment::kDefault;
  std::unique_ptr<WindowSpec> over;
};

// x -> body, (x, y) -> body.
struct Lambda : ExprOf<ExprKind::kLambda> {
  using ExprOf::ExprOf;
  std::vector<std::string> params;
  ExprPtr body;
};

// name => value, inside a function's argument list.
struct NamedArgument : ExprOf<ExprKind::kNamedArgument> {
  using ExprOf::ExprOf;
  std::string name;
  ExprPtr value;
};

// (a, b): a struct value in Spark (named_struct of the items).
struct Row : ExprOf<ExprKind::kRow> {
  using ExprOf::ExprOf;
  std::vector<ExprPtr> items;
};

// expr AS name, where Spark allows it inside an expression: struct(a AS x) and (a AS x, b).
struct Alias : ExprOf<ExprKind::kAlias> {
  using ExprOf::ExprOf;
  ExprPtr expr;
  std::string name;
};

}  // namespace sluice::sql
