// UNION, INTERSECT and EXCEPT (with ALL: multiset semantics) over whole rows, rows
// compared as GROUP BY compares them. (DISTINCT is a hash aggregate without aggregates.)
// It reserves for its inputs and table of distinct rows, then its output.
#include "exec/executor.h"
#include "exec/held_memory.h"
#include "exec/key_table.h"
#include "vector/vector_ops.h"

namespace sluice::exec {

namespace {

std::vector<types::LogicalType> TypesOf(const std::vector<types::Field>& fields) {
  std::vector<types::LogicalType> types;
  for (const types::Field& f : fields) types.push_back(f.type);
  return types;
}

std::vector<const vector::Vector*> Columns(const vector::Batch& b) {
  std::vector<const vector::Vector*> columns;
  for (size_t c = 0; c < b.num_columns(); ++c) columns.push_back(&b.column(c));
  return columns;
}

// Emits the rows of `table` with a positive count, each `count` times.
Result<BatchList> Emit(const std::shared_ptr<const types::Schema>& schema, const KeyTable& table,
                       const std::vector<int64_t>& counts) {
  BatchList out;
  std::optional<vector::Batch> current;
  for (size_t id = 0; id < table.size(); ++id) {
    for (int64_t k = 0; k < counts[id]; ++k) {
      if (!current || current->num_rows() == vector::kVectorSize) {
        if (current) out.push_back(std::move(*current));
        SLUICE_ASSIGN_OR_RAISE(vector::Batch next, vector::Batch::Make(schema));
        current = std::move(next);
      }
      const size_t at = current->num_rows();
      for (size_t c = 0; c < schema->size(); ++c)
        SLUICE_RETURN_NOT_OK(vector::CopyRow(table.columns()[c], id, current->column(c), at));
      current->set_num_rows(at + 1);
    }
  }
  if (current && current->num_rows() > 0) out.push_back(std::move(*current));
  return out;
}

}  // namespace

Result<BatchStore> RunSetOperation(Executor& ex, const plan::LogicalOperator& op,
                                   BatchStore left_rows, BatchStore right_rows) {
  auto schema = std::make_shared<const types::Schema>(op.output);
  if (op.set_kind == plan::SetOperationKind::kUnion && op.set_all) {
    left_rows.Append(std::move(right_rows));
    return left_rows;
  }
  SLUICE_ASSIGN_OR_RAISE(BatchList left, left_rows.TakeAll());
  SLUICE_ASSIGN_OR_RAISE(BatchList right, right_rows.TakeAll());
  HeldMemory held(ex.OperatorMemory(op));
  const size_t input_bytes = MemoryBytes(left) + MemoryBytes(right);
  SLUICE_RETURN_NOT_OK(held.Hold(input_bytes));
  SLUICE_ASSIGN_OR_RAISE(KeyTable table, KeyTable::Make(TypesOf(op.output)));
  std::vector<int64_t> left_count, right_count;
  auto table_bytes = [&] {
    return input_bytes + table.memory_bytes() + 2 * left_count.capacity() * sizeof(int64_t);
  };
  auto count = [&](const BatchList& batches, std::vector<int64_t>& mine) -> Status {
    std::vector<uint32_t> ids;
    for (const vector::Batch& b : batches) {
      SLUICE_RETURN_NOT_OK(table.FindOrInsertAll(Columns(b), b.num_rows(), ids));
      left_count.resize(table.size(), 0);
      right_count.resize(table.size(), 0);
      for (uint32_t id : ids) ++mine[id];
      SLUICE_RETURN_NOT_OK(held.Hold(table_bytes()));
    }
    return Status::OK();
  };
  SLUICE_RETURN_NOT_OK(count(left, left_count));
  SLUICE_RETURN_NOT_OK(count(right, right_count));
  std::vector<int64_t> emit(table.size(), 0);
  for (size_t id = 0; id < table.size(); ++id) {
    const int64_t l = left_count[id], r = right_count[id];
    switch (op.set_kind) {
      case plan::SetOperationKind::kUnion:
        emit[id] = 1;
        break;
      case plan::SetOperationKind::kIntersect:
        emit[id] = op.set_all ? std::min(l, r) : (l > 0 && r > 0);
        break;
      case plan::SetOperationKind::kExcept:
        emit[id] = op.set_all ? std::max<int64_t>(l - r, 0) : (l > 0 && r == 0);
        break;
    }
  }
  SLUICE_ASSIGN_OR_RAISE(BatchList out, Emit(schema, table, emit));
  SLUICE_RETURN_NOT_OK(held.Hold(table_bytes() + MemoryBytes(out)));
  return BatchStore(std::move(out));
}

}  // namespace sluice::exec
