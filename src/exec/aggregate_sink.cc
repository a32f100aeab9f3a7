// Hash aggregation as a pipeline sink: each worker aggregates its morsels into its own
// AggregateTable. Afterwards, one worker's table is the result unless a DISTINCT aggregate
// needs merging; else the tables merge by partition: each table's groups are split by the
// high bits of their keys' hash, and partition p of every table merges into one table on
// whichever thread takes p (partitions share no group, so they merge and emit their rows in
// parallel; the result is partition after partition), and each partition's table is dropped
// once emitted (its rows keep its string keys alive). Few groups make one partition.
// A worker whose groups barely repeat (after kSampleRows rows, over half made a new group) stops
// aggregating: aggregating first would only insert each group twice, once in its table and
// once in the merge, and its table would outgrow the caches (each row a miss) while a
// partition's table stays small. It keeps its table as it is and splits its later rows (evaluated,
// as spilled rows are) by the same hash bits into PartitionedRows; partition p's rows are then
// aggregated into p's table after the tables' groups merged into it.
//
// Larger than memory: the worker tables together may hold a quarter of the room the query
// has left when the aggregate starts (the rest is for the partitions' tables and the result); a
// worker whose table would pass that keeps it as it is and spills its later input rows (evaluated,
// per grouping set) into 2^kSpillBits files by the same hash bits. Its aggregate states are never
// written: rows are simpler and right for every aggregate (DISTINCT, collect_list, ...). Then
// partition after partition, one at a time: the worker tables' groups of that partition merge into
// one table, the partition's spilled rows are aggregated into it, and it is emitted and dropped. A
// partition table that would pass a quarter of the room left in turn spills the rest of its rows by
// the next hash bits, and the same happens one level down (recursively); when that cannot help (one
// group is larger than memory) a table's reservation fails with the usual memory error. A global
// aggregate's one group cannot be split, so it never spills: it holds what it needs or fails
// (a global aggregate with DISTINCT reaches here as two aggregates, the inner one grouped by the
// distinct values: see optimizer/rewrite_distinct_aggregates.cc).
#include <algorithm>

#include "exec/aggregate_table.h"
#include "exec/partitioned_rows.h"
#include "exec/partitioned_spill.h"
#include "exec/pipeline.h"
#include "parallel/thread_pool.h"

namespace sluice::exec {

namespace {

// Partitions when the worker tables hold this many groups in all (fewer: one partition).
constexpr size_t kPartitionedGroups = 1 << 14;
constexpr int kPartitionBits = 5;
// A worker's table that made more than kPassShare of its first kSampleRows rows (or more)
// into new groups is passed by (see the top). A DISTINCT (no aggregate function) is passed by
// only when its groups barely repeat at all: a passed row costs as much memory as a group, so
// a key seen eight times takes eight times the memory passed (count(DISTINCT user_id) over
// 10M rows of 588k users: 960 MB passed, 245 MB aggregated, which took 0.7 s more CPU).
constexpr size_t kSampleRows = 1 << 18;
constexpr double kPassShare = 0.5;
constexpr double kDistinctPassShare = 0.9;

using Table = std::unique_ptr<AggregateTable>;
using Tables = std::vector<Table>;
using Spills = std::vector<std::unique_ptr<PartitionedSpill>>;

class AggregateSink : public PipelineSink {
 public:
  AggregateSink(Executor& ex, const plan::LogicalOperator& op, const plan::LogicalOperator& shown,
                memory::MemoryTracker& memory)
      : ex_(ex),
        op_(op),
        shown_(shown),
        ctx_(ex.context()),
        memory_(memory),
        sets_(std::max<size_t>(op.grouping_sets.size(), 1)),
        global_(op.groups.empty() && op.grouping_sets.empty()),
        pass_share_(op.aggregates.empty() ? kDistinctPassShare : kPassShare),
        budget_(SpillBudget(memory)) {}

  Result<std::unique_ptr<SinkLocalState>> MakeLocal() override {
    SLUICE_ASSIGN_OR_RAISE(std::unique_ptr<AggregateTable> table,
                           AggregateTable::Make(op_, memory_, /*defer_distinct=*/true));
    return std::unique_ptr<SinkLocalState>(std::make_unique<Local>(std::move(table), memory_));
  }
  Status Consume(ExpressionEvaluator& eval, SinkLocalState& local, size_t,
                 vector::Batch batch) override {
    Local& l = static_cast<Local&>(local);
    if (!l.spill && !l.passed) {
      // A global aggregate's one group cannot be split: it never spills.
      const bool take = global_ || l.table->Reserve(batch.num_rows() * sets_, budget_);
      Status taken = take ? l.table->Consume(eval, batch) : Status::OK();
      if (take && (global_ || !Full(taken))) {
        l.consumed += batch.num_rows() * sets_;
        if (l.consumed >= kSampleRows && l.table->size() > pass_share_ * l.consumed)
          l.passed = std::make_unique<PartitionedRows>(l.table->row_schema(), kPartitionBits);
        return taken;
      }
      l.spill = std::make_unique<PartitionedSpill>(ex_.temp_directory(), l.table->row_schema(), 0);
      if (take) return Status::OK();
    }
    std::vector<vector::Batch> rows;
    SLUICE_RETURN_NOT_OK(l.table->ToRows(eval, batch, rows));
    for (const vector::Batch& r : rows) {
      l.table->HashGroups(r, l.hashes);
      if (!l.spill) {
        SLUICE_RETURN_NOT_OK(l.passed->Append(r, l.hashes));
        if (l.passed_memory.TryHold(l.passed->memory_bytes(), budget_)) continue;
        // Over the budget: these rows and the later ones are spilled.
        l.spill =
            std::make_unique<PartitionedSpill>(ex_.temp_directory(), l.table->row_schema(), 0);
        SLUICE_RETURN_NOT_OK(SpillPassed(*l.table, *l.passed, *l.spill));
        l.passed.reset();
        continue;
      }
      SLUICE_RETURN_NOT_OK(l.spill->Append(r, l.hashes));
    }
    return Status::OK();
  }
  Status Combine(std::unique_ptr<SinkLocalState> local) override {
    Local& l = static_cast<Local&>(*local);
    if (l.passed) passed_.push_back({std::move(l.passed), std::move(l.passed_memory)});
    workers_.push_back(std::move(l.table));
    if (l.spill) spills_.push_back(std::move(l.spill));
    return Status::OK();
  }
  Result<BatchStore> Finish() override {
    BatchStore out;
    if (!spills_.empty() && !passed_.empty()) {
      // Some workers spilled: the rows others passed by are spilled as well.
      auto spill =
          std::make_unique<PartitionedSpill>(ex_.temp_directory(), workers_[0]->row_schema(), 0);
      for (Passed& p : passed_) SLUICE_RETURN_NOT_OK(SpillPassed(*workers_[0], *p.rows, *spill));
      passed_.clear();
      spills_.push_back(std::move(spill));
    }
    if (!spills_.empty()) {
      for (const std::unique_ptr<PartitionedSpill>& s : spills_) {
        SLUICE_RETURN_NOT_OK(s->FinishWriting());
        spilled_bytes_ += s->bytes();
      }
      output_ = std::make_unique<RowSpiller>(memory_, ex_.temp_directory(), SpillBudget(memory_));
      SLUICE_RETURN_NOT_OK(FinishSpilled(std::move(workers_), std::move(spills_), 0, out));
      SLUICE_RETURN_NOT_OK(output_->Finish());
      ex_.RecordSpill(shown_, spilled_bytes_ + output_->spilled_bytes());
      return out;
    }
    BatchList rows;
    if (workers_.size() == 1 && !workers_[0]->defers_distinct() && passed_.empty()) {
      results_ = std::move(workers_);
      // A global aggregate has one group even without input rows.
      if (global_ && results_[0]->size() == 0) SLUICE_RETURN_NOT_OK(results_[0]->AddEmptyGroup());
      // The rows may point into the result table: results_ holds it and its memory.
      SLUICE_RETURN_NOT_OK(Emit(results_, rows, /*share_strings=*/true));
      return BatchStore(std::move(rows));
    }
    // Each partition's table is emitted as soon as it is merged and dropped, so that the
    // merged tables do not all exist at once beside their rows.
    std::vector<BatchList> outs;
    SLUICE_RETURN_NOT_OK(
        MergePartitions(std::move(workers_), 0, std::move(passed_), outs, [&](size_t p, Table t) {
          // A global aggregate has one group even without input rows (and one partition).
          if (global_ && t->size() == 0) SLUICE_RETURN_NOT_OK(t->AddEmptyGroup());
          SLUICE_RETURN_NOT_OK(t->Emit(ctx_, outs[p], /*share_strings=*/true));
          // The rows outlive the table: what they keep is held until the sink goes.
          const size_t kept = MemoryBytes(outs[p]) + t->shared_string_bytes();
          t.reset();
          return emitted_memory_[p].Hold(kept);
        }));
    for (BatchList& part : outs)
      for (vector::Batch& b : part) rows.push_back(std::move(b));
    return BatchStore(std::move(rows));
  }

 private:
  struct Local : SinkLocalState {
    Local(std::unique_ptr<AggregateTable> t, memory::MemoryTracker& memory)
        : table(std::move(t)), passed_memory(memory) {}
    std::unique_ptr<AggregateTable> table;
    size_t consumed = 0;                      // rows the table aggregated
    std::unique_ptr<PartitionedRows> passed;  // once its groups barely repeat
    HeldMemory passed_memory;                 // what `passed` holds
    std::unique_ptr<PartitionedSpill> spill;  // once the table (or `passed`) is full
    std::vector<uint64_t> hashes;             // of the rows being passed or spilled
  };
  // The rows a worker passed by (and the memory held for them).
  struct Passed {
    std::unique_ptr<PartitionedRows> rows;
    HeldMemory memory;
  };

  // Whether a table took a batch but then held more than it could reserve (its groups cost
  // more than Reserve foresaw): it is full, and what follows is spilled.
  static bool Full(const Status& taken) { return taken.code() == StatusCode::kOutOfMemory; }

  static Status Spill(const AggregateTable& table, const vector::Batch& rows,
                      std::vector<uint64_t>& hashes, PartitionedSpill& spill) {
    table.HashGroups(rows, hashes);
    return spill.Append(rows, hashes);
  }
  // Spills (and drops) the rows of `passed`.
  static Status SpillPassed(const AggregateTable& table, PartitionedRows& passed,
                            PartitionedSpill& spill) {
    std::vector<uint64_t> hashes;
    for (size_t p = 0; p < passed.partitions(); ++p) {
      for (const vector::Batch& b : passed.partition(p))
        SLUICE_RETURN_NOT_OK(Spill(table, b, hashes, spill));
      passed.Clear(p);
    }
    return Status::OK();
  }

  // The tables (none of whose rows were spilled) merged, by partition of their groups' hash
  // bits below `shift` when they hold many groups: the result tables.
  Result<Tables> Merge(Tables tables, int shift) {
    if (tables.size() == 1 && !tables[0]->defers_distinct()) return tables;
    Tables results(size_t{1} << kPartitionBits);
    std::vector<BatchList> unused;
    SLUICE_RETURN_NOT_OK(
        MergePartitions(std::move(tables), shift, {}, unused, [&](size_t p, Table t) {
          results[p] = std::move(t);
          return Status::OK();
        }));
    results.resize(unused.size());
    return results;
  }

  // Merges the tables as Merge does, with the rows `passed` (at shift 0), and gives each
  // partition's table to done(p, table) on the thread that made it. `outs` (and, here,
  // emitted_memory_) get one element per partition first.
  template <typename Done>
  Status MergePartitions(Tables tables, int shift, std::vector<Passed> passed,
                         std::vector<BatchList>& outs, Done&& done) {
    size_t groups = 0;
    for (const Table& t : tables) groups += t->size();
    const int bits = groups >= kPartitionedGroups || !passed.empty() ? kPartitionBits : 0;
    const size_t partitions = size_t{1} << bits;
    outs.resize(partitions);
    while (emitted_memory_.size() < partitions) emitted_memory_.emplace_back(memory_);
    parallel::ThreadPool& pool = parallel::ThreadPool::Default();
    std::vector<AggregateTable::Partitioning> parts(tables.size());
    SLUICE_RETURN_NOT_OK(pool.ForEach(tables.size(), [&](size_t t) {
      parts[t] = tables[t]->Partition(bits, shift);
      return Status::OK();
    }));
    return pool.ForEach(partitions, [&](size_t p) -> Status {
      SLUICE_ASSIGN_OR_RAISE(Table result,
                             AggregateTable::Make(op_, memory_, /*defer_distinct=*/false));
      for (size_t t = 0; t < tables.size(); ++t)
        SLUICE_RETURN_NOT_OK(result->Merge(*tables[t], parts[t], p));
      for (Passed& rows : passed) {
        const BatchList& part = rows.rows->partition(p);
        for (size_t b = 0; b < part.size(); ++b)
          SLUICE_RETURN_NOT_OK(result->ConsumeRows(part[b], rows.rows->hashes(p, b)));
        rows.rows->Clear(p);  // what the table needs of them it keeps
      }
      return done(p, std::move(result));
    });
  }

  // Appends the result tables' rows to `out` (emitted in parallel, in partition order).
  Status Emit(Tables& results, BatchList& out, bool share_strings) {
    std::vector<BatchList> outs(results.size());
    SLUICE_RETURN_NOT_OK(parallel::ThreadPool::Default().ForEach(
        results.size(), [&](size_t p) { return results[p]->Emit(ctx_, outs[p], share_strings); }));
    for (BatchList& part : outs)
      for (vector::Batch& b : part) out.push_back(std::move(b));
    return Status::OK();
  }

  // Appends the rows of the groups in `tables` and `spills` (partitioned at `shift`) to
  // `out` through output_, one partition at a time (see the top of the file).
  Status FinishSpilled(Tables tables, Spills spills, int shift, BatchStore& out) {
    if (shift + kSpillBits > 64)
      return Status::OutOfMemory(
          "memory limit exceeded by hash aggregate: the groups of one hash partition do not fit "
          "even when spilled; raise --memory-limit or SET spark.sluice.memory.limit");
    std::vector<AggregateTable::Partitioning> parts(tables.size());
    for (size_t t = 0; t < tables.size(); ++t) parts[t] = tables[t]->Partition(kSpillBits, shift);
    for (size_t p = 0; p < size_t{1} << kSpillBits; ++p) {
      SLUICE_RETURN_NOT_OK(ctx_.CheckCancelled());
      SLUICE_ASSIGN_OR_RAISE(std::unique_ptr<AggregateTable> table,
                             AggregateTable::Make(op_, memory_, /*defer_distinct=*/true));
      for (size_t t = 0; t < tables.size(); ++t)
        SLUICE_RETURN_NOT_OK(table->Merge(*tables[t], parts[t], p));
      const int64_t budget = SpillBudget(memory_);
      std::unique_ptr<PartitionedSpill> again;
      for (const std::unique_ptr<PartitionedSpill>& spill : spills) {
        const SpillFile* file = spill->file(p);
        for (size_t b = 0; file != nullptr && b < file->block_count(); ++b) {
          SLUICE_ASSIGN_OR_RAISE(vector::Batch rows, file->Read(b));
          const bool take = !again && table->Reserve(rows.num_rows(), budget);
          Status taken = take ? table->ConsumeRows(rows) : Status::OK();
          if (take && !Full(taken)) {
            SLUICE_RETURN_NOT_OK(taken);
            continue;
          }
          if (!again)
            again = std::make_unique<PartitionedSpill>(ex_.temp_directory(), table->row_schema(),
                                                       shift + kSpillBits);
          if (!take) SLUICE_RETURN_NOT_OK(Spill(*table, rows, hashes_, *again));
        }
      }
      Tables level;
      level.push_back(std::move(table));
      if (again) {
        SLUICE_RETURN_NOT_OK(again->FinishWriting());
        spilled_bytes_ += again->bytes();
        Spills next;
        next.push_back(std::move(again));
        SLUICE_RETURN_NOT_OK(
            FinishSpilled(std::move(level), std::move(next), shift + kSpillBits, out));
        continue;
      }
      SLUICE_ASSIGN_OR_RAISE(Tables results, Merge(std::move(level), shift + kSpillBits));
      BatchList rows;
      // Copied: the tables go before their rows.
      SLUICE_RETURN_NOT_OK(Emit(results, rows, /*share_strings=*/false));
      results.clear();
      // The rows emitted outlive their table: held by the sink, or spilled when they do not fit.
      for (vector::Batch& b : rows) SLUICE_RETURN_NOT_OK(output_->Add(std::move(b), out));
    }
    return Status::OK();
  }

  Executor& ex_;
  const plan::LogicalOperator& op_;
  const plan::LogicalOperator& shown_;
  const functions::FunctionContext& ctx_;
  memory::MemoryTracker& memory_;
  const size_t sets_;        // grouping sets: rows each input row adds
  const bool global_;        // one group, whatever the input
  const double pass_share_;  // of new groups past which a worker passes its rows by
  const int64_t budget_;     // of the worker tables
  std::vector<std::unique_ptr<AggregateTable>> workers_;
  Spills spills_;               // of the workers that spilled
  std::vector<Passed> passed_;  // of the workers that passed their rows by
  // The result: one table per partition (they hold the memory of the rows they emit).
  std::vector<std::unique_ptr<AggregateTable>> results_;
  // What the rows emitted from each partition's table (dropped since) keep alive.
  std::vector<HeldMemory> emitted_memory_;
  // Holds (or spills) the rows emitted from partitions that spilled (their tables are gone).
  std::unique_ptr<RowSpiller> output_;
  uint64_t spilled_bytes_ = 0;
  std::vector<uint64_t> hashes_;  // of the rows FinishSpilled spills again
};

}  // namespace

Result<std::unique_ptr<PipelineSink>> MakeAggregateSink(Executor& ex,
                                                        const plan::LogicalOperator& op,
                                                        const plan::LogicalOperator& shown,
                                                        memory::MemoryTracker& memory) {
  return std::unique_ptr<PipelineSink>(std::make_unique<AggregateSink>(ex, op, shown, memory));
}

}  // namespace sluice::exec
