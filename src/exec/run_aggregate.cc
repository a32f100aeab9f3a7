// Hash aggregation: groups found in a KeyTable, one state per (group, aggregate); grouping
// sets aggregate every input row once per set with the columns outside the set as NULL,
// and a trailing grouping-id column (bit set = column not grouped, Spark's order).
#include <memory>

#include "exec/executor.h"
#include "exec/expression_evaluator.h"
#include "exec/key_table.h"
#include "functions/kernel_util.h"
#include "vector/vector_ops.h"

namespace sluice::exec {

using vector::Vector;

namespace {

struct AggregateSlot {
  const plan::AggregateCall* call;
  std::vector<std::unique_ptr<functions::AggregateState>> states;  // per group
  std::vector<KeyTable> distinct_seen;                             // per group, DISTINCT only
};

}  // namespace

Result<BatchList> RunAggregate(Executor& ex, const plan::LogicalOperator& op, BatchList input) {
  ExpressionEvaluator eval(ex, ex.context());
  const bool has_sets = !op.grouping_sets.empty();
  std::vector<std::vector<size_t>> sets = op.grouping_sets;
  if (!has_sets) {
    sets.emplace_back();
    for (size_t i = 0; i < op.groups.size(); ++i) sets.back().push_back(i);
  }
  std::vector<types::LogicalType> key_types;
  for (const plan::ExprPtr& g : op.groups) key_types.push_back(g->result_type);
  // The grouping set's position, not its grouping id: a set listed twice (GROUP BY a,
  // CUBE(a)) aggregates twice, as in Spark.
  key_types.push_back(types::TypeId::kBigInt);
  std::vector<int64_t> grouping_ids;
  for (const std::vector<size_t>& set : sets) {
    int64_t id = 0;
    for (size_t g = 0; g < op.groups.size(); ++g)
      if (std::find(set.begin(), set.end(), g) == set.end())
        id |= int64_t{1} << (op.groups.size() - 1 - g);
    grouping_ids.push_back(id);
  }
  SLUICE_ASSIGN_OR_RAISE(KeyTable groups, KeyTable::Make(key_types));

  std::vector<AggregateSlot> slots;
  for (const plan::AggregateCall& call : op.aggregates) slots.push_back({&call, {}, {}});

  auto new_group = [&]() -> Status {
    for (AggregateSlot& slot : slots) {
      slot.states.push_back(slot.call->bound.make_state());
      if (slot.call->info.distinct) {
        std::vector<types::LogicalType> types;
        for (const plan::ExprPtr& a : slot.call->args) types.push_back(a->result_type);
        SLUICE_ASSIGN_OR_RAISE(KeyTable seen, KeyTable::Make(types));
        slot.distinct_seen.push_back(std::move(seen));
      }
    }
    return Status::OK();
  };

  // A global aggregate has one group even without input rows.
  const bool global = op.groups.empty() && !has_sets;
  SLUICE_ASSIGN_OR_RAISE(Vector null_bigint, Vector::Make(types::TypeId::kBigInt, 1));
  null_bigint.SetNull(0);

  for (const vector::Batch& in : input) {
    const size_t rows = in.num_rows();
    std::vector<Vector> group_values;
    for (const plan::ExprPtr& g : op.groups) {
      SLUICE_ASSIGN_OR_RAISE(Vector v, eval.Evaluate(*g, in, rows));
      group_values.push_back(std::move(v));
    }
    std::vector<std::vector<Vector>> args(slots.size());
    std::vector<std::optional<Vector>> filters(slots.size());
    for (size_t s = 0; s < slots.size(); ++s) {
      for (const plan::ExprPtr& a : slots[s].call->args) {
        SLUICE_ASSIGN_OR_RAISE(Vector v, eval.Evaluate(*a, in, rows));
        args[s].push_back(std::move(v));
      }
      if (slots[s].call->filter) {
        SLUICE_ASSIGN_OR_RAISE(Vector v, eval.Evaluate(*slots[s].call->filter, in, rows));
        filters[s] = std::move(v);
      }
    }
    std::vector<std::vector<const Vector*>> arg_ptrs(slots.size());
    for (size_t s = 0; s < slots.size(); ++s)
      for (const Vector& v : args[s]) arg_ptrs[s].push_back(&v);

    for (size_t set_index = 0; set_index < sets.size(); ++set_index) {
      const std::vector<size_t>& set = sets[set_index];
      // Columns outside the set read as NULL.
      std::vector<Vector> nulls;
      std::vector<const Vector*> keys(op.groups.size() + 1);
      nulls.reserve(op.groups.size() + 1);
      for (size_t g = 0; g < op.groups.size(); ++g) {
        const bool kept = std::find(set.begin(), set.end(), g) != set.end();
        if (kept) {
          keys[g] = &group_values[g];
        } else {
          SLUICE_ASSIGN_OR_RAISE(
              Vector v, Vector::Make(op.groups[g]->result_type, std::max<size_t>(rows, 1)));
          for (size_t r = 0; r < rows; ++r) v.SetNull(r);
          nulls.push_back(std::move(v));
          keys[g] = &nulls.back();
        }
      }
      SLUICE_ASSIGN_OR_RAISE(Vector id_column,
                             Vector::Make(types::TypeId::kBigInt, std::max<size_t>(rows, 1)));
      for (size_t r = 0; r < rows; ++r)
        id_column.data<int64_t>()[r] = static_cast<int64_t>(set_index);
      keys[op.groups.size()] = &id_column;

      for (size_t r = 0; r < rows; ++r) {
        bool inserted = false;
        SLUICE_ASSIGN_OR_RAISE(uint32_t group, groups.FindOrInsert(keys, r, &inserted));
        if (inserted) SLUICE_RETURN_NOT_OK(new_group());
        for (size_t s = 0; s < slots.size(); ++s) {
          AggregateSlot& slot = slots[s];
          if (filters[s] && (filters[s]->IsNull(r) || !filters[s]->data<bool>()[r])) continue;
          if (slot.call->bound.skip_null_rows) {
            bool any_null = false;
            for (const Vector* a : arg_ptrs[s]) any_null |= a->IsNull(r);
            if (any_null) continue;
          }
          if (slot.call->info.distinct) {
            bool fresh = false;
            SLUICE_RETURN_NOT_OK(
                slot.distinct_seen[group].FindOrInsert(arg_ptrs[s], r, &fresh).status());
            if (!fresh) continue;
          }
          slot.states[group]->Update(arg_ptrs[s], r);
        }
      }
    }
  }
  if (global && groups.size() == 0) {
    std::vector<const Vector*> keys = {&null_bigint};
    SLUICE_ASSIGN_OR_RAISE(Vector zero, Vector::Make(types::TypeId::kBigInt, 1));
    zero.data<int64_t>()[0] = 0;
    keys[0] = &zero;
    SLUICE_RETURN_NOT_OK(groups.FindOrInsert(keys, 0).status());
    SLUICE_RETURN_NOT_OK(new_group());
  }

  auto schema = std::make_shared<const types::Schema>(op.output);
  BatchList out;
  for (size_t start = 0; start < groups.size(); start += vector::kVectorSize) {
    const size_t n = std::min(vector::kVectorSize, groups.size() - start);
    SLUICE_ASSIGN_OR_RAISE(vector::Batch batch, vector::Batch::Make(schema, n));
    size_t column = 0;
    for (size_t g = 0; g < op.groups.size(); ++g, ++column)
      for (size_t i = 0; i < n; ++i)
        SLUICE_RETURN_NOT_OK(
            vector::CopyRow(groups.columns()[g], start + i, batch.column(column), i));
    for (AggregateSlot& slot : slots) {
      for (size_t i = 0; i < n; ++i)
        SLUICE_RETURN_NOT_OK(
            slot.states[start + i]->Finalize(ex.context(), batch.column(column), i));
      ++column;
    }
    if (has_sets) {
      const Vector& set_index = groups.columns()[op.groups.size()];
      for (size_t i = 0; i < n; ++i)
        functions::Set<int64_t>(batch.column(column), i,
                                grouping_ids[set_index.data<int64_t>()[start + i]]);
    }
    batch.set_num_rows(n);
    out.push_back(std::move(batch));
  }
  return out;
}

}  // namespace sluice::exec
