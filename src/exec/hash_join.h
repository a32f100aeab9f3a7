// Hash join: the right input built once into a table of its rows by key, then probed one
// left batch at a time (a pipeline step, so left batches are probed on every worker at
// once). Equality conjuncts between a left-only and a right-only expression become the
// keys (NULL keys never match); without any, every right row is a candidate (nested
// loop). Candidate pairs are gathered into batches of the combined row (left columns, then
// right) and the rest of the condition filters them. A probe emits the inner rows, or for
// left, semi and anti joins its left rows' outcome; right rows' matches are marked for the
// right, full, right semi and right anti forms, whose right rows' outcome comes last (right
// semi and anti: the optimizer's semi and anti joins that build their left side, see
// join_order.cc). The table reserves for what it holds (the right rows, their keys and index)
// as it is built, until it is destroyed. Built once, then read-only but for the right rows'
// marks (atomic flags): probes may run on several threads at once.
// A right side too big for memory is joined by a grace join (grace_join.h) through tables of
// its partitions.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

#include "exec/executor.h"
#include "exec/expression_evaluator.h"
#include "exec/held_memory.h"
#include "exec/key_table.h"

namespace sluice::exec {

// A join's condition split: equality conjuncts between a left-only and a right-only expression
// are the keys (the right ones reading the right row's columns from 0), the rest residual.
struct JoinKeys {
  std::vector<plan::ExprPtr> left, right, residual;
};
JoinKeys SplitJoinCondition(const plan::LogicalOperator& join);

class JoinHashTable {
 public:
  static Result<std::unique_ptr<JoinHashTable>> Build(ExpressionEvaluator& eval,
                                                      const plan::LogicalOperator& join,
                                                      BatchList right,
                                                      memory::MemoryTracker& memory);

  // The output rows the left batch `left` (without selection) contributes, to `emit`.
  Status Probe(ExpressionEvaluator& eval, const vector::Batch& left,
               const std::function<Status(vector::Batch)>& emit);
  // Probe in two halves, for left rows probed against several tables (a grace join's chunks):
  // the combined rows `left` makes with this table's (none for semi and anti joins) to `emit`,
  // setting `left_matched[r]` (sized to the batch) for each left row r that matched...
  Status ProbeMatches(ExpressionEvaluator& eval, const vector::Batch& left,
                      const std::function<Status(vector::Batch)>& emit,
                      std::vector<bool>& left_matched);
  // ...then, once, the left rows' own output: semi joins' matched rows, anti joins' unmatched
  // ones, left and full joins' unmatched ones NULL-extended.
  Status EmitLeftOutcome(const vector::Batch& left, const std::vector<bool>& left_matched,
                         const std::function<Status(vector::Batch)>& emit) const;
  // After every probe: right and full joins' right rows nothing matched, NULL-extended; right
  // semi joins' matched right rows, right anti joins' unmatched ones.
  Status EmitUnmatchedRight(const std::function<Status(vector::Batch)>& emit) const;

  // What a table of `rows` right rows holding `bytes` with `keys` key columns would reserve
  // (an estimate of Build's, to choose a grace join before building).
  static size_t EstimateBytes(size_t bytes, uint64_t rows, size_t keys);

 private:
  struct RowRef {
    uint32_t batch, row;
  };
  JoinHashTable(const plan::LogicalOperator& join, BatchList right, KeyTable keys,
                memory::MemoryTracker& memory);
  // Records that a pair matched.
  void Mark(std::vector<bool>& left_matched, uint32_t left_row, RowRef right_row);
  // Left rows `rows` of `left`, NULL-extended to the output row.
  Result<vector::Batch> LeftOnly(const vector::Batch& left,
                                 const std::vector<uint32_t>& rows) const;

  const plan::LogicalOperator& join_;
  size_t left_width_ = 0, right_width_ = 0;
  std::shared_ptr<const types::Schema> combined_schema_, out_schema_;
  std::vector<plan::ExprPtr> left_keys_, residual_;
  BatchList right_;
  KeyTable keys_;
  std::vector<std::vector<RowRef>> rows_of_key_;
  std::vector<RowRef> all_right_;  // without keys
  bool keep_left_only_ = false, keep_right_only_ = false, semi_ = false, anti_ = false;
  bool right_semi_ = false;
  bool mark_right_ = false;  // right, full, right semi and right anti joins
  bool emit_pairs_ = false;  // the matched pairs are output rows (not semi or anti joins)
  // Set by probes on any thread (relaxed: read once every probe is done).
  std::vector<std::vector<std::atomic<bool>>> right_matched_;
  HeldMemory held_;
};

}  // namespace sluice::exec
