// Hash aggregation as a pipeline sink: each worker aggregates its morsels into its own
// table (groups in a KeyTable, one state per group and aggregate), then the tables merge
// into one (states merge; a DISTINCT aggregate's workers only collect their distinct
// (group, values) pairs, which update the merged state the first time the merged table
// sees them).
// Grouping sets aggregate every input row once per set with the columns outside the set
// as NULL, and a trailing grouping-id column (bit set = column not grouped, Spark's order).
// Each table reserves for what it holds after every batch (and the result as it is made).
#include <memory>
#include <optional>

#include "exec/held_memory.h"
#include "exec/key_table.h"
#include "exec/pipeline.h"
#include "functions/kernel_util.h"
#include "vector/vector_ops.h"

namespace sluice::exec {

using vector::Vector;

namespace {

struct AggregateSlot {
  const plan::AggregateCall* call;
  std::vector<std::unique_ptr<functions::AggregateState>> states;  // per group
  // DISTINCT only: the (group, argument values) pairs seen, in one table for all groups.
  std::optional<KeyTable> distinct_seen;
};

// The grouping sets as positions in op.groups (one set of all of them for GROUP BY).
std::vector<std::vector<size_t>> GroupingSets(const plan::LogicalOperator& op) {
  if (!op.grouping_sets.empty()) return op.grouping_sets;
  std::vector<size_t> all;
  for (size_t i = 0; i < op.groups.size(); ++i) all.push_back(i);
  return {all};
}

class HashAggregation : public SinkLocalState {
 public:
  // `defer_distinct`: a worker's table, whose DISTINCT aggregates only collect values.
  static Result<std::unique_ptr<HashAggregation>> Make(const plan::LogicalOperator& op,
                                                       memory::MemoryTracker& memory,
                                                       bool defer_distinct) {
    std::vector<types::LogicalType> key_types;
    for (const plan::ExprPtr& g : op.groups) key_types.push_back(g->result_type);
    // The grouping set's position, not its grouping id: a set listed twice (GROUP BY a,
    // CUBE(a)) aggregates twice, as in Spark.
    key_types.push_back(types::TypeId::kBigInt);
    SLUICE_ASSIGN_OR_RAISE(KeyTable groups, KeyTable::Make(key_types));
    auto table = std::unique_ptr<HashAggregation>(
        new HashAggregation(op, std::move(groups), memory, defer_distinct));
    for (const plan::AggregateCall& call : op.aggregates) {
      AggregateSlot slot{&call, {}, std::nullopt};
      if (call.info.distinct) {
        std::vector<types::LogicalType> types = {types::TypeId::kInt};
        for (const plan::ExprPtr& a : call.args) types.push_back(a->result_type);
        SLUICE_ASSIGN_OR_RAISE(slot.distinct_seen, KeyTable::Make(types));
      }
      table->slots_.push_back(std::move(slot));
    }
    return table;
  }

  // The bytes of its keys, DISTINCT values and states (each state estimated: what a
  // collect_list or percentile state gathers beyond that is not counted).
  size_t memory_bytes() const {
    constexpr size_t kStateBytes = 32;
    size_t bytes = groups_.memory_bytes();
    for (const AggregateSlot& slot : slots_) {
      bytes += slot.states.capacity() * sizeof(slot.states[0]) + slot.states.size() * kStateBytes;
      if (slot.distinct_seen) bytes += slot.distinct_seen->memory_bytes();
    }
    return bytes;
  }

  // Whether merging is needed to finish its DISTINCT aggregates.
  bool defers_distinct() const {
    if (!defer_distinct_) return false;
    for (const AggregateSlot& slot : slots_)
      if (slot.call->info.distinct) return true;
    return false;
  }

  Status Consume(ExpressionEvaluator& eval, const vector::Batch& in) {
    const size_t rows = in.num_rows();
    std::vector<Vector> group_values;
    for (const plan::ExprPtr& g : op_.groups) {
      SLUICE_ASSIGN_OR_RAISE(Vector v, eval.Evaluate(*g, in, rows));
      group_values.push_back(std::move(v));
    }
    std::vector<std::vector<Vector>> args(slots_.size());
    std::vector<std::optional<Vector>> filters(slots_.size());
    for (size_t s = 0; s < slots_.size(); ++s) {
      for (const plan::ExprPtr& a : slots_[s].call->args) {
        SLUICE_ASSIGN_OR_RAISE(Vector v, eval.Evaluate(*a, in, rows));
        args[s].push_back(std::move(v));
      }
      if (slots_[s].call->filter) {
        SLUICE_ASSIGN_OR_RAISE(Vector v, eval.Evaluate(*slots_[s].call->filter, in, rows));
        filters[s] = std::move(v);
      }
    }
    std::vector<std::vector<const Vector*>> arg_ptrs(slots_.size());
    for (size_t s = 0; s < slots_.size(); ++s)
      for (const Vector& v : args[s]) arg_ptrs[s].push_back(&v);

    std::vector<uint32_t> group_ids;
    for (size_t set_index = 0; set_index < sets_.size(); ++set_index) {
      const std::vector<size_t>& set = sets_[set_index];
      // Columns outside the set read as NULL.
      std::vector<Vector> nulls;
      std::vector<const Vector*> keys(op_.groups.size() + 1);
      nulls.reserve(op_.groups.size() + 1);
      for (size_t g = 0; g < op_.groups.size(); ++g) {
        if (std::find(set.begin(), set.end(), g) != set.end()) {
          keys[g] = &group_values[g];
        } else {
          SLUICE_ASSIGN_OR_RAISE(
              Vector v, Vector::Make(op_.groups[g]->result_type, std::max<size_t>(rows, 1)));
          for (size_t r = 0; r < rows; ++r) v.SetNull(r);
          v.MarkConstant();
          nulls.push_back(std::move(v));
          keys[g] = &nulls.back();
        }
      }
      SLUICE_ASSIGN_OR_RAISE(Vector id_column,
                             Vector::Make(types::TypeId::kBigInt, std::max<size_t>(rows, 1)));
      for (size_t r = 0; r < rows; ++r)
        id_column.data<int64_t>()[r] = static_cast<int64_t>(set_index);
      id_column.MarkConstant();  // lets KeyTable key a dictionary column by its codes
      keys[op_.groups.size()] = &id_column;

      const size_t known = groups_.size();
      SLUICE_RETURN_NOT_OK(groups_.FindOrInsertAll(keys, rows, group_ids));
      AddStates(groups_.size() - known);
      SLUICE_ASSIGN_OR_RAISE(Vector group_column, GroupColumn(group_ids));
      for (size_t s = 0; s < slots_.size(); ++s) {
        for (size_t r = 0; r < rows; ++r) {
          if (filters[s] && (filters[s]->IsNull(r) || !filters[s]->data<bool>()[r])) continue;
          if (slots_[s].call->bound.skip_null_rows) {
            bool any_null = false;
            for (const Vector* a : arg_ptrs[s]) any_null |= a->IsNull(r);
            if (any_null) continue;
          }
          SLUICE_RETURN_NOT_OK(Update(slots_[s], group_ids[r], group_column, arg_ptrs[s], r));
        }
      }
    }
    return held_.Hold(memory_bytes());
  }

  // Adds everything `other` (a worker's table) aggregated.
  Status Merge(HashAggregation& other) {
    std::vector<const Vector*> keys;
    for (const Vector& c : other.groups_.columns()) keys.push_back(&c);
    std::vector<uint32_t> group_of(other.groups_.size());  // their group -> mine
    for (size_t g = 0; g < other.groups_.size(); ++g) {
      SLUICE_ASSIGN_OR_RAISE(group_of[g], FindOrAddGroup(keys, g));
      for (size_t s = 0; s < slots_.size(); ++s)
        if (!slots_[s].distinct_seen || !other.defer_distinct_)
          slots_[s].states[group_of[g]]->Merge(*other.slots_[s].states[g]);
    }
    if (!other.defer_distinct_) return held_.Hold(memory_bytes());
    for (size_t s = 0; s < slots_.size(); ++s) {
      if (!slots_[s].distinct_seen) continue;
      // Their (group, values) pairs, with the groups renumbered as mine.
      const KeyTable& pairs = *other.slots_[s].distinct_seen;
      const int32_t* their_groups = pairs.columns()[0].data<int32_t>();
      std::vector<uint32_t> groups(pairs.size());
      for (size_t v = 0; v < pairs.size(); ++v) groups[v] = group_of[their_groups[v]];
      SLUICE_ASSIGN_OR_RAISE(Vector group_column, GroupColumn(groups));
      std::vector<const Vector*> values;
      for (size_t c = 1; c < pairs.columns().size(); ++c) values.push_back(&pairs.columns()[c]);
      for (size_t v = 0; v < pairs.size(); ++v)
        SLUICE_RETURN_NOT_OK(Update(slots_[s], groups[v], group_column, values, v));
    }
    return held_.Hold(memory_bytes());
  }

  Result<BatchList> Finish(const functions::FunctionContext& ctx) {
    // A global aggregate has one group even without input rows.
    if (op_.groups.empty() && op_.grouping_sets.empty() && groups_.size() == 0) {
      SLUICE_ASSIGN_OR_RAISE(Vector zero, Vector::Make(types::TypeId::kBigInt, 1));
      zero.data<int64_t>()[0] = 0;
      SLUICE_RETURN_NOT_OK(FindOrAddGroup({&zero}, 0).status());
    }
    std::vector<int64_t> grouping_ids;
    for (const std::vector<size_t>& set : sets_) {
      int64_t id = 0;
      for (size_t g = 0; g < op_.groups.size(); ++g)
        if (std::find(set.begin(), set.end(), g) == set.end())
          id |= int64_t{1} << (op_.groups.size() - 1 - g);
      grouping_ids.push_back(id);
    }
    auto schema = std::make_shared<const types::Schema>(op_.output);
    BatchList out;
    const size_t table_bytes = memory_bytes();
    size_t out_bytes = 0;
    for (size_t start = 0; start < groups_.size(); start += vector::kVectorSize) {
      const size_t n = std::min(vector::kVectorSize, groups_.size() - start);
      SLUICE_ASSIGN_OR_RAISE(vector::Batch batch, vector::Batch::Make(schema, n));
      size_t column = 0;
      for (size_t g = 0; g < op_.groups.size(); ++g, ++column)
        for (size_t i = 0; i < n; ++i)
          SLUICE_RETURN_NOT_OK(
              vector::CopyRow(groups_.columns()[g], start + i, batch.column(column), i));
      for (AggregateSlot& slot : slots_) {
        for (size_t i = 0; i < n; ++i)
          SLUICE_RETURN_NOT_OK(slot.states[start + i]->Finalize(ctx, batch.column(column), i));
        ++column;
      }
      if (!op_.grouping_sets.empty()) {
        const Vector& set_index = groups_.columns()[op_.groups.size()];
        for (size_t i = 0; i < n; ++i)
          functions::Set<int64_t>(batch.column(column), i,
                                  grouping_ids[set_index.data<int64_t>()[start + i]]);
      }
      batch.set_num_rows(n);
      out_bytes += MemoryBytes(batch);
      out.push_back(std::move(batch));
      SLUICE_RETURN_NOT_OK(held_.Hold(table_bytes + out_bytes));
    }
    return out;
  }

 private:
  HashAggregation(const plan::LogicalOperator& op, KeyTable groups, memory::MemoryTracker& memory,
                  bool defer_distinct)
      : op_(op),
        sets_(GroupingSets(op)),
        groups_(std::move(groups)),
        defer_distinct_(defer_distinct),
        held_(memory) {}

  Result<uint32_t> FindOrAddGroup(const std::vector<const Vector*>& keys, size_t row) {
    bool inserted = false;
    SLUICE_ASSIGN_OR_RAISE(uint32_t group, groups_.FindOrInsert(keys, row, &inserted));
    if (inserted) AddStates(1);
    return group;
  }

  // States for `count` new groups.
  void AddStates(size_t count) {
    for (AggregateSlot& slot : slots_)
      for (size_t i = 0; i < count; ++i) slot.states.push_back(slot.call->bound.make_state());
  }

  // The group ids as an INT column (a DISTINCT aggregate's key starts with it).
  static Result<Vector> GroupColumn(const std::vector<uint32_t>& groups) {
    SLUICE_ASSIGN_OR_RAISE(Vector column,
                           Vector::Make(types::TypeId::kInt, std::max<size_t>(groups.size(), 1)));
    for (size_t r = 0; r < groups.size(); ++r)
      column.data<int32_t>()[r] = static_cast<int32_t>(groups[r]);
    return column;
  }

  // Row `row` of `args` into the group's state; a DISTINCT aggregate's only when the
  // (group, values) pair is new (and then, in a worker's table, only collected).
  // `group_column` holds `group` at `row`.
  Status Update(AggregateSlot& slot, uint32_t group, const Vector& group_column,
                const std::vector<const Vector*>& args, size_t row) {
    if (slot.distinct_seen) {
      std::vector<const Vector*> key = {&group_column};
      key.insert(key.end(), args.begin(), args.end());
      bool fresh = false;
      SLUICE_RETURN_NOT_OK(slot.distinct_seen->FindOrInsert(key, row, &fresh).status());
      if (!fresh || defer_distinct_) return Status::OK();
    }
    slot.states[group]->Update(args, row);
    return Status::OK();
  }

  const plan::LogicalOperator& op_;
  std::vector<std::vector<size_t>> sets_;
  KeyTable groups_;
  const bool defer_distinct_;
  std::vector<AggregateSlot> slots_;
  HeldMemory held_;
};

class AggregateSink : public PipelineSink {
 public:
  AggregateSink(const plan::LogicalOperator& op, const functions::FunctionContext& ctx,
                memory::MemoryTracker& memory)
      : op_(op), ctx_(ctx), memory_(memory) {}

  Result<std::unique_ptr<SinkLocalState>> MakeLocal() override {
    SLUICE_ASSIGN_OR_RAISE(std::unique_ptr<HashAggregation> table,
                           HashAggregation::Make(op_, memory_, /*defer_distinct=*/true));
    return std::unique_ptr<SinkLocalState>(std::move(table));
  }
  Status Consume(ExpressionEvaluator& eval, SinkLocalState& local, size_t,
                 vector::Batch batch) override {
    return static_cast<HashAggregation&>(local).Consume(eval, batch);
  }
  Status Combine(std::unique_ptr<SinkLocalState> local) override {
    auto& table = static_cast<HashAggregation&>(*local);
    // The first worker's table becomes the result when nothing needs redoing.
    if (!merged_ && !table.defers_distinct()) {
      merged_.reset(static_cast<HashAggregation*>(local.release()));
      return Status::OK();
    }
    SLUICE_RETURN_NOT_OK(EnsureMerged());
    return merged_->Merge(table);
  }
  Result<BatchList> Finish() override {
    SLUICE_RETURN_NOT_OK(EnsureMerged());
    return merged_->Finish(ctx_);
  }

 private:
  Status EnsureMerged() {
    if (merged_) return Status::OK();
    SLUICE_ASSIGN_OR_RAISE(merged_, HashAggregation::Make(op_, memory_, /*defer_distinct=*/false));
    return Status::OK();
  }

  const plan::LogicalOperator& op_;
  const functions::FunctionContext& ctx_;
  memory::MemoryTracker& memory_;
  std::unique_ptr<HashAggregation> merged_;
};

}  // namespace

Result<std::unique_ptr<PipelineSink>> MakeAggregateSink(Executor& ex,
                                                        const plan::LogicalOperator& op,
                                                        memory::MemoryTracker& memory) {
  return std::unique_ptr<PipelineSink>(std::make_unique<AggregateSink>(op, ex.context(), memory));
}

}  // namespace sluice::exec
