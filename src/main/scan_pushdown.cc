#include "main/scan_pushdown.h"

#include <map>

#include "vector/value_formatter.h"

namespace sluice::main {

namespace {

using formats::ColumnPredicate;
using plan::ExprType;

// Literals travel as text and are read back by the column's type: only types whose text
// reads back exactly.
bool PushableType(const types::LogicalType& type) {
  switch (type.id()) {
    case types::TypeId::kBoolean:
    case types::TypeId::kTinyInt:
    case types::TypeId::kSmallInt:
    case types::TypeId::kInt:
    case types::TypeId::kBigInt:
    case types::TypeId::kDecimal:
    case types::TypeId::kString:
    case types::TypeId::kDate:
    case types::TypeId::kTimestamp:
      return true;
    default:
      return false;
  }
}

const plan::Expression* Column(const plan::Expression& e,
                               const std::vector<types::Field>& columns) {
  if (e.type != ExprType::kColumn || e.column_index >= columns.size()) return nullptr;
  return PushableType(e.result_type) && e.result_type == columns[e.column_index].type ? &e
                                                                                      : nullptr;
}

std::optional<std::string> Literal(const plan::Expression& e, const types::LogicalType& type,
                                   const types::TimeZone& zone) {
  if (!e.IsConstant() || !(e.result_type == type) || e.constant->IsNull(0)) return std::nullopt;
  return vector::FormatValue(*e.constant, 0, zone);
}

std::optional<ColumnPredicate> Comparison(const plan::Expression& e,
                                          const std::vector<types::Field>& columns,
                                          const types::TimeZone& zone) {
  static const std::map<std::string, std::pair<ColumnPredicate::Op, ColumnPredicate::Op>> ops = {
      // op, and the op with its sides swapped
      {"=", {ColumnPredicate::Op::kEq, ColumnPredicate::Op::kEq}},
      {"<", {ColumnPredicate::Op::kLt, ColumnPredicate::Op::kGt}},
      {"<=", {ColumnPredicate::Op::kLe, ColumnPredicate::Op::kGe}},
      {">", {ColumnPredicate::Op::kGt, ColumnPredicate::Op::kLt}},
      {">=", {ColumnPredicate::Op::kGe, ColumnPredicate::Op::kLe}},
  };
  auto op = ops.find(e.function_name);
  if (op == ops.end() || e.children.size() != 2) return std::nullopt;
  for (int side = 0; side < 2; ++side) {
    const plan::Expression* column = Column(*e.children[side], columns);
    if (!column) continue;
    std::optional<std::string> literal = Literal(*e.children[1 - side], column->result_type, zone);
    if (!literal) continue;
    return ColumnPredicate{columns[column->column_index].name,
                           side == 0 ? op->second.first : op->second.second,
                           {*literal}};
  }
  return std::nullopt;
}

std::optional<ColumnPredicate> Pushable(const plan::Expression& e,
                                        const std::vector<types::Field>& columns,
                                        const types::TimeZone& zone) {
  switch (e.type) {
    case ExprType::kCall:
      return Comparison(e, columns, zone);
    case ExprType::kIsNull:
    case ExprType::kIsNotNull: {
      const plan::Expression* column = Column(*e.children[0], columns);
      if (!column) return std::nullopt;
      return ColumnPredicate{columns[column->column_index].name,
                             e.type == ExprType::kIsNull ? ColumnPredicate::Op::kIsNull
                                                         : ColumnPredicate::Op::kIsNotNull,
                             {}};
    }
    case ExprType::kInList: {
      const plan::Expression* column = Column(*e.children[0], columns);
      if (!column || e.negated) return std::nullopt;
      ColumnPredicate in{columns[column->column_index].name, ColumnPredicate::Op::kIn, {}};
      for (size_t i = 1; i < e.children.size(); ++i) {
        // A NULL in the list never makes a row true: it can be left out.
        if (e.children[i]->IsConstant() && e.children[i]->constant->IsNull(0)) continue;
        std::optional<std::string> literal = Literal(*e.children[i], column->result_type, zone);
        if (!literal) return std::nullopt;
        in.values.push_back(*literal);
      }
      return in;
    }
    default:
      return std::nullopt;
  }
}

}  // namespace

std::vector<ColumnPredicate> PushdownPredicates(const std::vector<plan::ExprPtr>& conjuncts,
                                                const std::vector<types::Field>& columns,
                                                const types::TimeZone& zone) {
  std::vector<ColumnPredicate> out;
  for (const plan::ExprPtr& c : conjuncts) {
    // AND inside a conjunct (from a view or a parenthesised condition) splits further.
    if (c->type == ExprType::kAnd) {
      for (ColumnPredicate& p : PushdownPredicates(c->children, columns, zone))
        out.push_back(std::move(p));
      continue;
    }
    if (std::optional<ColumnPredicate> p = Pushable(*c, columns, zone)) out.push_back(*p);
  }
  return out;
}

}  // namespace sluice::main
