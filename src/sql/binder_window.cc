// Window function calls: ranking and offset functions and aggregates OVER a window,
// bound into WindowCalls of the select's Window operator (named windows resolved).
#include <algorithm>

#include "common/text.h"
#include "functions/function_registry.h"
#include "sql/binder_impl.h"

namespace sluice::sql {

using plan::WindowFunctionKind;
using types::LogicalType;
using types::TypeId;

namespace {

std::optional<WindowFunctionKind> RankingKind(const std::string& name) {
  using K = WindowFunctionKind;
  static const std::map<std::string, K> kinds = {{"row_number", K::kRowNumber},
                                                 {"rank", K::kRank},
                                                 {"dense_rank", K::kDenseRank},
                                                 {"percent_rank", K::kPercentRank},
                                                 {"cume_dist", K::kCumeDist},
                                                 {"ntile", K::kNtile},
                                                 {"lag", K::kLag},
                                                 {"lead", K::kLead},
                                                 {"first_value", K::kFirstValue},
                                                 {"first", K::kFirstValue},
                                                 {"any_value", K::kFirstValue},
                                                 {"last_value", K::kLastValue},
                                                 {"last", K::kLastValue},
                                                 {"nth_value", K::kNthValue}};
  auto it = kinds.find(name);
  if (it == kinds.end()) return std::nullopt;
  return it->second;
}

// Window functions (not aggregates) that need ORDER BY: all but first_value/last_value.
bool NeedsOrder(WindowFunctionKind kind) {
  return kind != WindowFunctionKind::kAggregate && kind != WindowFunctionKind::kFirstValue &&
         kind != WindowFunctionKind::kLastValue;
}

// Spark requires frame offsets to be literals (arithmetic on literals included).
bool IsLiteralOffset(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kLiteral:
    case ExprKind::kInterval:
      return true;
    case ExprKind::kUnary:
      return IsLiteralOffset(*e.As<Unary>().operand);
    case ExprKind::kBinary:
      return IsLiteralOffset(*e.As<Binary>().left) && IsLiteralOffset(*e.As<Binary>().right);
    case ExprKind::kCast:
      return IsLiteralOffset(*e.As<Cast>().operand);
    default:
      return false;
  }
}

// Which interval type an offset has. The ANSI interval types are told by their names
// ("INTERVAL YEAR TO MONTH", "INTERVAL HOUR", ...), so this needs no change when they are
// added.
enum class IntervalKind { kNone, kCalendar, kYearMonth, kDayTime };
IntervalKind IntervalKindOf(const LogicalType& t) {
  if (t.id() == TypeId::kInterval) return IntervalKind::kCalendar;
  const std::string name = AsciiLower(t.ToString());
  if (name.rfind("interval year", 0) == 0 || name.rfind("interval month", 0) == 0)
    return IntervalKind::kYearMonth;
  if (name.rfind("interval ", 0) == 0) return IntervalKind::kDayTime;
  return IntervalKind::kNone;
}

// Whether a RANGE frame over an order key of type `key` may move by an offset of type
// `offset` (Spark's WindowSpecDefinition.isValidFrameType).
bool ValidRangeOffset(const LogicalType& key, const LogicalType& offset) {
  const IntervalKind interval = IntervalKindOf(offset);
  switch (key.id()) {
    case TypeId::kDate:
      return offset.id() == TypeId::kInt || interval == IntervalKind::kYearMonth;
    case TypeId::kTimestamp:
    case TypeId::kTimestampNtz:
      return interval != IntervalKind::kNone;
    default:
      return key == offset;
  }
}

std::string BoundText(const plan::FrameBound& b) {
  switch (b.type) {
    case plan::FrameBoundType::kUnboundedPreceding:
      return "UNBOUNDED PRECEDING";
    case plan::FrameBoundType::kUnboundedFollowing:
      return "UNBOUNDED FOLLOWING";
    case plan::FrameBoundType::kCurrentRow:
      return "CURRENT ROW";
    case plan::FrameBoundType::kPreceding:
      return b.offset->name + " PRECEDING";
    case plan::FrameBoundType::kFollowing:
      return b.offset->name + " FOLLOWING";
  }
  return "";
}

std::string FrameText(bool rows, const plan::FrameBound& start, const plan::FrameBound& end) {
  return std::string(rows ? "ROWS" : "RANGE") + " BETWEEN " + BoundText(start) + " AND " +
         BoundText(end);
}

bool IsOffset(const plan::FrameBound& b) {
  return b.type == plan::FrameBoundType::kPreceding || b.type == plan::FrameBoundType::kFollowing;
}

// Binds a written frame into `call` (its ORDER BY bound already) with Spark's checks.
Status BindWindowFrame(Binder& binder, const WindowFrame& frame, const SourcePos& spec_pos,
                       ExprContext& ctx, plan::WindowCall& call) {
  call.has_frame = true;
  call.rows_frame = frame.rows;
  auto bound_of = [&](const sql::FrameBound& b) -> Result<plan::FrameBound> {
    plan::FrameBound out;
    out.type = static_cast<plan::FrameBoundType>(static_cast<int>(b.kind));
    if (b.offset) {
      if (!IsLiteralOffset(*b.offset))
        return binder.ErrorAt(b.offset->pos, "_LEGACY_ERROR_TEMP_0064",
                              "Frame bound value must be a literal.");
      SLUICE_ASSIGN_OR_RAISE(BoundPtr offset, binder.BindExpr(*b.offset, ctx));
      SLUICE_ASSIGN_OR_RAISE(out.offset, binder.Fold(offset));
    }
    return out;
  };
  SLUICE_ASSIGN_OR_RAISE(call.frame_start, bound_of(frame.start));
  if (frame.end) {
    SLUICE_ASSIGN_OR_RAISE(call.frame_end, bound_of(*frame.end));
  } else {
    call.frame_end = {plan::FrameBoundType::kCurrentRow, nullptr, nullptr};
  }
  const std::string mismatch = "Cannot resolve \"" +
                               FrameText(frame.rows, call.frame_start, call.frame_end) +
                               "\" due to data type mismatch: ";
  // Spark's SpecifiedWindowFrame.checkInputDataTypes, in its order.
  for (const auto& [b, location] :
       {std::pair{&call.frame_start, "lower"}, {&call.frame_end, "upper"}}) {
    if (!IsOffset(*b)) continue;
    const LogicalType& t = b->offset->result_type;
    const bool accepted = frame.rows ? t.id() == TypeId::kInt && !b->offset->constant->IsNull(0)
                                     : t.IsNumeric() || IntervalKindOf(t) != IntervalKind::kNone;
    if (!accepted)
      return binder.ErrorAt(
          spec_pos, "DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_UNACCEPTED_TYPE",
          mismatch + "The data type of the " + location + " bound \"" + t.ToString() +
              "\" does not match the expected data type \"" +
              (frame.rows ? std::string("INT") : std::string("NUMERIC OR INTERVAL")) + "\".");
  }
  if (call.frame_start.type == plan::FrameBoundType::kUnboundedFollowing ||
      call.frame_end.type == plan::FrameBoundType::kUnboundedPreceding)
    return binder.ErrorAt(spec_pos, "DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_INVALID_BOUND",
                          mismatch + "Window frame upper bound \"" + BoundText(call.frame_end) +
                              "\" does not follow the lower bound \"" +
                              BoundText(call.frame_start) + "\".");
  if (IsOffset(call.frame_start) && IsOffset(call.frame_end)) {
    // Offsets as signed numbers (PRECEDING negative); intervals are not compared.
    auto signed_offset = [&](const plan::FrameBound& b) -> Result<std::optional<double>> {
      if (!b.offset->result_type.IsNumeric()) return std::optional<double>();
      SLUICE_ASSIGN_OR_RAISE(BoundPtr d, binder.Fold(plan::MakeCast(b.offset, TypeId::kDouble)));
      if (d->constant->IsNull(0)) return std::optional<double>();
      const double x = d->constant->data<double>()[0];
      return std::optional<double>(b.type == plan::FrameBoundType::kPreceding ? -x : x);
    };
    SLUICE_ASSIGN_OR_RAISE(std::optional<double> lower, signed_offset(call.frame_start));
    SLUICE_ASSIGN_OR_RAISE(std::optional<double> upper, signed_offset(call.frame_end));
    if (lower && upper && *lower > *upper)
      return binder.ErrorAt(
          spec_pos, "DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_WRONG_COMPARISON",
          mismatch +
              "The lower bound of a window frame must be less than or equal to the "
              "upper bound.");
  }
  if (frame.rows || (!IsOffset(call.frame_start) && !IsOffset(call.frame_end))) return Status::OK();

  // RANGE with offsets: one order key, of a type the offsets can move.
  if (call.order_by.empty())
    return binder.ErrorAt(
        spec_pos, "DATATYPE_MISMATCH.RANGE_FRAME_WITHOUT_ORDER",
        mismatch + "A range window frame cannot be used in an unordered window specification.");
  if (call.order_by.size() > 1)
    return binder.ErrorAt(
        spec_pos, "DATATYPE_MISMATCH.RANGE_FRAME_MULTI_ORDER",
        mismatch +
            "A range window frame with value boundaries cannot be used in a window "
            "specification with multiple order by expressions.");
  const plan::SortKey& key = call.order_by[0];
  const LogicalType& key_type = key.expr->result_type;
  for (plan::FrameBound* b : {&call.frame_start, &call.frame_end}) {
    if (!IsOffset(*b)) continue;
    // Numbers are cast to the key's type (Spark's WindowFrameCoercion).
    if (key_type.IsNumeric() && b->offset->result_type.IsNumeric()) {
      SLUICE_ASSIGN_OR_RAISE(b->offset, binder.Fold(plan::MakeCast(b->offset, key_type)));
    }
    if (!ValidRangeOffset(key_type, b->offset->result_type))
      return binder.ErrorAt(
          spec_pos, "DATATYPE_MISMATCH.RANGE_FRAME_INVALID_TYPE",
          mismatch + "The data type \"" + key_type.ToString() +
              "\" used in the order specification does not match the data type \"" +
              b->offset->result_type.ToString() + "\" which is used in the range frame.");
    // The bound moves the key towards the frame's side: PRECEDING is earlier in the order.
    const bool subtract = (b->type == plan::FrameBoundType::kPreceding) != key.descending;
    BoundPtr placeholder = plan::MakeColumn(0, key_type, key.expr->name);
    SLUICE_ASSIGN_OR_RAISE(BoundPtr value, binder.CallFunction(subtract ? "-" : "+",
                                                               {placeholder, b->offset}, spec_pos));
    b->bound_value = plan::MakeCast(value, key_type);
  }
  return Status::OK();
}

// The column name Spark gives an unaliased call: the function, then its window with the
// frame it runs over (ranking functions: the running rows; lag/lead: the one row).
std::string WindowCallName(const plan::WindowCall& call, const std::string& star) {
  const std::string& fn = call.aggregate.name;
  std::vector<std::string> args;
  for (const BoundPtr& a : call.aggregate.args) args.push_back(a->name);
  if (!star.empty()) args.push_back(star);
  std::string frame = FrameText(call.rows_frame, call.frame_start, call.frame_end);
  switch (call.kind) {
    case WindowFunctionKind::kLag:
    case WindowFunctionKind::kLead: {
      if (args.size() < 2) args.push_back("1");
      if (args.size() < 3) args.push_back("NULL");
      const std::string offset = (call.kind == WindowFunctionKind::kLag ? "-" : "") + args[1];
      frame = "ROWS BETWEEN " + offset + " FOLLOWING AND " + offset + " FOLLOWING";
      break;
    }
    case WindowFunctionKind::kRowNumber:
    case WindowFunctionKind::kRank:
    case WindowFunctionKind::kDenseRank:
    case WindowFunctionKind::kPercentRank:
    case WindowFunctionKind::kCumeDist:
    case WindowFunctionKind::kNtile:
      frame = "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW";
      break;
    default:
      break;
  }
  std::string out = fn + "(";
  for (size_t i = 0; i < args.size(); ++i) out += (i ? ", " : "") + args[i];
  out += ") OVER (";
  for (size_t i = 0; i < call.partition_by.size(); ++i)
    out += (i ? ", " : "PARTITION BY ") + call.partition_by[i]->name;
  for (size_t i = 0; i < call.order_by.size(); ++i) {
    const plan::SortKey& k = call.order_by[i];
    out += (i ? ", " : (call.partition_by.empty() ? "ORDER BY " : " ORDER BY ")) + k.expr->name +
           (k.descending ? " DESC" : " ASC") + (k.nulls_first ? " NULLS FIRST" : " NULLS LAST");
  }
  if (!call.partition_by.empty() || !call.order_by.empty()) out += " ";
  return out + frame + ")";
}

}  // namespace

Result<functions::BoundAggregate> Binder::BindAsAggregate(const std::string& name,
                                                          const std::vector<BoundPtr>& args,
                                                          bool ignore_nulls, const SourcePos& pos) {
  const functions::AggregateFunction* fn =
      functions::FunctionRegistry::Builtin().FindAggregate(name);
  std::vector<functions::BindArgument> bind_args;
  for (const BoundPtr& a : args)
    bind_args.push_back({a->result_type, a->IsConstant() ? a->constant.get() : nullptr});
  functions::AggregateCallInfo info;
  info.ignore_nulls = ignore_nulls;
  Result<functions::BoundAggregate> bound = fn->bind(ctx_, bind_args, info);
  if (!bound.ok()) return ErrorAt(pos, "", bound.status().message());
  return bound;
}

Result<BoundPtr> Binder::BindWindowCall(const FunctionCall& f, ExprContext& ctx) {
  const std::string name = AsciiLower(f.name.back());
  if (ctx.windows == nullptr)
    return ErrorAt(f.pos, "UNSUPPORTED_EXPR_FOR_WINDOW",
                   "Window function " + name + " is not allowed here.");
  // Resolve a named window (OVER w); Spark's grammar lets no call refine one.
  const WindowSpec* spec = f.over.get();
  const WindowSpec* base = nullptr;
  // Names match as written (Spark's map lookup); `w2 AS w1` stands for w1's definition.
  auto find = [&](const std::string& name) -> const WindowSpec* {
    if (ctx.windows->named == nullptr) return nullptr;
    for (const NamedWindow& w : *ctx.windows->named)
      if (w.name == name) return &w.spec;
    return nullptr;
  };
  if (!spec->reference.empty()) {
    base = find(spec->reference);
    if (base != nullptr && !base->reference.empty()) base = find(base->reference);
    if (base == nullptr)
      return ErrorAt(
          spec->pos, "MISSING_WINDOW_SPECIFICATION",
          "Window specification " + spec->reference + " is not defined in the WINDOW clause.");
  }
  const WindowSpec& definition = base != nullptr ? *base : *spec;
  const auto& partition_by = definition.partition_by;
  const auto& order_by = definition.order_by;
  const auto& frame = definition.frame;

  ExprContext inner = ctx;
  inner.windows = nullptr;
  if (!ctx.aliases_in_windows) inner.aliases = nullptr;
  plan::WindowCall call;
  for (const sql::ExprPtr& p : partition_by) {
    SLUICE_ASSIGN_OR_RAISE(BoundPtr e, BindExpr(*p, inner));
    call.partition_by.push_back(e);
  }
  for (const SortItem& s : order_by) {
    SLUICE_ASSIGN_OR_RAISE(BoundPtr e, BindExpr(*s.expr, inner));
    call.order_by.push_back({e, s.descending, s.nulls_first.value_or(!s.descending)});
  }
  std::vector<BoundPtr> args;
  const bool star = f.args.size() == 1 && f.args[0]->kind == ExprKind::kStar;
  if (!star) {
    for (const sql::ExprPtr& a : f.args) {
      SLUICE_ASSIGN_OR_RAISE(BoundPtr e, BindExpr(*a, inner));
      args.push_back(e);
    }
  }
  call.ignore_nulls = f.nulls == NullTreatment::kIgnoreNulls;
  // ntile's buckets, lag/lead's and nth_value's offsets: INT constants.
  auto int_constant = [&](BoundPtr& a, const char* what, bool positive) -> Status {
    if (!a->IsConstant())
      return ErrorAt(f.pos, "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
                     "The " + std::string(what) + " of " + name + " must be a constant.");
    if (!a->result_type.IsInteger() && a->result_type.id() != TypeId::kNull)
      return ErrorAt(f.pos, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                     "The " + std::string(what) + " of " + name + " must be an integer, not " +
                         a->result_type.ToString() + ".");
    SLUICE_ASSIGN_OR_RAISE(a, Fold(plan::MakeCast(a, TypeId::kInt)));
    if (a->constant->IsNull(0) || (positive && a->constant->data<int32_t>()[0] <= 0))
      return ErrorAt(f.pos, "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
                     "The " + std::string(what) + " of " + name + " must be positive, but got " +
                         a->name + ".");
    return Status::OK();
  };
  std::optional<WindowFunctionKind> kind = RankingKind(name);
  if (kind && NeedsOrder(*kind) && order_by.empty())
    return ErrorAt(f.pos, "_LEGACY_ERROR_TEMP_1037",
                   "Window function " + name +
                       "() requires window to be ordered, please add "
                       "ORDER BY clause. For example SELECT " +
                       name +
                       "(value_expr) OVER (PARTITION BY window_partition ORDER BY "
                       "window_ordering) from table.");
  if (kind) {
    call.kind = *kind;
    call.aggregate.name = name;
    switch (*kind) {
      case WindowFunctionKind::kRowNumber:
      case WindowFunctionKind::kRank:
      case WindowFunctionKind::kDenseRank:
        call.result_type = TypeId::kInt;
        break;
      case WindowFunctionKind::kPercentRank:
      case WindowFunctionKind::kCumeDist:
        call.result_type = TypeId::kDouble;
        break;
      case WindowFunctionKind::kNtile:
        call.result_type = TypeId::kInt;
        if (args.size() != 1) return ErrorAt(f.pos, "WRONG_NUM_ARGS", "ntile takes one argument.");
        SLUICE_RETURN_NOT_OK(int_constant(args[0], "buckets", true));
        break;
      case WindowFunctionKind::kLag:
      case WindowFunctionKind::kLead: {
        if (args.empty() || args.size() > 3)
          return ErrorAt(f.pos, "WRONG_NUM_ARGS", name + " takes 1 to 3 arguments.");
        if (args.size() >= 2) SLUICE_RETURN_NOT_OK(int_constant(args[1], "offset", false));
        if (args.size() == 3) {
          SLUICE_ASSIGN_OR_RAISE(std::vector<BoundPtr> unified,
                                 Unify({args[0], args[2]}, f.pos, name));
          args[0] = unified[0];
          args[2] = unified[1];
        }
        call.result_type = args[0]->result_type;
        break;
      }
      case WindowFunctionKind::kFirstValue:
      case WindowFunctionKind::kLastValue:
      case WindowFunctionKind::kNthValue:
        if (args.empty()) return ErrorAt(f.pos, "WRONG_NUM_ARGS", name + " takes an argument.");
        if (args.size() >= 2 && *kind != WindowFunctionKind::kNthValue) {
          // Spark's First/Last are aggregates here too: the same checks of the optional
          // BOOLEAN literal, which ignores NULLs when true (as IGNORE NULLS does).
          SLUICE_RETURN_NOT_OK(BindAsAggregate(name, args, call.ignore_nulls, f.pos).status());
          call.ignore_nulls |= args[1]->constant->data<bool>()[0];
          args.resize(1);
        }
        if (*kind == WindowFunctionKind::kNthValue) {
          if (args.size() != 2)
            return ErrorAt(f.pos, "WRONG_NUM_ARGS", "nth_value takes two arguments.");
          SLUICE_RETURN_NOT_OK(int_constant(args[1], "offset", true));
        }
        call.result_type = args[0]->result_type;
        break;
      default:
        break;
    }
    call.aggregate.args = args;
  } else {
    if (functions::FunctionRegistry::Builtin().FindAggregate(name) == nullptr)
      return ErrorAt(f.pos, "UNSUPPORTED_EXPR_FOR_WINDOW",
                     "Expression \"" + name + "\" not supported within a window function.");
    if (f.filter)
      return ErrorAt(f.pos, "_LEGACY_ERROR_TEMP_1030",
                     "Window aggregate function with filter predicate is not supported yet.");
    if (f.distinct)
      return ErrorAt(f.pos, "DISTINCT_WINDOW_FUNCTION_UNSUPPORTED",
                     "Distinct window functions are not supported: " + name + "(DISTINCT ...).");
    call.kind = WindowFunctionKind::kAggregate;
    call.aggregate.name = name;
    call.aggregate.info.distinct = f.distinct;
    call.aggregate.info.ignore_nulls = call.ignore_nulls;
    SLUICE_ASSIGN_OR_RAISE(functions::BoundAggregate bound,
                           BindAsAggregate(name, args, call.ignore_nulls, f.pos));
    for (size_t i = 0; i < args.size() && i < bound.argument_types.size(); ++i)
      args[i] = plan::MakeCast(args[i], bound.argument_types[i]);
    call.aggregate.bound = bound;
    call.aggregate.args = args;
    call.result_type = bound.return_type;
  }
  if (frame) {
    SLUICE_RETURN_NOT_OK(BindWindowFrame(*this, *frame, spec->pos, inner, call));
    // Ranking and offset functions have frames of their own (Spark's ResolveWindowFrame).
    if (call.kind == WindowFunctionKind::kLag || call.kind == WindowFunctionKind::kLead)
      return ErrorAt(spec->pos, "_LEGACY_ERROR_TEMP_1035",
                     "Cannot specify window frame for " + name + " function");
    if (NeedsOrder(call.kind) && call.kind != WindowFunctionKind::kNthValue) {
      const bool rows = call.kind != WindowFunctionKind::kCumeDist;
      if (call.rows_frame != rows ||
          call.frame_start.type != plan::FrameBoundType::kUnboundedPreceding ||
          call.frame_end.type != plan::FrameBoundType::kCurrentRow)
        return ErrorAt(spec->pos, "_LEGACY_ERROR_TEMP_1036",
                       "Window Frame " +
                           FrameText(call.rows_frame, call.frame_start, call.frame_end) +
                           " must match the required frame " + (rows ? "ROWS" : "RANGE") +
                           " BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW");
    }
  } else if (call.order_by.empty()) {
    call.frame_end = {plan::FrameBoundType::kUnboundedFollowing, nullptr, nullptr};
    call.rows_frame = true;
  }
  const std::string display = WindowCallName(call, star ? "1" : "");
  const size_t index = ctx.windows->calls.size();
  ctx.windows->calls.push_back(std::move(call));
  return plan::MakeColumn(kWindowMarker + index, ctx.windows->calls.back().result_type, display);
}

}  // namespace sluice::sql
