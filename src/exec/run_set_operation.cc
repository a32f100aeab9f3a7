// UNION, INTERSECT and EXCEPT (with ALL: multiset semantics) over whole rows, rows
// compared as GROUP BY compares them. (DISTINCT is a hash aggregate without aggregates;
// UNION ALL appends its inputs.) It reserves for its inputs and table of distinct rows, then
// its output. Larger than memory (an input spilled, or input and table would pass the
// budget): both inputs are split by the hash of the whole row into PartitionedSpills, so equal
// rows meet in one partition, and each partition pair is answered alone (split again on the
// next hash bits while still too big); the answers go through a RowSpiller.
#include "exec/executor.h"
#include "exec/held_memory.h"
#include "exec/key_table.h"
#include "exec/partitioned_spill.h"
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

// The answer for inputs held in memory.
Result<BatchList> SetOperationInMemory(Executor& ex, const plan::LogicalOperator& op,
                                       BatchList left, BatchList right) {
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
  SLUICE_ASSIGN_OR_RAISE(BatchList out,
                         Emit(std::make_shared<const types::Schema>(op.output), table, emit));
  SLUICE_RETURN_NOT_OK(held.Hold(table_bytes() + MemoryBytes(out)));
  return out;
}

// Whether inputs of `bytes` (in memory) are answered in memory: with the table of distinct
// rows and the output they hold about three times that.
bool FitsInMemory(const memory::MemoryTracker& memory, uint64_t bytes) {
  return 3 * bytes <= static_cast<uint64_t>(std::max<int64_t>(SpillBudget(memory), 0));
}

// Splits `rows` by the hash of the whole row (equal rows, as KeyTable compares them, hash
// equal) into `spill`.
Status SplitRows(const BatchStore& rows, PartitionedSpill& spill) {
  std::vector<uint64_t> hashes;
  for (size_t i = 0; i < rows.batch_count(); ++i) {
    SLUICE_ASSIGN_OR_RAISE(vector::Batch b, rows.Read(i));
    if (b.selection() != nullptr) {
      SLUICE_ASSIGN_OR_RAISE(b, vector::Compact(b));
    }
    hashes.assign(b.num_rows(), 0);
    for (size_t c = 0; c < b.num_columns(); ++c)
      vector::HashColumn(b.column(c), b.num_rows(), hashes.data());
    SLUICE_RETURN_NOT_OK(spill.Append(b, hashes));
  }
  return spill.FinishWriting();
}

// Appends the answer for `left` and `right` to `out` through `output`, a hash partition at a
// time (partitioned below the top `shift` bits).
Status SetOperationByPartitions(Executor& ex, const plan::LogicalOperator& op,
                                const BatchStore& left, const BatchStore& right, int shift,
                                RowSpiller& output, BatchStore& out) {
  if (shift + kSpillBits > 64)
    return Status::OutOfMemory(
        "memory limit exceeded by set operation: the rows of one hash partition do not fit even "
        "when spilled; raise --memory-limit or SET spark.sluice.memory.limit");
  auto schema = std::make_shared<const types::Schema>(op.output);
  PartitionedSpill left_parts(ex.temp_directory(), schema, shift);
  PartitionedSpill right_parts(ex.temp_directory(), schema, shift);
  SLUICE_RETURN_NOT_OK(SplitRows(left, left_parts));
  SLUICE_RETURN_NOT_OK(SplitRows(right, right_parts));
  ex.RecordSpill(op, left_parts.bytes() + right_parts.bytes());
  memory::MemoryTracker& memory = ex.OperatorMemory(op);
  for (size_t p = 0; p < size_t{1} << kSpillBits; ++p) {
    SLUICE_RETURN_NOT_OK(ex.context().CheckCancelled());
    BatchStore l = left_parts.Partition(p), r = right_parts.Partition(p);
    uint64_t bytes = 0;
    for (const SpillFile* f : {left_parts.file(p), right_parts.file(p)})
      if (f != nullptr) bytes += f->plain_bytes();
    if (!FitsInMemory(memory, bytes)) {
      SLUICE_RETURN_NOT_OK(SetOperationByPartitions(ex, op, l, r, shift + kSpillBits, output, out));
      continue;
    }
    SLUICE_ASSIGN_OR_RAISE(BatchList left_rows, l.TakeAll());
    SLUICE_ASSIGN_OR_RAISE(BatchList right_rows, r.TakeAll());
    SLUICE_ASSIGN_OR_RAISE(BatchList answer, SetOperationInMemory(ex, op, std::move(left_rows),
                                                                  std::move(right_rows)));
    for (vector::Batch& b : answer) SLUICE_RETURN_NOT_OK(output.Add(std::move(b), out));
  }
  return Status::OK();
}

}  // namespace

Result<BatchStore> RunSetOperation(Executor& ex, const plan::LogicalOperator& op, BatchStore left,
                                   BatchStore right) {
  if (op.set_kind == plan::SetOperationKind::kUnion && op.set_all) {
    left.Append(std::move(right));
    return left;
  }
  memory::MemoryTracker& memory = ex.OperatorMemory(op);
  if (!left.spilled() && !right.spilled() &&
      FitsInMemory(memory, left.memory_bytes() + right.memory_bytes())) {
    SLUICE_ASSIGN_OR_RAISE(BatchList left_rows, left.TakeAll());
    SLUICE_ASSIGN_OR_RAISE(BatchList right_rows, right.TakeAll());
    SLUICE_ASSIGN_OR_RAISE(
        BatchList out, SetOperationInMemory(ex, op, std::move(left_rows), std::move(right_rows)));
    return BatchStore(std::move(out));
  }
  RowSpiller output(memory, ex.temp_directory(), SpillBudget(memory));
  BatchStore out;
  SLUICE_RETURN_NOT_OK(SetOperationByPartitions(ex, op, left, right, 0, output, out));
  SLUICE_RETURN_NOT_OK(output.Finish());
  ex.RecordSpill(op, output.spilled_bytes());
  return out;
}

}  // namespace sluice::exec
