#include "plan/column_comment.h"

namespace sluice::plan {

std::string ColumnComment(const LogicalOperator& op, size_t column) {
  if (column < op.output.size() && !op.output[column].comment.empty())
    return op.output[column].comment;
  // The input column `e` passes on unchanged, if it is one.
  auto passed = [&](const ExprPtr& e) {
    return e && e->type == ExprType::kColumn && !op.children.empty()
               ? ColumnComment(*op.children[0], e->column_index)
               : std::string();
  };
  switch (op.type) {
    case OperatorType::kProject:
      return column < op.expressions.size() ? passed(op.expressions[column]) : std::string();
    case OperatorType::kAggregate:
      return column < op.groups.size() ? passed(op.groups[column]) : std::string();
    case OperatorType::kFilter:
    case OperatorType::kSort:
    case OperatorType::kLimit:
    case OperatorType::kDistinct:
    case OperatorType::kSetOperation:  // the first input's columns, as Spark's Union
    case OperatorType::kWindow:        // then the window columns
    case OperatorType::kGenerate:      // then the generator's columns
      return column < op.children[0]->output.size() ? ColumnComment(*op.children[0], column)
                                                    : std::string();
    case OperatorType::kJoin: {
      if (op.join_kind == JoinKind::kRightSemi || op.join_kind == JoinKind::kRightAnti)
        return ColumnComment(*op.children[1], column);
      const size_t left = op.children[0]->output.size();
      if (column < left) return ColumnComment(*op.children[0], column);
      return op.children.size() > 1 ? ColumnComment(*op.children[1], column - left) : std::string();
    }
    default:
      return std::string();
  }
}

}  // namespace sluice::plan
