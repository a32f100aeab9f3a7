// Window function calls: ranking and offset functions and aggregates OVER a window,
// bound into WindowCalls of the select's Window operator (named windows resolved).
#include <algorithm>

#include "functions/function_registry.h"
#include "sql/binder_impl.h"

namespace sluice::sql {

using plan::WindowFunctionKind;
using types::LogicalType;
using types::TypeId;

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

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
                                                 {"last_value", K::kLastValue},
                                                 {"nth_value", K::kNthValue}};
  auto it = kinds.find(name);
  if (it == kinds.end()) return std::nullopt;
  return it->second;
}

}  // namespace

Result<BoundPtr> Binder::BindWindowCall(const FunctionCall& f, ExprContext& ctx) {
  const std::string name = Lower(f.name.back());
  if (ctx.windows == nullptr)
    return ErrorAt(f.pos, "UNSUPPORTED_EXPR_FOR_WINDOW",
                   "Window function " + name + " is not allowed here.");
  // Resolve a named window (OVER w), possibly refined by the call's own clauses.
  const WindowSpec* spec = f.over.get();
  const WindowSpec* base = nullptr;
  if (!spec->reference.empty()) {
    if (ctx.windows->named != nullptr) {
      for (const NamedWindow& w : *ctx.windows->named)
        if (Lower(w.name) == Lower(spec->reference)) base = &w.spec;
    }
    if (base == nullptr)
      return ErrorAt(
          spec->pos, "MISSING_WINDOW_SPECIFICATION",
          "Window specification " + spec->reference + " is not defined in the WINDOW clause.");
  }
  const auto& partition_by =
      !spec->partition_by.empty() || base == nullptr ? spec->partition_by : base->partition_by;
  const auto& order_by =
      !spec->order_by.empty() || base == nullptr ? spec->order_by : base->order_by;
  const auto& frame = spec->frame || base == nullptr ? spec->frame : base->frame;

  ExprContext inner = ctx;
  inner.windows = nullptr;
  inner.aliases = nullptr;
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
  std::optional<WindowFunctionKind> kind = RankingKind(name);
  if (kind) {
    call.kind = *kind;
    call.aggregate.name = name;
    switch (*kind) {
      case WindowFunctionKind::kRowNumber:
      case WindowFunctionKind::kRank:
      case WindowFunctionKind::kDenseRank:
        call.result_type = *kind == WindowFunctionKind::kRowNumber ? LogicalType(TypeId::kInt)
                                                                   : LogicalType(TypeId::kInt);
        break;
      case WindowFunctionKind::kPercentRank:
      case WindowFunctionKind::kCumeDist:
        call.result_type = TypeId::kDouble;
        break;
      case WindowFunctionKind::kNtile:
        call.result_type = TypeId::kInt;
        if (args.size() != 1) return ErrorAt(f.pos, "WRONG_NUM_ARGS", "ntile takes one argument.");
        args[0] = plan::MakeCast(args[0], TypeId::kInt);
        break;
      case WindowFunctionKind::kLag:
      case WindowFunctionKind::kLead: {
        if (args.empty() || args.size() > 3)
          return ErrorAt(f.pos, "WRONG_NUM_ARGS", name + " takes 1 to 3 arguments.");
        if (args.size() >= 2) args[1] = plan::MakeCast(args[1], TypeId::kInt);
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
          // first_value(x, true): ignore nulls
          if (args[1]->IsConstant() && args[1]->result_type.id() == TypeId::kBoolean)
            call.ignore_nulls = args[1]->constant->data<bool>()[0];
          args.resize(1);
        }
        if (*kind == WindowFunctionKind::kNthValue && args.size() >= 2)
          args[1] = plan::MakeCast(args[1], TypeId::kInt);
        call.result_type = args[0]->result_type;
        break;
      default:
        break;
    }
    call.aggregate.args = args;
  } else {
    const functions::AggregateFunction* fn =
        functions::FunctionRegistry::Builtin().FindAggregate(name);
    if (fn == nullptr)
      return ErrorAt(f.pos, "UNSUPPORTED_EXPR_FOR_WINDOW",
                     "Expression \"" + name + "\" not supported within a window function.");
    call.kind = WindowFunctionKind::kAggregate;
    call.aggregate.name = name;
    call.aggregate.info.distinct = f.distinct;
    call.aggregate.info.ignore_nulls = call.ignore_nulls;
    std::vector<functions::BindArgument> bind_args;
    for (const BoundPtr& a : args)
      bind_args.push_back({a->result_type, a->IsConstant() ? a->constant.get() : nullptr});
    Result<functions::BoundAggregate> bound = fn->bind(ctx_, bind_args, call.aggregate.info);
    if (!bound.ok()) return ErrorAt(f.pos, "", bound.status().message());
    for (size_t i = 0; i < args.size() && i < bound->argument_types.size(); ++i)
      args[i] = plan::MakeCast(args[i], bound->argument_types[i]);
    call.aggregate.bound = *bound;
    call.aggregate.args = args;
    call.result_type = bound->return_type;
    if (f.filter) {
      SLUICE_ASSIGN_OR_RAISE(BoundPtr filter, BindExpr(*f.filter, inner));
      call.aggregate.filter = plan::MakeCast(filter, TypeId::kBoolean);
    }
  }
  if (frame) {
    call.has_frame = true;
    call.rows_frame = frame->rows;
    auto bound_of = [&](const sql::FrameBound& b) -> Result<plan::FrameBound> {
      plan::FrameBound out;
      out.type = static_cast<plan::FrameBoundType>(static_cast<int>(b.kind));
      if (b.offset) {
        SLUICE_ASSIGN_OR_RAISE(out.offset, BindExpr(*b.offset, inner));
      }
      return out;
    };
    SLUICE_ASSIGN_OR_RAISE(call.frame_start, bound_of(frame->start));
    if (frame->end) {
      SLUICE_ASSIGN_OR_RAISE(call.frame_end, bound_of(*frame->end));
    } else {
      call.frame_end = {plan::FrameBoundType::kCurrentRow, nullptr};
    }
  } else if (call.order_by.empty()) {
    call.frame_end = {plan::FrameBoundType::kUnboundedFollowing, nullptr};
    call.rows_frame = true;
  }
  std::string display = name + "(";
  for (size_t i = 0; i < args.size(); ++i) display += (i ? ", " : "") + args[i]->name;
  display += ") OVER (...)";
  const size_t index = ctx.windows->calls.size();
  ctx.windows->calls.push_back(std::move(call));
  return plan::MakeColumn(kWindowMarker + index, ctx.windows->calls.back().result_type, display);
}

}  // namespace sluice::sql
