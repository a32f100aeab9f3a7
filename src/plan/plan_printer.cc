#include "plan/logical_operator.h"

namespace sluice::plan {

namespace {

const char* OperatorName(OperatorType t) {
  switch (t) {
    case OperatorType::kScan:
      return "Scan";
    case OperatorType::kValues:
      return "LocalRelation";
    case OperatorType::kRange:
      return "Range";
    case OperatorType::kProject:
      return "Project";
    case OperatorType::kFilter:
      return "Filter";
    case OperatorType::kAggregate:
      return "Aggregate";
    case OperatorType::kWindow:
      return "Window";
    case OperatorType::kSort:
      return "Sort";
    case OperatorType::kLimit:
      return "Limit";
    case OperatorType::kDistinct:
      return "Distinct";
    case OperatorType::kSetOperation:
      return "SetOperation";
    case OperatorType::kJoin:
      return "Join";
    case OperatorType::kGenerate:
      return "Generate";
  }
  return "?";
}

std::string Names(const std::vector<ExprPtr>& exprs) {
  std::string out;
  for (const ExprPtr& e : exprs) {
    if (!out.empty()) out += ", ";
    out += e->name;
  }
  return out;
}

void Print(const LogicalOperator& op, int depth, std::string& out,
           const std::function<std::string(const LogicalOperator&)>& annotate) {
  out += std::string(depth * 3, ' ');
  if (depth > 0) out += "+- ";
  out += OperatorName(op.type);
  switch (op.type) {
    case OperatorType::kScan: {
      out += " " + op.source->description() + " [";
      for (size_t i = 0; i < op.output.size(); ++i) out += (i ? ", " : "") + op.output[i].name;
      out += "]";
      if (!op.scan_filters.empty()) out += " PushedFilters: [" + Names(op.scan_filters) + "]";
      break;
    }
    case OperatorType::kProject:
      out += " [" + Names(op.expressions) + "]";
      break;
    case OperatorType::kFilter:
      out += " " + op.condition->name;
      break;
    case OperatorType::kAggregate: {
      std::string aggs;
      for (const AggregateCall& a : op.aggregates) aggs += (aggs.empty() ? "" : ", ") + a.name;
      out += " [" + Names(op.groups) + "], [" + aggs + "]";
      break;
    }
    case OperatorType::kLimit:
      out += " " + std::to_string(op.limit);
      if (op.offset > 0) out += " OFFSET " + std::to_string(op.offset);
      break;
    case OperatorType::kSort: {
      std::string keys;
      for (const SortKey& k : op.sort_keys)
        keys += (keys.empty() ? "" : ", ") + k.expr->name + (k.descending ? " DESC" : " ASC");
      out += " [" + keys + "]";
      if (op.limit >= 0) out += " TopN " + std::to_string(op.limit);
      break;
    }
    case OperatorType::kWindow:
      if (op.limit >= 0) out += " TopN " + std::to_string(op.limit) + " per partition";
      break;
    case OperatorType::kJoin: {
      static const char* const kKinds[] = {"Inner",     "LeftOuter", "RightOuter",
                                           "FullOuter", "LeftSemi",  "LeftAnti",
                                           "Cross",     "RightSemi", "RightAnti"};
      out += std::string(" ") + kKinds[static_cast<int>(op.join_kind)];
      if (op.condition) out += ", " + op.condition->name;
      break;
    }
    case OperatorType::kRange:
      out += " (" + std::to_string(op.range_start) + ", " + std::to_string(op.range_end) +
             ", step=" + std::to_string(op.range_step) + ")";
      break;
    default:
      break;
  }
  if (annotate) {
    const std::string note = annotate(op);
    if (!note.empty()) out += "  (" + note + ")";
  }
  out += "\n";
  for (const OperatorPtr& child : op.children) Print(*child, depth + 1, out, annotate);
}

}  // namespace

std::string PlanToString(const LogicalOperator& op,
                         const std::function<std::string(const LogicalOperator&)>& annotate) {
  std::string out;
  Print(op, 0, out, annotate);
  return out;
}

}  // namespace sluice::plan
