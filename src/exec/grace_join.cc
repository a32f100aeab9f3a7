#include "exec/grace_join.h"

#include <chrono>

#include "exec/hash_join.h"
#include "exec/partitioned_spill.h"
#include "vector/vector_ops.h"

namespace sluice::exec {

namespace {

using plan::JoinKind;

// The partitions' key hash seed: apart from KeyTable's, so that a partition's keys (which share
// their top hash bits) do not crowd its table's slots.
constexpr uint64_t kPartitionSeed = 0x9e3779b97f4a7c15ULL;

// The room a table may take: the join's SpillBudget beyond what it holds (its output).
int64_t TableRoom(const memory::MemoryTracker& memory) {
  return SpillBudget(memory) - memory.used();
}

size_t BlockCount(const SpillFile* file) { return file ? file->block_count() : 0; }

class GraceJoin {
 public:
  GraceJoin(Executor& ex, const plan::LogicalOperator& join, int64_t needed)
      : ex_(ex),
        join_(join),
        memory_(ex.OperatorMemory(join)),
        keys_(SplitJoinCondition(join)),
        eval_(ex, ex.context()),
        left_schema_(std::make_shared<const types::Schema>(join.children[0]->output)),
        right_schema_(std::make_shared<const types::Schema>(join.children[1]->output)),
        output_(memory_, ex.temp_directory(), SpillBudget(memory_)),
        needed_(needed) {}

  Result<BatchStore> Run(BatchStore left, BatchStore right) {
    SLUICE_ASSIGN_OR_RAISE(std::unique_ptr<PartitionedSpill> right_parts,
                           Split(Of(right), keys_.right, right_schema_, 0));
    right = BatchStore();
    SLUICE_ASSIGN_OR_RAISE(std::unique_ptr<PartitionedSpill> left_parts,
                           Split(Of(left), keys_.left, left_schema_, 0));
    left = BatchStore();
    // Without keys every row is in one partition: a block nested loop.
    SLUICE_RETURN_NOT_OK(JoinPartitions(*left_parts, *right_parts, 0, keys_.left.empty()));
    SLUICE_RETURN_NOT_OK(output_.Finish());
    ex_.RecordSpill(join_, spilled_ + output_.spilled_bytes());
    return std::move(out_);
  }

 private:
  // Rows read a batch at a time: an input's, or a partition's (null: none).
  struct Input {
    size_t batches;
    std::function<Result<vector::Batch>(size_t)> read;
  };
  static Input Of(const BatchStore& store) {
    return {store.batch_count(), [&store](size_t i) { return store.Read(i); }};
  }
  static Input Of(const SpillFile* file) {
    return {BlockCount(file), [file](size_t i) { return file->Read(i); }};
  }

  // The rows split by their keys' hash at `shift`.
  Result<std::unique_ptr<PartitionedSpill>> Split(
      const Input& rows, const std::vector<plan::ExprPtr>& keys,
      const std::shared_ptr<const types::Schema>& schema, int shift) {
    auto spill = std::make_unique<PartitionedSpill>(ex_.temp_directory(), schema, shift);
    for (size_t i = 0; i < rows.batches; ++i) {
      SLUICE_RETURN_NOT_OK(CheckCancelled());
      SLUICE_ASSIGN_OR_RAISE(vector::Batch batch, rows.read(i));
      if (batch.selection() != nullptr) {
        SLUICE_ASSIGN_OR_RAISE(batch, vector::Compact(batch));
      }
      hashes_.assign(batch.num_rows(), kPartitionSeed);
      for (const plan::ExprPtr& k : keys) {
        SLUICE_ASSIGN_OR_RAISE(vector::Vector v, eval_.Evaluate(*k, batch, batch.num_rows()));
        vector::HashColumn(v, batch.num_rows(), hashes_.data());
      }
      SLUICE_RETURN_NOT_OK(spill->Append(batch, hashes_));
    }
    SLUICE_RETURN_NOT_OK(spill->FinishWriting());
    spilled_ += spill->bytes();
    return spill;
  }

  // Joins partition after partition of rows split at `shift`; `skewed`: the right rows are
  // all in one partition, which is then joined as a nested loop.
  Status JoinPartitions(const PartitionedSpill& left, const PartitionedSpill& right, int shift,
                        bool skewed) {
    for (size_t p = 0; p < size_t{1} << kSpillBits; ++p) {
      SLUICE_RETURN_NOT_OK(CheckCancelled());
      if (Enough()) return Status::OK();
      const SpillFile* l = left.file(p);
      const SpillFile* r = right.file(p);
      if (!Contributes(l, r)) continue;
      SLUICE_RETURN_NOT_OK(skewed && r ? NestedLoop(l, r) : JoinPartition(l, r, shift));
    }
    return Status::OK();
  }

  // Whether a partition with these rows (null: none) gives output.
  bool Contributes(const SpillFile* left, const SpillFile* right) const {
    const JoinKind kind = join_.join_kind;
    if (!right)
      return left &&
             (kind == JoinKind::kLeft || kind == JoinKind::kFull || kind == JoinKind::kAnti);
    return left || kind == JoinKind::kRight || kind == JoinKind::kFull ||
           kind == JoinKind::kRightAnti;
  }

  // One partition (its rows share the hash bits above `shift`): in memory when its right rows'
  // table fits, else split again.
  Status JoinPartition(const SpillFile* left, const SpillFile* right, int shift) {
    {
      BatchList rows;
      SLUICE_ASSIGN_OR_RAISE(const size_t end, ReadChunk(right, 0, rows));
      if (end == BlockCount(right)) {
        Result<std::unique_ptr<JoinHashTable>> table =
            JoinHashTable::Build(eval_, join_, std::move(rows), memory_);
        if (table.ok()) {
          for (size_t b = 0; b < BlockCount(left); ++b) {
            SLUICE_RETURN_NOT_OK(CheckCancelled());
            if (Enough()) return Status::OK();
            SLUICE_ASSIGN_OR_RAISE(vector::Batch batch, left->Read(b));
            SLUICE_RETURN_NOT_OK((*table)->Probe(eval_, batch, emit_));
          }
          return (*table)->EmitUnmatchedRight(emit_);
        }
        if (table.status().code() != StatusCode::kOutOfMemory) return table.status();
      }
    }
    // Too big: split again by the next hash bits, or once they run out, a nested loop.
    const int next = shift + kSpillBits;
    if (next + kSpillBits > 64) return NestedLoop(left, right);
    SLUICE_ASSIGN_OR_RAISE(std::unique_ptr<PartitionedSpill> right_parts,
                           Split(Of(right), keys_.right, right_schema_, next));
    SLUICE_ASSIGN_OR_RAISE(std::unique_ptr<PartitionedSpill> left_parts,
                           Split(Of(left), keys_.left, left_schema_, next));
    // All the right rows fell in one sub-partition: one key (or NULL), which no split divides.
    bool skewed = false;
    for (size_t p = 0; p < size_t{1} << kSpillBits; ++p)
      if (right_parts->file(p) && right_parts->file(p)->rows() == right->rows()) skewed = true;
    return JoinPartitions(*left_parts, *right_parts, next, skewed);
  }

  // A block nested loop: the right rows in chunks whose tables fit, each probed by every left
  // row; the left rows' outcome once all chunks are done.
  Status NestedLoop(const SpillFile* left, const SpillFile* right) {
    std::vector<std::vector<bool>> matched(BlockCount(left));
    std::unique_ptr<JoinHashTable> table;
    for (size_t from = 0; from < BlockCount(right);) {
      BatchList rows;
      table.reset();
      SLUICE_ASSIGN_OR_RAISE(from, ReadChunk(right, from, rows));
      SLUICE_ASSIGN_OR_RAISE(table, JoinHashTable::Build(eval_, join_, std::move(rows), memory_));
      for (size_t b = 0; b < BlockCount(left); ++b) {
        SLUICE_RETURN_NOT_OK(CheckCancelled());
        if (Enough()) return Status::OK();
        SLUICE_ASSIGN_OR_RAISE(vector::Batch batch, left->Read(b));
        SLUICE_RETURN_NOT_OK(table->ProbeMatches(eval_, batch, emit_, matched[b]));
      }
      SLUICE_RETURN_NOT_OK(table->EmitUnmatchedRight(emit_));
    }
    for (size_t b = 0; b < BlockCount(left); ++b) {
      SLUICE_ASSIGN_OR_RAISE(vector::Batch batch, left->Read(b));
      SLUICE_RETURN_NOT_OK(table->EmitLeftOutcome(batch, matched[b], emit_));
    }
    return Status::OK();
  }

  // Reads blocks of `file` from `from` into `rows` while their table fits in the room left (at
  // least one): the block after the last read.
  Result<size_t> ReadChunk(const SpillFile* file, size_t from, BatchList& rows) {
    const int64_t room = TableRoom(memory_);
    size_t bytes = 0;
    uint64_t count = 0;
    size_t b = from;
    for (; b < BlockCount(file); ++b) {
      SLUICE_ASSIGN_OR_RAISE(vector::Batch batch, file->Read(b));
      bytes += MemoryBytes(batch);
      count += batch.num_rows();
      if (b > from && static_cast<int64_t>(
                          JoinHashTable::EstimateBytes(bytes, count, keys_.left.size())) > room)
        break;
      rows.push_back(std::move(batch));
    }
    return b;
  }

  // A LIMIT above has the rows it needs (any of the join's rows will do).
  bool Enough() const { return needed_ >= 0 && out_.row_count() >= static_cast<uint64_t>(needed_); }

  Status CheckCancelled() const {
    return ex_.context().IsCancelled() ? Status::Cancelled("the query was cancelled")
                                       : Status::OK();
  }

  Executor& ex_;
  const plan::LogicalOperator& join_;
  memory::MemoryTracker& memory_;
  const JoinKeys keys_;
  ExpressionEvaluator eval_;
  std::shared_ptr<const types::Schema> left_schema_, right_schema_;
  RowSpiller output_;
  BatchStore out_;
  const std::function<Status(vector::Batch)> emit_ = [this](vector::Batch b) {
    return output_.Add(std::move(b), out_);
  };
  const int64_t needed_;  // rows a LIMIT above needs, or -1
  std::vector<uint64_t> hashes_;
  uint64_t spilled_ = 0;  // bytes of the partitions
};

}  // namespace

bool NeedsGraceJoin(const plan::LogicalOperator& join, const BatchStore& right,
                    memory::MemoryTracker& memory) {
  const size_t keys = SplitJoinCondition(join).left.size();
  return right.spilled() || static_cast<int64_t>(JoinHashTable::EstimateBytes(
                                right.memory_bytes(), right.row_count(), keys)) > TableRoom(memory);
}

Result<BatchStore> RunGraceJoin(Executor& ex, const plan::LogicalOperator& join, BatchStore left,
                                BatchStore right, int64_t needed) {
  const auto start = std::chrono::steady_clock::now();
  GraceJoin grace(ex, join, needed);
  SLUICE_ASSIGN_OR_RAISE(BatchStore out, grace.Run(std::move(left), std::move(right)));
  if (ex.profiling())
    ex.RecordProfile(
        join, out.row_count(),
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return out;
}

}  // namespace sluice::exec
