#include "exec/sort_run_merger.h"

#include <algorithm>
#include <functional>
#include <optional>

#include "exec/executor.h"
#include "exec/gather_rows.h"
#include "exec/held_memory.h"

namespace sluice::exec {

Result<std::vector<vector::Vector>> EvaluateSortKeys(ExpressionEvaluator& eval,
                                                     const plan::LogicalOperator& op,
                                                     const vector::Batch& batch) {
  std::vector<vector::Vector> keys;
  keys.reserve(op.sort_keys.size());
  for (const plan::SortKey& k : op.sort_keys) {
    SLUICE_ASSIGN_OR_RAISE(vector::Vector v, eval.Evaluate(*k.expr, batch, batch.num_rows()));
    keys.push_back(std::move(v));
  }
  return keys;
}

size_t SortKeyBytes(const std::vector<vector::Vector>& keys, const vector::Batch& batch) {
  size_t bytes = 0;
  for (const vector::Vector& k : keys) {
    bool shared = false;
    for (size_t c = 0; c < batch.num_columns() && !shared; ++c)
      shared = k.data<uint8_t>() == batch.column(c).data<uint8_t>();
    if (!shared) bytes += k.memory_bytes();
  }
  return bytes;
}

SortKeyEncoder MakeSortKeyEncoder(const plan::LogicalOperator& op,
                                  std::vector<std::vector<const vector::Vector*>> keys) {
  std::vector<SortOrder> orders;
  for (const plan::SortKey& k : op.sort_keys) orders.push_back({k.descending, k.nulls_first});
  return SortKeyEncoder(std::move(orders), std::move(keys));
}

namespace {

// Past this many runs a merge goes in passes whatever the memory (each run's file is open).
constexpr size_t kMaxFanIn = 128;

using Emit = std::function<Status(vector::Batch)>;

// One merge of runs into `emit`'s batches.
class RunMerge {
 public:
  RunMerge(Executor& ex, const plan::LogicalOperator& op,
           std::shared_ptr<const types::Schema> schema, std::vector<const SpillFile*> runs)
      : ex_(ex),
        op_(op),
        schema_(std::move(schema)),
        eval_(ex, ex.context()),
        held_(ex.OperatorMemory(op)),
        runs_(std::move(runs)),
        cursors_(runs_.size()),
        sources_(runs_.size()),
        tree_(runs_.size()) {}

  // Emits the first `limit` rows.
  Status Run(const Emit& emit, uint64_t limit) {
    const size_t n = runs_.size();
    // The encoder reads each run's keys through pointers to its cursor's vectors, which a
    // block read replaces in place.
    std::vector<std::vector<const vector::Vector*>> keys(op_.sort_keys.size());
    for (size_t r = 0; r < n; ++r) {
      SLUICE_RETURN_NOT_OK(ReadBlock(r));
      for (size_t k = 0; k < keys.size(); ++k) keys[k].push_back(&cursors_[r].keys[k]);
    }
    encoder_.emplace(MakeSortKeyEncoder(op_, std::move(keys)));
    for (size_t r = 0; r < n; ++r) SLUICE_RETURN_NOT_OK(EncodeBlock(r));
    tree_[0] = Build(1);
    std::vector<uint64_t> out;
    out.reserve(vector::kVectorSize);
    auto flush = [&]() -> Status {
      if (out.empty()) return Status::OK();
      SLUICE_RETURN_NOT_OK(ex_.context().CheckCancelled());
      SLUICE_ASSIGN_OR_RAISE(vector::Batch batch,
                             GatherRows(sources_, schema_, out.data(), out.size()));
      out.clear();
      sources_.resize(n);  // the runs' earlier blocks are no longer needed
      retired_bytes_ = 0;
      return emit(std::move(batch));
    };
    for (size_t w = tree_[0]; !Done(w) && limit > 0; w = tree_[0], --limit) {
      Cursor& c = cursors_[w];
      out.push_back(MakeRowRef(w, c.pos));
      if (++c.pos == c.rows) {
        if (c.next_block == runs_[w]->block_count()) {
          c.rows = 0;  // done; its last block stays among the sources
        } else {
          // Gathered rows may still point into the block: it moves after the current ones.
          for (uint64_t& ref : out)
            if ((ref >> 32) == w) ref = MakeRowRef(sources_.size(), ref & 0xFFFFFFFF);
          retired_bytes_ += MemoryBytes(sources_[w]);
          sources_.push_back(std::move(sources_[w]));
          SLUICE_RETURN_NOT_OK(ReadBlock(w));
          SLUICE_RETURN_NOT_OK(EncodeBlock(w));
        }
      }
      Replay(w);
      if (out.size() == vector::kVectorSize) SLUICE_RETURN_NOT_OK(flush());
    }
    return flush();
  }

 private:
  struct Cursor {
    size_t next_block = 0;
    std::vector<vector::Vector> keys;  // of the current block
    std::vector<uint8_t> entries;      // of the current block
    size_t pos = 0, rows = 0;          // rows: 0 once the run is done
    size_t bytes = 0;                  // its block's, keys' and entries'
  };

  // Reads run r's next block and evaluates its keys.
  Status ReadBlock(size_t r) {
    Cursor& c = cursors_[r];
    c.pos = 0;
    SLUICE_ASSIGN_OR_RAISE(sources_[r], runs_[r]->Read(c.next_block++));
    SLUICE_ASSIGN_OR_RAISE(std::vector<vector::Vector> keys,
                           EvaluateSortKeys(eval_, op_, sources_[r]));
    // Assigned in place: the encoder points to them.
    if (c.keys.empty())
      c.keys = std::move(keys);
    else
      for (size_t k = 0; k < keys.size(); ++k) c.keys[k] = std::move(keys[k]);
    c.rows = sources_[r].num_rows();
    return Status::OK();
  }

  // Encodes run r's block (read by ReadBlock) and reserves what the merge holds.
  Status EncodeBlock(size_t r) {
    Cursor& c = cursors_[r];
    c.entries.resize(c.rows * encoder_->width());
    if (c.rows > 0) encoder_->Encode(static_cast<uint32_t>(r), c.rows, c.entries.data());
    c.bytes = MemoryBytes(sources_[r]) + c.entries.size();
    c.bytes += SortKeyBytes(c.keys, sources_[r]);
    size_t bytes = retired_bytes_;
    for (const Cursor& other : cursors_) bytes += other.bytes;
    return held_.Hold(bytes);
  }

  bool Done(size_t r) const { return cursors_[r].rows == 0; }
  const uint8_t* Head(size_t r) const {
    return cursors_[r].entries.data() + cursors_[r].pos * encoder_->width();
  }
  // Whether run a's current row goes before run b's (a done run goes last).
  bool Beats(size_t a, size_t b) const {
    if (Done(a)) return false;
    if (Done(b)) return true;
    return encoder_->Less(Head(a), Head(b));
  }
  // The tree: nodes 1..n-1 keep the loser of their match, leaves n..2n-1 are the runs.
  // Returns the winner of node's subtree.
  size_t Build(size_t node) {
    const size_t n = runs_.size();
    if (node >= n) return node - n;
    const size_t a = Build(2 * node), b = Build(2 * node + 1);
    const bool a_wins = Beats(a, b);
    tree_[node] = a_wins ? b : a;
    return a_wins ? a : b;
  }
  // Run r's current row changed: it plays the matches up from its leaf again.
  void Replay(size_t r) {
    size_t winner = r;
    for (size_t node = (r + runs_.size()) / 2; node >= 1; node /= 2)
      if (Beats(tree_[node], winner)) std::swap(tree_[node], winner);
    tree_[0] = winner;
  }

  Executor& ex_;
  const plan::LogicalOperator& op_;
  const std::shared_ptr<const types::Schema> schema_;
  ExpressionEvaluator eval_;
  HeldMemory held_;
  std::vector<const SpillFile*> runs_;
  std::vector<Cursor> cursors_;
  // sources_[r]: run r's current block; after them, blocks done that gathered rows point into.
  BatchList sources_;
  size_t retired_bytes_ = 0;
  std::optional<SortKeyEncoder> encoder_;
  std::vector<size_t> tree_;
};

}  // namespace

Result<BatchStore> MergeSortedRuns(Executor& ex, const plan::LogicalOperator& op,
                                   std::vector<std::unique_ptr<SpillFile>> runs,
                                   size_t block_bytes) {
  memory::MemoryTracker& memory = ex.OperatorMemory(op);
  const auto schema = std::make_shared<const types::Schema>(op.output);
  const int64_t budget = SpillBudget(memory);
  // Each run may keep a finished block besides its current one until its gathered rows are
  // out. The output spills once the blocks took the budget.
  const size_t room = static_cast<size_t>(budget - memory.used());
  const size_t fan_in =
      std::clamp<size_t>(room / (2 * std::max<size_t>(block_bytes, 1)), 2, kMaxFanIn);
  auto merge = [&](size_t first, size_t last, const Emit& emit) {
    std::vector<const SpillFile*> group;
    for (size_t r = first; r < last; ++r) group.push_back(runs[r].get());
    // A top-N's first rows are among each group's first.
    return RunMerge(ex, op, schema, std::move(group))
        .Run(emit, op.limit >= 0 ? static_cast<uint64_t>(op.limit) : UINT64_MAX);
  };
  // Passes over consecutive runs, each merging groups only until the runs merged so far and
  // those left fit one merge (the rest go on as they are).
  while (runs.size() > fan_in) {
    std::vector<std::unique_ptr<SpillFile>> merged;
    size_t first = 0;
    while (first < runs.size() && merged.size() + runs.size() - first > fan_in) {
      const size_t last = std::min(runs.size(), first + fan_in);
      SLUICE_ASSIGN_OR_RAISE(std::unique_ptr<SpillFile> file,
                             SpillFile::Create(ex.temp_directory(), schema));
      SLUICE_RETURN_NOT_OK(
          merge(first, last, [&](vector::Batch batch) { return file->Append(batch); }));
      SLUICE_RETURN_NOT_OK(file->FinishWriting());
      ex.RecordSpill(op, file->bytes());
      merged.push_back(std::move(file));
      for (; first < last; ++first) runs[first].reset();  // deletes the file
    }
    for (; first < runs.size(); ++first) merged.push_back(std::move(runs[first]));
    runs = std::move(merged);
  }
  BatchStore out;
  RowSpiller spiller(memory, ex.temp_directory(), budget);
  SLUICE_RETURN_NOT_OK(merge(
      0, runs.size(), [&](vector::Batch batch) { return spiller.Add(std::move(batch), out); }));
  SLUICE_RETURN_NOT_OK(spiller.Finish());
  ex.RecordSpill(op, spiller.spilled_bytes());
  return out;
}

}  // namespace sluice::exec
