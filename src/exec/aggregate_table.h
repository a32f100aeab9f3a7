// AggregateTable: a hash aggregate's groups (a GroupTable of the group columns and, with
// grouping sets, the grouping set's position; a global aggregate's one key is that position
// too) and each aggregate's states (functions::AggregateStates, indexed by group id). A worker
// aggregates its morsels into its own table; after the pipeline the worker tables are split by the
// hash of the group keys into partitions, and each partition of every worker merges into one table
// of that partition (see aggregate_sink.cc). A DISTINCT aggregate's worker tables only collect
// their distinct (group, values) pairs, which update the merged state the first time the merged
// table sees them. Grouping sets aggregate every input row once per set with the columns outside
// the set as NULL, and a trailing grouping-id column (bit set = column not grouped, Spark's order).
// Each table reserves for what it holds after every batch (and the result as it is made).
// Under a memory budget a table can refuse a batch (Reserve); the sink then spills the
// batch's rows (ToRows: the keys, grouping set and arguments each aggregate takes, per
// grouping set) and aggregates them later (ConsumeRows) in a table of their partition.
// Not thread-safe to change; Partition and the merges that read a table may run at once.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "exec/executor.h"
#include "exec/expression_evaluator.h"
#include "exec/group_table.h"
#include "exec/held_memory.h"
#include "exec/key_table.h"
#include "functions/aggregate_states.h"

namespace sluice::exec {

class AggregateTable {
 public:
  // `defer_distinct`: a worker's table, whose DISTINCT aggregates only collect values.
  static Result<std::unique_ptr<AggregateTable>> Make(const plan::LogicalOperator& op,
                                                      memory::MemoryTracker& memory,
                                                      bool defer_distinct);

  size_t size() const { return groups_.size(); }
  // Whether merging is needed to finish its DISTINCT aggregates.
  bool defers_distinct() const;

  Status Consume(ExpressionEvaluator& eval, const vector::Batch& in);

  // Reserves for `new_groups` more groups (and the arrays' growth they may cause) if the
  // operator's tracker then stays within `budget`; false otherwise.
  bool Reserve(size_t new_groups, int64_t budget);
  // The rows of `in` as this table aggregates them, one batch per grouping set, of
  // row_schema(): the group columns (NULL outside the set), the set's position (when the
  // table keys it), then each aggregate's arguments and its FILTER's value (when it has one).
  Status ToRows(ExpressionEvaluator& eval, const vector::Batch& in,
                std::vector<vector::Batch>& out) const;
  const std::shared_ptr<const types::Schema>& row_schema() const { return row_schema_; }
  // hashes[r]: the hash of row r's group (as the table hashes it) in a batch of ToRows.
  void HashGroups(const vector::Batch& rows, std::vector<uint64_t>& hashes) const;
  // Aggregates a batch of ToRows (all its rows: it has no selection), whose groups' hashes
  // (as HashGroups makes them) may be given.
  Status ConsumeRows(const vector::Batch& rows, const uint64_t* hashes = nullptr);

  // Its groups (and DISTINCT pairs) split into 2^bits partitions by the keys' hash (the bits
  // below the top `shift` ones).
  struct Partitioning {
    std::vector<std::vector<uint32_t>> groups;  // [partition] group ids
    std::vector<uint32_t> position;             // [group] its index in groups[partition]
    std::vector<std::vector<std::vector<uint32_t>>> pairs;  // [aggregate][partition]
  };
  Partitioning Partition(int bits, int shift = 0) const;
  // Adds partition `p` of `other` (a worker's table) to this one.
  Status Merge(const AggregateTable& other, const Partitioning& parts, size_t p);

  // A global aggregate's one group when there were no rows.
  Status AddEmptyGroup();
  // Appends the result rows. With `share_strings` their string keys point into this table's
  // (kept alive by the rows, but counted only as long as this table is held).
  Status Emit(const functions::FunctionContext& ctx, BatchList& out, bool share_strings);
  // What rows emitted with `share_strings` keep alive of this table once it is gone.
  size_t shared_string_bytes() const { return groups_.string_bytes(); }

 private:
  struct Slot {
    const plan::AggregateCall* call;
    std::unique_ptr<functions::AggregateStates> states;
    // DISTINCT only: the (group, argument values) pairs seen, in one table for all groups.
    std::optional<KeyTable> distinct_seen;
  };

  AggregateTable(const plan::LogicalOperator& op, GroupTable groups, memory::MemoryTracker& memory,
                 bool defer_distinct);
  size_t memory_bytes() const;
  // The group columns, and the set's position when it is a key.
  size_t key_columns() const { return op_.groups.size() + (set_key_ ? 1 : 0); }
  // Makes states for the groups added.
  void ResizeStates();
  // Rows rows[i] (or [0, count) when null) of `args`, row r in group groups[r], into a
  // DISTINCT aggregate: each (group, values) pair the first time it is seen (only
  // collected in a worker's table).
  Status UpdateDistinct(Slot& slot, const std::vector<const vector::Vector*>& args,
                        const std::vector<uint32_t>& groups, const uint32_t* rows, size_t count);

  const plan::LogicalOperator& op_;
  std::vector<std::vector<size_t>> sets_;
  const bool set_key_;  // whether the set's position is a key column
  GroupTable groups_;
  const bool defer_distinct_;
  std::vector<Slot> slots_;
  std::shared_ptr<const types::Schema> row_schema_;
  HeldMemory held_;
  // Reused per batch.
  std::vector<uint32_t> group_ids_, selection_, fresh_, pair_ids_;
};

}  // namespace sluice::exec
