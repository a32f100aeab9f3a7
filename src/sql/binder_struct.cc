// struct(...) and (a, b): Spark names a field after its alias, the column or field it reads
// (struct(t.a, s.b) has fields a and b), or colN by position; struct(s.*) expands a struct
// column's fields (or a table's columns). Bound as named_struct(name, value, ...).
// arrays_zip(a, b) names its structs' fields the same way (else 0, 1, ...).
#include "functions/kernel_util.h"
#include "sql/binder_impl.h"

namespace sluice::sql {

using types::TypeId;

namespace {

// The field name Spark gives an argument: its alias, the column or field it reads, or ""
// (then a name by position).
std::string FieldName(const Expr& e) {
  if (e.kind == ExprKind::kAlias) return e.As<Alias>().name;
  if (e.kind == ExprKind::kColumnRef) return e.As<ColumnRef>().name.back();
  if (e.kind == ExprKind::kFieldAccess) return e.As<FieldAccess>().field;
  return "";
}

}  // namespace

BoundPtr MakeStringConstant(const std::string& text) {
  auto v = std::make_shared<vector::Vector>(*vector::Vector::Make(TypeId::kString, 1));
  functions::Set<std::string>(*v, 0, text);
  return plan::MakeConstant(v, text);
}

Result<BoundPtr> Binder::BindStruct(const std::vector<ExprPtr>& items, ExprContext& ctx,
                                    SourcePos pos, bool row_constructor) {
  std::vector<std::pair<std::string, BoundPtr>> fields;
  std::vector<bool> aliased;  // per field: named by AS (Spark's name shows `value AS name`)
  for (const ExprPtr& item : items) {
    if (item->kind == ExprKind::kStar) {
      const Star& star = item->As<Star>();
      if (!star.qualifier.empty()) {
        // s.*: a struct column's fields.
        ColumnRef ref(item->pos);
        ref.name = star.qualifier;
        ExprContext plain = ctx;
        Result<BoundPtr> base = BindExpr(ref, plain);
        if (base.ok() && (*base)->result_type.id() == TypeId::kStruct) {
          for (const types::Field& f : (*base)->result_type.children()) {
            SLUICE_ASSIGN_OR_RAISE(BoundPtr value, BindFieldAccess(*base, f.name, item->pos));
            fields.emplace_back(f.name, value);
            aliased.push_back(false);
          }
          continue;
        }
      }
      // t.* or *: the columns in scope.
      bool any = false;
      for (const ScopeColumn& c : ctx.scope ? ctx.scope->columns : std::vector<ScopeColumn>{}) {
        if (star.qualifier.empty()
                ? c.hidden
                : !types::SameColumnName(c.qualifier, star.qualifier.back(), ctx_.case_sensitive))
          continue;
        ColumnRef ref(item->pos);
        if (!c.qualifier.empty()) ref.name.push_back(c.qualifier);
        ref.name.push_back(c.name);
        SLUICE_ASSIGN_OR_RAISE(BoundPtr value, BindExpr(ref, ctx));
        fields.emplace_back(c.name, value);
        aliased.push_back(false);
        any = true;
      }
      if (!any)
        return ErrorAt(item->pos, "CANNOT_RESOLVE_STAR_EXPAND",
                       "Cannot resolve star expansion in struct().");
      continue;
    }
    const Expr* e = item.get();
    std::string name = FieldName(*e);
    if (e->kind == ExprKind::kAlias) e = e->As<Alias>().expr.get();
    SLUICE_ASSIGN_OR_RAISE(BoundPtr value, BindExpr(*e, ctx));
    if (name.empty()) name = "col" + std::to_string(fields.size() + 1);
    aliased.push_back(item->kind == ExprKind::kAlias);
    fields.emplace_back(name, value);
  }
  std::vector<BoundPtr> args;
  std::string display;
  for (size_t i = 0; i < fields.size(); ++i) {
    const auto& [name, value] = fields[i];
    args.push_back(MakeStringConstant(name));
    args.push_back(value);
    // Spark names a row constructor `(a, b)` by its field names and values.
    if (row_constructor) display += (display.empty() ? "" : ", ") + name;
    display += (display.empty() ? "" : ", ") + value->name;
    if (!row_constructor && aliased[i]) display += " AS " + types::QuoteIdentifier(name);
  }
  if (args.empty()) return CallFunction("struct", {}, pos, "struct()");
  return CallFunction("named_struct", std::move(args), pos,
                      (row_constructor ? "named_struct(" : "struct(") + display + ")");
}

Result<BoundPtr> Binder::NameZippedFields(const FunctionCall& f, BoundPtr zipped) {
  if (zipped->result_type.id() != TypeId::kArray) return zipped;
  std::vector<types::Field> fields = zipped->result_type.children()[0].type.children();
  bool renamed = false;
  for (size_t i = 0; i < fields.size() && i < f.args.size(); ++i) {
    const std::string name = FieldName(*f.args[i]);
    if (name.empty()) continue;
    fields[i].name = name;
    renamed = true;
  }
  if (!renamed) return zipped;
  BoundPtr cast =
      plan::MakeCast(zipped, types::LogicalType::Array(types::LogicalType::Struct(fields)));
  if (zipped->IsConstant()) return Fold(cast);
  return cast;
}

}  // namespace sluice::sql
