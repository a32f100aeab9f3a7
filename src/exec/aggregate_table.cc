#include "exec/aggregate_table.h"

#include <algorithm>
#include <bit>

#include "functions/kernel_util.h"
#include "vector/vector_ops.h"

namespace sluice::exec {

using vector::Vector;

namespace {

// What a DISTINCT aggregate's (group, values) pair costs at least.
constexpr size_t kPairBytes = 32;

// The grouping sets as positions in op.groups (one set of all of them for GROUP BY).
std::vector<std::vector<size_t>> GroupingSets(const plan::LogicalOperator& op) {
  if (!op.grouping_sets.empty()) return op.grouping_sets;
  std::vector<size_t> all;
  for (size_t i = 0; i < op.groups.size(); ++i) all.push_back(i);
  return {all};
}

// The group ids as an INT column (a DISTINCT aggregate's key starts with it).
Result<Vector> GroupColumn(const std::vector<uint32_t>& groups) {
  SLUICE_ASSIGN_OR_RAISE(Vector column,
                         Vector::Make(types::TypeId::kInt, std::max<size_t>(groups.size(), 1)));
  for (size_t r = 0; r < groups.size(); ++r)
    column.data<int32_t>()[r] = static_cast<int32_t>(groups[r]);
  return column;
}

// The rows [0, rows) an aggregate takes: where its FILTER holds and, unless it takes NULLs,
// no argument is NULL. Null when it takes them all; else `selection`'s data.
const uint32_t* SelectRows(const Vector* filter, const std::vector<const Vector*>& args,
                           bool skip_null_rows, size_t rows, std::vector<uint32_t>& selection,
                           size_t& count) {
  bool all = !filter;
  if (skip_null_rows)
    for (const Vector* a : args) all &= a->validity().AllValid();
  count = rows;
  if (all) return nullptr;
  selection.clear();
  for (size_t r = 0; r < rows; ++r) {
    if (filter && (filter->IsNull(r) || !filter->data<bool>()[r])) continue;
    bool any_null = false;
    if (skip_null_rows)
      for (const Vector* a : args) any_null |= a->IsNull(r);
    if (!any_null) selection.push_back(static_cast<uint32_t>(r));
  }
  count = selection.size();
  return selection.data();
}

// Whether a table keys the grouping set's position: with grouping sets, and as a global
// aggregate's one key (a plain GROUP BY would only store a constant column more).
bool HasSetKey(const plan::LogicalOperator& op) {
  return !op.grouping_sets.empty() || op.groups.empty();
}

bool IsString(const types::LogicalType& type) {
  return type.id() == types::TypeId::kString || type.id() == types::TypeId::kBinary;
}

// out's rows [0, n) = rows [start, start + n) of the string vector `in`, pointing to in's
// bytes (kept alive by out's heap through a shared copy of `in`).
void ShareStrings(const Vector& in, size_t start, size_t n, Vector& out) {
  const vector::StringRef* refs = in.data<vector::StringRef>();
  vector::StringRef* to = out.data<vector::StringRef>();
  for (size_t i = 0; i < n; ++i) {
    if (in.IsNull(start + i))
      out.SetNull(i);
    else
      to[i] = refs[start + i];
  }
  out.heap().Pin(std::make_shared<const Vector>(in.Share()));
}

}  // namespace

AggregateTable::AggregateTable(const plan::LogicalOperator& op, GroupTable groups,
                               memory::MemoryTracker& memory, bool defer_distinct)
    : op_(op),
      sets_(GroupingSets(op)),
      set_key_(HasSetKey(op)),
      groups_(std::move(groups)),
      defer_distinct_(defer_distinct),
      held_(memory) {}

Result<std::unique_ptr<AggregateTable>> AggregateTable::Make(const plan::LogicalOperator& op,
                                                             memory::MemoryTracker& memory,
                                                             bool defer_distinct) {
  std::vector<types::LogicalType> key_types;
  for (const plan::ExprPtr& g : op.groups) key_types.push_back(g->result_type);
  // The grouping set's position, not its grouping id: a set listed twice (GROUP BY a,
  // CUBE(a)) aggregates twice, as in Spark.
  if (HasSetKey(op)) key_types.push_back(types::TypeId::kBigInt);
  SLUICE_ASSIGN_OR_RAISE(GroupTable groups, GroupTable::Make(key_types));
  auto table = std::unique_ptr<AggregateTable>(
      new AggregateTable(op, std::move(groups), memory, defer_distinct));
  for (const plan::AggregateCall& call : op.aggregates) {
    Slot slot{&call, functions::MakeAggregateStates(call.bound), std::nullopt};
    if (call.info.distinct) {
      std::vector<types::LogicalType> types = {types::TypeId::kInt};
      for (const plan::ExprPtr& a : call.args) types.push_back(a->result_type);
      SLUICE_ASSIGN_OR_RAISE(slot.distinct_seen, KeyTable::Make(types));
    }
    table->slots_.push_back(std::move(slot));
  }
  std::vector<types::Field> fields;
  for (const types::LogicalType& t : key_types) fields.push_back({"", t});
  for (const plan::AggregateCall& call : op.aggregates) {
    for (const plan::ExprPtr& a : call.args) fields.push_back({"", a->result_type});
    if (call.filter) fields.push_back({"", types::TypeId::kBoolean});
  }
  table->row_schema_ = std::make_shared<const types::Schema>(std::move(fields));
  return table;
}

size_t AggregateTable::memory_bytes() const {
  size_t bytes = groups_.memory_bytes();
  for (const Slot& slot : slots_) {
    bytes += slot.states->memory_bytes();
    if (slot.distinct_seen) bytes += slot.distinct_seen->memory_bytes();
  }
  return bytes;
}

bool AggregateTable::defers_distinct() const {
  if (!defer_distinct_) return false;
  for (const Slot& slot : slots_)
    if (slot.distinct_seen) return true;
  return false;
}

void AggregateTable::ResizeStates() {
  for (Slot& slot : slots_) slot.states->Resize(groups_.size());
}

Status AggregateTable::UpdateDistinct(Slot& slot, const std::vector<const Vector*>& args,
                                      const std::vector<uint32_t>& groups, const uint32_t* rows,
                                      size_t count) {
  SLUICE_ASSIGN_OR_RAISE(Vector group_column, GroupColumn(groups));
  std::vector<const Vector*> key = {&group_column};
  key.insert(key.end(), args.begin(), args.end());
  fresh_.clear();
  if (!rows) {
    // All rows at once: new pairs get the next ids in row order, so a row whose id is
    // the next new one is its pair's first.
    uint32_t next = static_cast<uint32_t>(slot.distinct_seen->size());
    SLUICE_RETURN_NOT_OK(slot.distinct_seen->FindOrInsertAll(key, count, pair_ids_));
    for (size_t r = 0; r < count; ++r)
      if (pair_ids_[r] == next) {
        fresh_.push_back(static_cast<uint32_t>(r));
        ++next;
      }
  }
  for (size_t i = 0; rows && i < count; ++i) {
    bool fresh = false;
    SLUICE_RETURN_NOT_OK(slot.distinct_seen->FindOrInsert(key, rows[i], &fresh).status());
    if (fresh) fresh_.push_back(rows[i]);
  }
  if (!defer_distinct_) slot.states->Update(args, groups.data(), fresh_.data(), fresh_.size());
  return Status::OK();
}

Status AggregateTable::ToRows(ExpressionEvaluator& eval, const vector::Batch& in,
                              std::vector<vector::Batch>& out) const {
  const size_t rows = in.num_rows();
  std::vector<Vector> group_values, inputs;
  for (const plan::ExprPtr& g : op_.groups) {
    SLUICE_ASSIGN_OR_RAISE(Vector v, eval.Evaluate(*g, in, rows));
    group_values.push_back(std::move(v));
  }
  for (const Slot& slot : slots_) {
    for (const plan::ExprPtr& a : slot.call->args) {
      SLUICE_ASSIGN_OR_RAISE(Vector v, eval.Evaluate(*a, in, rows));
      inputs.push_back(std::move(v));
    }
    if (slot.call->filter) {
      SLUICE_ASSIGN_OR_RAISE(Vector v, eval.Evaluate(*slot.call->filter, in, rows));
      inputs.push_back(std::move(v));
    }
  }
  for (size_t set_index = 0; set_index < sets_.size(); ++set_index) {
    const std::vector<size_t>& set = sets_[set_index];
    std::vector<Vector> columns;
    for (size_t g = 0; g < op_.groups.size(); ++g) {
      if (std::find(set.begin(), set.end(), g) != set.end()) {
        columns.push_back(group_values[g].Share());
        continue;
      }
      // Columns outside the set read as NULL.
      SLUICE_ASSIGN_OR_RAISE(Vector v,
                             Vector::Make(op_.groups[g]->result_type, std::max<size_t>(rows, 1)));
      for (size_t r = 0; r < rows; ++r) v.SetNull(r);
      v.MarkConstant();
      columns.push_back(std::move(v));
    }
    if (set_key_) {
      SLUICE_ASSIGN_OR_RAISE(Vector id_column,
                             Vector::Make(types::TypeId::kBigInt, std::max<size_t>(rows, 1)));
      for (size_t r = 0; r < rows; ++r)
        id_column.data<int64_t>()[r] = static_cast<int64_t>(set_index);
      id_column.MarkConstant();  // lets the table key a dictionary column by its codes
      columns.push_back(std::move(id_column));
    }
    for (const Vector& v : inputs) columns.push_back(v.Share());
    out.push_back(vector::Batch::FromColumns(row_schema_, std::move(columns), rows));
  }
  return Status::OK();
}

void AggregateTable::HashGroups(const vector::Batch& rows, std::vector<uint64_t>& hashes) const {
  std::vector<const Vector*> keys;
  for (size_t c = 0; c < key_columns(); ++c) keys.push_back(&rows.column(c));
  GroupTable::HashAll(keys, rows.num_rows(), hashes);
}

Status AggregateTable::ConsumeRows(const vector::Batch& in, const uint64_t* hashes) {
  const size_t rows = in.num_rows();
  std::vector<const Vector*> keys;
  size_t column = 0;
  for (; column < key_columns(); ++column) keys.push_back(&in.column(column));
  SLUICE_RETURN_NOT_OK(groups_.FindOrInsertAll(keys, rows, group_ids_, hashes));
  ResizeStates();
  std::vector<const Vector*> args;
  for (Slot& slot : slots_) {
    args.clear();
    for (size_t a = 0; a < slot.call->args.size(); ++a) args.push_back(&in.column(column++));
    const Vector* filter = slot.call->filter ? &in.column(column++) : nullptr;
    size_t count = 0;
    const uint32_t* selected =
        SelectRows(filter, args, slot.call->bound.skip_null_rows, rows, selection_, count);
    if (slot.distinct_seen) {
      SLUICE_RETURN_NOT_OK(UpdateDistinct(slot, args, group_ids_, selected, count));
    } else {
      slot.states->Update(args, group_ids_.data(), selected, count);
    }
  }
  return held_.Hold(memory_bytes());
}

Status AggregateTable::Consume(ExpressionEvaluator& eval, const vector::Batch& in) {
  std::vector<vector::Batch> sets;
  SLUICE_RETURN_NOT_OK(ToRows(eval, in, sets));
  for (const vector::Batch& rows : sets) SLUICE_RETURN_NOT_OK(ConsumeRows(rows));
  return Status::OK();
}

bool AggregateTable::Reserve(size_t new_groups, int64_t budget) {
  // `more` items into arrays of `size` items in `bytes`: each costs what one does now (at
  // least `floor`), and growing past a power of two doubles the arrays.
  auto growth = [](size_t size, size_t bytes, size_t floor, size_t more) {
    size_t grow = more * std::max(floor, size > 0 ? bytes / size : 0);
    if (more > 0 && (size == 0 || std::bit_width(size + more - 1) > std::bit_width(size - 1)))
      grow = std::max(grow, bytes);
    return grow;
  };
  size_t group_bytes = groups_.group_bytes(), groups_bytes = groups_.memory_bytes(), more = 0;
  for (const Slot& slot : slots_) {
    group_bytes += slot.states->group_bytes();
    groups_bytes += slot.states->memory_bytes();
    // A DISTINCT aggregate's pairs grow with the rows, not the groups.
    if (slot.distinct_seen)
      more += growth(slot.distinct_seen->size(), slot.distinct_seen->memory_bytes(), kPairBytes,
                     new_groups);
  }
  more += growth(groups_.size(), groups_bytes, group_bytes, new_groups);
  return held_.TryHold(memory_bytes() + more, budget);
}

AggregateTable::Partitioning AggregateTable::Partition(int bits, int shift) const {
  Partitioning parts;
  const size_t groups = groups_.size();
  parts.groups.resize(size_t{1} << bits);
  parts.position.resize(groups);
  std::vector<uint8_t> partition_of(groups);
  for (size_t g = 0; g < groups; ++g) {
    // The high bits: the tables' slots are picked by the low ones.
    const size_t p = bits > 0 ? (groups_.hashes()[g] << shift) >> (64 - bits) : 0;
    partition_of[g] = static_cast<uint8_t>(p);
    parts.position[g] = static_cast<uint32_t>(parts.groups[p].size());
    parts.groups[p].push_back(static_cast<uint32_t>(g));
  }
  parts.pairs.resize(slots_.size());
  if (!defer_distinct_) return parts;
  for (size_t s = 0; s < slots_.size(); ++s) {
    if (!slots_[s].distinct_seen) continue;
    parts.pairs[s].resize(parts.groups.size());
    const KeyTable& pairs = *slots_[s].distinct_seen;
    const int32_t* pair_groups = pairs.columns()[0].data<int32_t>();
    for (size_t v = 0; v < pairs.size(); ++v)
      parts.pairs[s][partition_of[pair_groups[v]]].push_back(static_cast<uint32_t>(v));
  }
  return parts;
}

Status AggregateTable::Merge(const AggregateTable& other, const Partitioning& parts, size_t p) {
  const std::vector<uint32_t>& theirs = parts.groups[p];
  std::vector<uint32_t> mine;
  SLUICE_RETURN_NOT_OK(groups_.MergeFrom(other.groups_, theirs, mine));
  ResizeStates();
  for (size_t s = 0; s < slots_.size(); ++s)
    if (!slots_[s].distinct_seen || !other.defer_distinct_)
      slots_[s].states->Merge(*other.slots_[s].states, theirs.data(), mine.data(), theirs.size());
  if (other.defer_distinct_) {
    for (size_t s = 0; s < slots_.size(); ++s) {
      if (!slots_[s].distinct_seen) continue;
      // Their (group, values) pairs of this partition, with the groups renumbered as mine.
      const KeyTable& pairs = *other.slots_[s].distinct_seen;
      const std::vector<uint32_t>& rows = parts.pairs[s][p];
      const int32_t* pair_groups = pairs.columns()[0].data<int32_t>();
      std::vector<uint32_t> groups(rows.size());
      for (size_t v = 0; v < rows.size(); ++v)
        groups[v] = mine[parts.position[pair_groups[rows[v]]]];
      std::vector<Vector> values;
      for (size_t c = 1; c < pairs.columns().size(); ++c) {
        SLUICE_ASSIGN_OR_RAISE(Vector v, vector::Gather(pairs.columns()[c], rows));
        values.push_back(std::move(v));
      }
      std::vector<const Vector*> value_ptrs;
      for (const Vector& v : values) value_ptrs.push_back(&v);
      SLUICE_RETURN_NOT_OK(UpdateDistinct(slots_[s], value_ptrs, groups, nullptr, rows.size()));
    }
  }
  return held_.Hold(memory_bytes());
}

Status AggregateTable::AddEmptyGroup() {
  SLUICE_ASSIGN_OR_RAISE(Vector zero, Vector::Make(types::TypeId::kBigInt, 1));
  zero.data<int64_t>()[0] = 0;
  SLUICE_RETURN_NOT_OK(groups_.FindOrInsert({&zero}, 0, GroupTable::Hash({&zero}, 0)).status());
  ResizeStates();
  return Status::OK();
}

Status AggregateTable::Emit(const functions::FunctionContext& ctx, BatchList& out,
                            bool share_strings) {
  std::vector<int64_t> grouping_ids;
  for (const std::vector<size_t>& set : sets_) {
    int64_t id = 0;
    for (size_t g = 0; g < op_.groups.size(); ++g)
      if (std::find(set.begin(), set.end(), g) == set.end())
        id |= int64_t{1} << (op_.groups.size() - 1 - g);
    grouping_ids.push_back(id);
  }
  auto schema = std::make_shared<const types::Schema>(op_.output);
  const size_t table_bytes = memory_bytes();
  size_t out_bytes = 0;
  for (size_t start = 0; start < groups_.size(); start += vector::kVectorSize) {
    const size_t n = std::min(vector::kVectorSize, groups_.size() - start);
    SLUICE_ASSIGN_OR_RAISE(vector::Batch batch, vector::Batch::Make(schema, n));
    size_t column = 0;
    for (size_t g = 0; g < op_.groups.size(); ++g, ++column) {
      const Vector& keys = groups_.columns()[g];
      if (share_strings && IsString(keys.type())) {
        ShareStrings(keys, start, n, batch.column(column));
        continue;
      }
      for (size_t i = 0; i < n; ++i)
        SLUICE_RETURN_NOT_OK(vector::CopyRow(keys, start + i, batch.column(column), i));
    }
    for (Slot& slot : slots_)
      SLUICE_RETURN_NOT_OK(slot.states->Finalize(ctx, start, n, batch.column(column++)));
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
  return Status::OK();
}

}  // namespace sluice::exec
