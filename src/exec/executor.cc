#include "exec/executor.h"

#include <chrono>
#include <cstdio>

#include "plan/outer_references.h"
#include "vector/vector_ops.h"

namespace sluice::exec {

using plan::OperatorType;

Result<BatchList> Executor::Run(const plan::LogicalOperator& op) {
  // Inside a correlated subquery (run once per outer row), the parts that do not read the
  // outer row run once; each run gets its own copy of their rows. So does a shared CTE.
  if (op.shared_result || (!outer_rows_.empty() && !DependsOnOuterRow(op))) {
    SLUICE_ASSIGN_OR_RAISE(const BatchList* rows, RunCached(op));
    BatchList copy;
    for (const vector::Batch& b : *rows) {
      SLUICE_ASSIGN_OR_RAISE(vector::Batch c, vector::Compact(b));
      copy.push_back(std::move(c));
    }
    return copy;
  }
  if (!profile_enabled_) return RunOperator(op);
  // An operator's own time is its elapsed time minus its children's elapsed time.
  double children_before = 0;
  for (const plan::OperatorPtr& c : op.children) children_before += profile_[c.get()].elapsed;
  const auto start = std::chrono::steady_clock::now();
  Result<BatchList> out = RunOperator(op);
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double children_after = 0;
  for (const plan::OperatorPtr& c : op.children) children_after += profile_[c.get()].elapsed;
  OperatorProfile& p = profile_[&op];
  p.elapsed += elapsed;
  p.seconds += elapsed - (children_after - children_before);
  if (out.ok()) p.rows += CountRows(*out);
  return out;
}

bool Executor::DependsOnOuterRow(const plan::LogicalOperator& op) {
  auto it = depends_on_outer_row_.find(&op);
  if (it == depends_on_outer_row_.end())
    it = depends_on_outer_row_.emplace(&op, plan::DependsOnOuterRow(op)).first;
  return it->second;
}

std::string Executor::ProfileOf(const plan::LogicalOperator& op) const {
  auto it = profile_.find(&op);
  if (it == profile_.end()) return "";
  char text[96];
  std::snprintf(text, sizeof(text), "rows=%llu time=%.3f ms",
                static_cast<unsigned long long>(it->second.rows), it->second.seconds * 1000);
  return text;
}

Result<BatchList> Executor::RunOperator(const plan::LogicalOperator& op) {
  if (ctx_.IsCancelled()) return Status::Cancelled("the query was cancelled");
  std::vector<BatchList> inputs;
  for (const plan::OperatorPtr& child : op.children) {
    SLUICE_ASSIGN_OR_RAISE(BatchList rows, Run(*child));
    inputs.push_back(std::move(rows));
  }
  // A scan stops early when cancelled, so check again once the inputs are in.
  if (ctx_.IsCancelled()) return Status::Cancelled("the query was cancelled");
  switch (op.type) {
    case OperatorType::kScan:
      return RunScan(*this, op);
    case OperatorType::kValues: {
      auto schema = std::make_shared<const types::Schema>(op.output);
      return Rebatch(schema, *op.rows);
    }
    case OperatorType::kRange:
      return RunRange(*this, op);
    case OperatorType::kProject:
      return RunProject(*this, op, std::move(inputs[0]));
    case OperatorType::kFilter:
      return RunFilter(*this, op, std::move(inputs[0]));
    case OperatorType::kAggregate:
      return RunAggregate(*this, op, std::move(inputs[0]));
    case OperatorType::kWindow:
      return RunWindow(*this, op, std::move(inputs[0]));
    case OperatorType::kSort:
      return RunSort(*this, op, std::move(inputs[0]));
    case OperatorType::kLimit:
      return RunLimit(*this, op, std::move(inputs[0]));
    case OperatorType::kDistinct:
      return RunDistinct(*this, op, std::move(inputs[0]));
    case OperatorType::kSetOperation:
      return RunSetOperation(*this, op, std::move(inputs[0]), std::move(inputs[1]));
    case OperatorType::kJoin:
      return RunJoin(*this, op, std::move(inputs[0]), std::move(inputs[1]));
    case OperatorType::kGenerate:
      return RunGenerate(*this, op, std::move(inputs[0]));
  }
  return Status::Internal("unknown operator");
}

Result<const BatchList*> Executor::RunCached(const plan::LogicalOperator& op) {
  auto it = cache_.find(&op);
  if (it != cache_.end()) return &it->second;
  SLUICE_ASSIGN_OR_RAISE(BatchList rows, RunOperator(op));
  return &cache_.emplace(&op, std::move(rows)).first->second;
}

size_t CountRows(const BatchList& batches) {
  size_t n = 0;
  for (const vector::Batch& b : batches) n += b.num_rows();
  return n;
}

Result<BatchList> Rebatch(const std::shared_ptr<const types::Schema>& schema,
                          const BatchList& batches) {
  BatchList out;
  std::optional<vector::Batch> current;
  for (const vector::Batch& b : batches) {
    for (size_t r = 0; r < b.num_selected(); ++r) {
      if (!current || current->num_rows() == vector::kVectorSize) {
        if (current) out.push_back(std::move(*current));
        SLUICE_ASSIGN_OR_RAISE(vector::Batch next, vector::Batch::Make(schema));
        current = std::move(next);
      }
      const size_t at = current->num_rows();
      for (size_t c = 0; c < schema->size(); ++c)
        SLUICE_RETURN_NOT_OK(
            vector::CopyRow(b.column(c), b.selected_row(r), current->column(c), at));
      current->set_num_rows(at + 1);
    }
  }
  if (current && current->num_rows() > 0) out.push_back(std::move(*current));
  return out;
}

}  // namespace sluice::exec
