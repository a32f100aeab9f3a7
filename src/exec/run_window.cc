// Window: output = the input's columns + one column per window call. Every input row gets
// a row id; calls with the same PARTITION BY and ORDER BY share one layout (the partition
// keys turned into dense ids, row ids grouped by id, each partition sorted by the order
// keys as normalized sort keys, ties in input order, cut into peer groups); each call then
// computes its column by row id (window_functions.cc, window_aggregate.cc). Rows leave in
// the last layout's order: partitions in order of first appearance, each sorted by its
// order keys (Spark promises no order without ORDER BY; its last window sort leaves each
// partition sorted too). Output columns are gathered a column at a time, each input column
// and call result freed once gathered. The input is held in memory, reserved with the calls'
// columns and the output, when it fits a quarter of the room the query has left; else it is
// split by the hash of the shared partition keys into spill files and the window runs over
// one spilled partition at a time (SpilledWindow, below). A top-N window (`limit`:
// QUALIFY row_number() <= limit, set by the optimizer) sorts each partition only as far as
// its first rows and leaves only those.
#include <algorithm>
#include <memory>
#include <optional>

#include "exec/gather_rows.h"
#include "exec/group_table.h"
#include "exec/held_memory.h"
#include "exec/partitioned_spill.h"
#include "exec/pipeline.h"
#include "exec/sort_key_encoder.h"
#include "exec/window_frame.h"
#include "exec/window_stream.h"
#include "parallel/thread_pool.h"
#include "vector/vector_ops.h"

namespace sluice::exec {

using plan::WindowFunctionKind;
using vector::Vector;

namespace {

// A layout's partition ids per row id, kept for the layouts after it (RowValues::PartitionIds).
struct KnownPartitions {
  std::vector<plan::ExprPtr> keys;
  std::vector<uint32_t> ids;
  size_t count = 0;

  bool Holds(const plan::Expression& key) const { return plan::ContainsExpression(keys, key); }
  // Whether every one of `keys` is among `other`.
  bool Covers(const std::vector<plan::ExprPtr>& other) const {
    if (keys.empty()) return false;
    for (const plan::ExprPtr& k : keys)
      if (!plan::ContainsExpression(other, *k)) return false;
    return true;
  }
};

// Evaluates expressions batch by batch into vectors holding every row id. An expression may
// read the results of the calls computed so far (a fused Window: see ResultsRead): it is
// evaluated over the input's batches with those results' rows beside them.
class RowValues {
 public:
  RowValues(ExpressionEvaluator& eval, const BatchList& input, size_t rows,
            const plan::LogicalOperator& op, const std::vector<Vector>& results)
      : eval_(eval),
        input_(input),
        rows_(rows),
        op_(op),
        input_columns_(op.output.size() - op.windows.size()),
        results_(results) {}

  Result<Vector> Evaluate(const plan::Expression& e) {
    SLUICE_ASSIGN_OR_RAISE(Vector all, Vector::Make(e.result_type, std::max<size_t>(rows_, 1)));
    size_t at = 0;
    for (size_t b = 0; b < input_.size(); ++b) {
      SLUICE_ASSIGN_OR_RAISE(Vector v, EvaluateBatch(e, b, at));
      SLUICE_RETURN_NOT_OK(AppendColumn(v, input_[b].num_rows(), all, at, /*share_pinned=*/true));
      at += input_[b].num_rows();
    }
    return all;
  }

  // ids[row id]: a dense id per distinct tuple of the keys' values, in order of first
  // appearance, found batch by batch (the keys are never gathered into whole columns).
  // When `known` holds the ids of some of the keys (an earlier layout's), those keys are
  // replaced by their id: an int per row to hash and compare rather than, say, a long string.
  // Equal tuples have equal known ids, so the ids come out the same. Returns their number.
  Result<size_t> PartitionIds(const std::vector<plan::ExprPtr>& keys, const KnownPartitions& known,
                              std::vector<uint32_t>& ids) {
    if (keys.empty()) {
      ids.assign(rows_, 0);
      return rows_ > 0 ? 1 : 0;
    }
    const bool use_known = known.Covers(keys);
    std::vector<plan::ExprPtr> rest;
    for (const plan::ExprPtr& k : keys)
      if (!use_known || !known.Holds(*k)) rest.push_back(k);
    if (use_known && rest.empty()) {
      ids = known.ids;
      return known.count;
    }
    ids.assign(rows_, 0);
    std::vector<types::LogicalType> types;
    if (use_known) types.emplace_back(types::TypeId::kInt);
    for (const plan::ExprPtr& k : rest) types.push_back(k->result_type);
    // A GroupTable (made for large tables: slots prefetched a batch ahead, strings compared
    // by reference): a part's partitions are many.
    SLUICE_ASSIGN_OR_RAISE(GroupTable table, GroupTable::Make(types));
    std::vector<uint32_t> batch_ids;
    size_t at = 0;
    for (size_t b = 0; b < input_.size(); ++b) {
      const size_t n = input_[b].num_rows();
      std::vector<Vector> values;
      if (use_known) {
        SLUICE_ASSIGN_OR_RAISE(Vector v, Vector::MakeForOverwrite(types::TypeId::kInt, n));
        std::copy_n(known.ids.begin() + static_cast<ptrdiff_t>(at), n, v.data<int32_t>());
        values.push_back(std::move(v));
      }
      for (const plan::ExprPtr& k : rest) {
        SLUICE_ASSIGN_OR_RAISE(Vector v, EvaluateBatch(*k, b, at));
        values.push_back(std::move(v));
      }
      std::vector<const Vector*> pointers;
      for (const Vector& v : values) pointers.push_back(&v);
      SLUICE_RETURN_NOT_OK(table.FindOrInsertAll(pointers, n, batch_ids));
      std::copy(batch_ids.begin(), batch_ids.end(), ids.begin() + static_cast<ptrdiff_t>(at));
      at += n;
    }
    return table.size();
  }

  // A RANGE bound's value: its expression over one-column rows holding the order key.
  Result<Vector> EvaluateBound(const plan::Expression& bound, const Vector& key) {
    auto schema =
        std::make_shared<const types::Schema>(std::vector<types::Field>{{"key", key.type(), true}});
    SLUICE_ASSIGN_OR_RAISE(Vector all, Vector::Make(bound.result_type, std::max<size_t>(rows_, 1)));
    for (size_t at = 0; at < rows_; at += vector::kVectorSize) {
      const size_t n = std::min(vector::kVectorSize, rows_ - at);
      std::vector<uint32_t> ids(n);
      for (size_t i = 0; i < n; ++i) ids[i] = static_cast<uint32_t>(at + i);
      SLUICE_ASSIGN_OR_RAISE(vector::Batch batch, vector::Batch::Make(schema, 0));
      SLUICE_ASSIGN_OR_RAISE(batch.column(0), vector::Gather(key, ids));
      batch.set_num_rows(n);
      SLUICE_ASSIGN_OR_RAISE(Vector v, eval_.Evaluate(bound, batch, n));
      SLUICE_RETURN_NOT_OK(AppendColumn(v, n, all, at));
    }
    return all;
  }

 private:
  // `e` over batch `b` (whose first row id is `at`).
  Result<Vector> EvaluateBatch(const plan::Expression& e, size_t b, size_t at) {
    const vector::Batch& batch = input_[b];
    const size_t n = batch.num_rows();
    const size_t reads = ResultsRead(e, input_columns_);
    if (reads == 0) return eval_.Evaluate(e, batch, n);
    std::vector<Vector> columns;
    for (size_t c = 0; c < input_columns_; ++c) columns.push_back(batch.column(c).Share());
    std::vector<uint32_t> ids(n);
    for (size_t i = 0; i < n; ++i) ids[i] = static_cast<uint32_t>(at + i);
    for (size_t k = 0; k < reads; ++k) {
      SLUICE_ASSIGN_OR_RAISE(Vector v, vector::Gather(results_[k], ids));
      columns.push_back(std::move(v));
    }
    auto schema = std::make_shared<const types::Schema>(std::vector<types::Field>(
        op_.output.begin(), op_.output.begin() + static_cast<ptrdiff_t>(input_columns_ + reads)));
    const vector::Batch extended = vector::Batch::FromColumns(schema, std::move(columns), n);
    return eval_.Evaluate(e, extended, n);
  }

  ExpressionEvaluator& eval_;
  const BatchList& input_;
  size_t rows_;
  const plan::LogicalOperator& op_;
  const size_t input_columns_;
  const std::vector<Vector>& results_;  // the calls' values so far, by row id
};

// Groups the row ids by partition (a counting sort on dense partition ids, so that only
// each partition's rows are sorted, by the order keys), and finds its partitions and peer
// groups. `keys` receives the order keys' values. Only each partition's first `keep`
// positions need be in order (a top-N window: past them, every row is its own peer group).
Result<WindowLayout> MakeLayout(const plan::WindowCall& spec, RowValues& values, size_t rows,
                                size_t keep, KnownPartitions& known, std::vector<Vector>& keys) {
  WindowLayout layout;
  {
    std::vector<uint32_t> ids;
    SLUICE_ASSIGN_OR_RAISE(const size_t partitions,
                           values.PartitionIds(spec.partition_by, known, ids));
    std::vector<uint32_t> starts(partitions + 1, 0);
    for (uint32_t id : ids) ++starts[id + 1];
    for (size_t p = 0; p < partitions; ++p) {
      starts[p + 1] += starts[p];
      layout.partitions.emplace_back(starts[p], starts[p + 1]);
    }
    layout.rows.resize(rows);
    for (size_t row = 0; row < rows; ++row)
      layout.rows[starts[ids[row]]++] = static_cast<uint32_t>(row);
    if (!spec.partition_by.empty()) known = {spec.partition_by, std::move(ids), partitions};
  }
  layout.peer_begin.resize(rows);
  layout.peer_end.resize(rows);
  if (spec.order_by.empty()) {
    for (const auto& [begin, end] : layout.partitions)
      for (size_t pos = begin; pos < end; ++pos) {
        layout.peer_begin[pos] = static_cast<uint32_t>(begin);
        layout.peer_end[pos] = static_cast<uint32_t>(end);
      }
    return layout;
  }
  std::vector<SortOrder> orders;
  std::vector<std::vector<const Vector*>> sort_keys;
  for (const plan::SortKey& k : spec.order_by) {
    SLUICE_ASSIGN_OR_RAISE(Vector v, values.Evaluate(*k.expr));
    keys.push_back(std::move(v));
    orders.push_back({k.descending, k.nulls_first});
  }
  for (const Vector& k : keys) sort_keys.push_back({&k});
  // Each partition's entries encoded and sorted in turn (ties by row id: input order), in one
  // buffer the size of the largest: it stays in cache, and a buffer for every row (40 MB per
  // million rows) is not mapped and faulted in afresh for each layout.
  const SortKeyEncoder encoder(std::move(orders), std::move(sort_keys));
  const size_t width = encoder.width();
  size_t largest = 1;
  for (const auto& [begin, end] : layout.partitions) largest = std::max(largest, end - begin);
  // Not zeroed first: Encode writes every byte of every entry.
  const std::unique_ptr<uint8_t[]> entries(new uint8_t[largest * width]);
  for (const auto& [begin, end] : layout.partitions) {
    auto entry = [&](size_t pos) { return entries.get() + (pos - begin) * width; };
    encoder.Encode(0, end - begin, entries.get(), layout.rows.data() + begin);
    const size_t sorted = std::min(keep, end - begin);
    if (end - begin > 1) encoder.Sort(entries.get(), 0, end - begin, sorted);
    size_t peer_begin = begin;
    for (size_t pos = begin; pos < end; ++pos) {
      layout.rows[pos] = static_cast<uint32_t>(encoder.Ref(entry(pos)));
      if (pos + 1 < begin + sorted &&
          encoder.CompareKeys(entry(pos), entry(pos + 1), 0, keys.size()) == 0)
        continue;
      for (size_t p = peer_begin; p <= pos; ++p) {
        layout.peer_begin[p] = static_cast<uint32_t>(peer_begin);
        layout.peer_end[p] = static_cast<uint32_t>(pos + 1);
      }
      peer_begin = pos + 1;
    }
  }
  layout.order_key = &keys[0];
  layout.descending = spec.order_by[0].descending;
  layout.nulls_first = spec.order_by[0].nulls_first;
  return layout;
}

Status ComputeCall(const functions::FunctionContext& ctx, const plan::WindowCall& call,
                   const WindowLayout& layout, RowValues& row_values, Vector& out) {
  WindowCallValues values;
  for (const plan::ExprPtr& a : call.aggregate.args) {
    SLUICE_ASSIGN_OR_RAISE(Vector v, row_values.Evaluate(*a));
    values.args.push_back(std::move(v));
  }
  if (call.frame_start.bound_value) {
    SLUICE_ASSIGN_OR_RAISE(
        Vector v, row_values.EvaluateBound(*call.frame_start.bound_value, *layout.order_key));
    values.start_value = std::move(v);
  }
  if (call.frame_end.bound_value) {
    SLUICE_ASSIGN_OR_RAISE(
        Vector v, row_values.EvaluateBound(*call.frame_end.bound_value, *layout.order_key));
    values.end_value = std::move(v);
  }
  switch (call.kind) {
    case WindowFunctionKind::kAggregate:
      return ComputeWindowAggregate(ctx, call, layout, values, out);
    case WindowFunctionKind::kRowNumber:
    case WindowFunctionKind::kRank:
    case WindowFunctionKind::kDenseRank:
    case WindowFunctionKind::kPercentRank:
    case WindowFunctionKind::kCumeDist:
    case WindowFunctionKind::kNtile:
      return ComputeRankingFunction(call, layout, values, out);
    case WindowFunctionKind::kLag:
    case WindowFunctionKind::kLead:
      return ComputeOffsetFunction(call, layout, values, out);
    case WindowFunctionKind::kFirstValue:
    case WindowFunctionKind::kLastValue:
    case WindowFunctionKind::kNthValue:
      return ComputeFrameValueFunction(call, layout, values, out);
  }
  return Status::Internal("unknown window function");
}

}  // namespace

// The window over rows that hold whole partitions.
// `memory`: where it reserves for what it makes (its caller reserved for the input).
Result<BatchList> RunWindowOnPartitions(Executor& ex, const plan::LogicalOperator& op,
                                        BatchList input, memory::MemoryTracker& memory) {
  for (vector::Batch& b : input)
    if (b.selection() != nullptr) {
      SLUICE_ASSIGN_OR_RAISE(b, vector::Compact(b));
    }
  const size_t rows = CountRows(input);
  // results[i]: call i's value per row id.
  std::vector<Vector> results;
  for (const plan::WindowCall& call : op.windows) {
    SLUICE_ASSIGN_OR_RAISE(Vector v, Vector::Make(call.result_type, std::max<size_t>(rows, 1)));
    results.push_back(std::move(v));
  }
  ExpressionEvaluator eval(ex, ex.context());
  RowValues row_values(eval, input, rows, op, results);
  const size_t input_columns = op.output.size() - op.windows.size();
  std::vector<bool> done(op.windows.size(), false);
  std::vector<uint32_t> output_order;  // the last layout's: Spark's rows leave sorted so
  // A top-N window (one row_number() call, its filter above) leaves each partition's first.
  const size_t keep = op.limit >= 0 ? static_cast<size_t>(op.limit) : rows;
  KnownPartitions known;  // the last layout's partition ids
  for (size_t i = 0; i < op.windows.size(); ++i) {
    if (done[i]) continue;
    std::vector<Vector> keys;
    SLUICE_ASSIGN_OR_RAISE(WindowLayout layout,
                           MakeLayout(op.windows[i], row_values, rows, keep, known, keys));
    for (size_t j = i; j < op.windows.size(); ++j) {
      if (done[j] || !SameWindowSpec(op.windows[i], op.windows[j]) ||
          !ResultsReady(op.windows[j], input_columns, done))
        continue;
      SLUICE_RETURN_NOT_OK(
          ComputeCall(ex.context(), op.windows[j], layout, row_values, results[j]));
      done[j] = true;
    }
    output_order = std::move(layout.rows);
    if (keep < rows) {
      size_t kept = 0;
      for (const auto& [begin, end] : layout.partitions)
        for (size_t pos = begin; pos < std::min(end, begin + keep); ++pos)
          output_order[kept++] = output_order[pos];
      output_order.resize(kept);
    }
  }
  const size_t output_rows = output_order.size();
  HeldMemory held(memory);
  size_t bytes = 0;
  for (const Vector& v : results) bytes += v.memory_bytes();
  // Each output row's place in the input (input_refs) and in the results (result_refs).
  std::vector<uint64_t> input_refs(output_rows), result_refs(output_rows);
  bytes += rows * sizeof(uint64_t) + output_rows * 2 * sizeof(uint64_t);
  SLUICE_RETURN_NOT_OK(held.Hold(bytes));
  {
    std::vector<uint64_t> location;
    location.reserve(rows);
    for (size_t b = 0; b < input.size(); ++b)
      for (size_t r = 0; r < input[b].num_rows(); ++r) location.push_back(MakeRowRef(b, r));
    for (size_t i = 0; i < output_rows; ++i) {
      input_refs[i] = location[output_order[i]];
      result_refs[i] = output_order[i];
    }
  }
  // Built a column at a time; each input column and result is freed once gathered.
  auto schema = std::make_shared<const types::Schema>(op.output);
  const size_t batches = (output_rows + vector::kVectorSize - 1) / vector::kVectorSize;
  std::vector<std::vector<Vector>> columns(batches);
  for (size_t c = 0; c < op.output.size(); ++c) {
    const bool from_input = c < input_columns;
    std::vector<const Vector*> sources;
    if (from_input)
      for (const vector::Batch& b : input) sources.push_back(&b.column(c));
    else
      sources.push_back(&results[c - input_columns]);
    const uint64_t* refs = from_input ? input_refs.data() : result_refs.data();
    // A top-N keeping few of the rows copies their strings rather than keep every buffer.
    const ColumnGatherer gatherer(std::move(sources), op.output[c].type,
                                  /*share_pinned=*/output_rows * 2 >= rows);
    for (size_t i = 0; i < batches; ++i) {
      const size_t at = i * vector::kVectorSize,
                   n = std::min(vector::kVectorSize, output_rows - at);
      SLUICE_ASSIGN_OR_RAISE(Vector v, Vector::Make(op.output[c].type, n));
      SLUICE_RETURN_NOT_OK(gatherer.Gather(refs + at, n, v));
      bytes += v.memory_bytes();
      columns[i].push_back(std::move(v));
    }
    SLUICE_RETURN_NOT_OK(held.Hold(bytes));
    if (from_input)
      for (vector::Batch& b : input) Vector gone = std::move(b.column(c));
    else
      Vector gone = std::move(results[c - input_columns]);
  }
  BatchList out;
  for (size_t i = 0; i < batches; ++i)
    out.push_back(vector::Batch::FromColumns(
        schema, std::move(columns[i]),
        std::min(vector::kVectorSize, output_rows - i * vector::kVectorSize)));
  return out;
}

namespace {

// The PARTITION BY expressions every call shares: rows with equal values of them are in
// one partition of every call.
std::vector<plan::ExprPtr> CommonPartitionKeys(const plan::LogicalOperator& op) {
  std::vector<plan::ExprPtr> keys;
  for (const plan::ExprPtr& k : op.windows[0].partition_by) {
    bool everywhere = ParallelSafe(*k);
    for (const plan::WindowCall& call : op.windows)
      everywhere &= plan::ContainsExpression(call.partition_by, *k);
    if (everywhere) keys.push_back(k);
  }
  return keys;
}

bool WindowParallelSafe(const plan::LogicalOperator& op) {
  for (const plan::WindowCall& call : op.windows) {
    std::vector<const plan::Expression*> exprs;
    for (const plan::ExprPtr& e : call.aggregate.args) exprs.push_back(e.get());
    for (const plan::ExprPtr& e : call.partition_by) exprs.push_back(e.get());
    for (const plan::SortKey& k : call.order_by) exprs.push_back(k.expr.get());
    for (const plan::FrameBound* b : {&call.frame_start, &call.frame_end})
      for (const plan::ExprPtr& e : {b->offset, b->bound_value})
        if (e) exprs.push_back(e.get());
    if (call.aggregate.filter) exprs.push_back(call.aggregate.filter.get());
    for (const plan::Expression* e : exprs)
      if (!ParallelSafe(*e)) return false;
  }
  return true;
}

// The keys' hash of each of the batch's rows (the batch has no selection).
Status HashKeys(ExpressionEvaluator& eval, const std::vector<plan::ExprPtr>& keys,
                const vector::Batch& batch, std::vector<uint64_t>& hashes) {
  const size_t n = batch.num_rows();
  hashes.assign(n, 0);
  for (const plan::ExprPtr& k : keys) {
    SLUICE_ASSIGN_OR_RAISE(Vector v, eval.Evaluate(*k, batch, n));
    vector::HashColumn(v, n, hashes.data());
  }
  return Status::OK();
}

// The window over `input`, whose rows the caller holds (reserved): rows are spread by a hash
// of `keys` (the partition keys all calls share) into parts that hold whole partitions, and
// the parts are computed on every worker at once.
Result<BatchStore> RunInMemory(Executor& ex, const plan::LogicalOperator& op,
                               const std::vector<plan::ExprPtr>& keys, BatchList input,
                               memory::MemoryTracker& memory) {
  parallel::ThreadPool& pool = parallel::ThreadPool::Default();
  constexpr size_t kMinRowsPerPart = 4 * vector::kVectorSize;
  const size_t parts = std::min(pool.size() * 4, CountRows(input) / kMinRowsPerPart);
  if (keys.empty() || parts < 2 || !ex.outer_rows().empty() || !WindowParallelSafe(op)) {
    SLUICE_ASSIGN_OR_RAISE(BatchList out, RunWindowOnPartitions(ex, op, std::move(input), memory));
    return BatchStore(std::move(out));
  }

  // Each row's part, found for the batches at once; each part's rows in input order, then
  // gathered into whole batches.
  for (vector::Batch& b : input)
    if (b.selection() != nullptr) {
      SLUICE_ASSIGN_OR_RAISE(b, vector::Compact(b));
    }
  std::vector<std::vector<uint16_t>> row_parts(input.size());
  SLUICE_RETURN_NOT_OK(pool.ForEach(input.size(), [&](size_t b) -> Status {
    ExpressionEvaluator eval(ex, ex.context());
    std::vector<uint64_t> hashes;
    SLUICE_RETURN_NOT_OK(HashKeys(eval, keys, input[b], hashes));
    row_parts[b].resize(hashes.size());
    for (size_t r = 0; r < hashes.size(); ++r)
      row_parts[b][r] = static_cast<uint16_t>((hashes[r] >> 32) % parts);
    return Status::OK();
  }));
  std::vector<std::vector<uint64_t>> part_refs(parts);
  for (size_t b = 0; b < input.size(); ++b) {
    for (size_t r = 0; r < row_parts[b].size(); ++r)
      part_refs[row_parts[b][r]].push_back(MakeRowRef(b, r));
    row_parts[b] = {};
  }
  // Gathered a column at a time, in waves of input batches, each wave's input column freed
  // once every part has its rows: the rows are held about once, not twice. Long strings are
  // copied into one heap per part, so that the buffers the input pins (a file's pages) go
  // wave by wave, and the part's output rows pin that heap only.
  constexpr size_t kWaveBatches = 64;
  const std::shared_ptr<const types::Schema> schema = input[0].schema_ptr();
  std::vector<std::vector<std::vector<Vector>>> part_columns(parts);  // [part][batch][column]
  std::vector<std::shared_ptr<vector::StringHeap>> part_strings(parts);
  for (size_t p = 0; p < parts; ++p) part_strings[p] = std::make_shared<vector::StringHeap>();
  std::vector<size_t> gathered(parts);  // of part_refs[p], in this column
  for (size_t c = 0; c < schema->size(); ++c) {
    std::vector<const Vector*> sources;
    for (const vector::Batch& b : input) sources.push_back(&b.column(c));
    const ColumnGatherer gatherer(std::move(sources), schema->field(c).type);
    SLUICE_RETURN_NOT_OK(pool.ForEach(parts, [&](size_t p) -> Status {
      const size_t rows = part_refs[p].size();
      part_columns[p].resize((rows + vector::kVectorSize - 1) / vector::kVectorSize);
      for (size_t i = 0; i < part_columns[p].size(); ++i) {
        SLUICE_ASSIGN_OR_RAISE(
            Vector v, Vector::Make(schema->field(c).type,
                                   std::min(vector::kVectorSize, rows - i * vector::kVectorSize)));
        part_columns[p][i].push_back(std::move(v));
      }
      gathered[p] = 0;
      return Status::OK();
    }));
    for (size_t wave = 0; wave < input.size(); wave += kWaveBatches) {
      const size_t wave_end = std::min(input.size(), wave + kWaveBatches);
      SLUICE_RETURN_NOT_OK(pool.ForEach(parts, [&](size_t p) -> Status {
        // A part's refs are in input order: the wave's are the next ones.
        const std::vector<uint64_t>& refs = part_refs[p];
        size_t& from = gathered[p];
        while (from < refs.size() && (refs[from] >> 32) < wave_end) {
          const size_t i = from / vector::kVectorSize, at = from % vector::kVectorSize;
          const size_t last = std::min(refs.size(), (i + 1) * vector::kVectorSize);
          size_t to = from;
          while (to < last && (refs[to] >> 32) < wave_end) ++to;
          SLUICE_RETURN_NOT_OK(gatherer.GatherInto(refs.data() + from, to - from,
                                                   part_columns[p][i].back(), at, part_strings[p]));
          from = to;
        }
        return Status::OK();
      }));
      for (size_t b = wave; b < wave_end; ++b) Vector gone = std::move(input[b].column(c));
    }
  }
  input.clear();
  std::vector<BatchList> part_rows(parts);
  for (size_t p = 0; p < parts; ++p) {
    for (size_t i = 0; i < part_columns[p].size(); ++i) {
      const size_t n = std::min(vector::kVectorSize, part_refs[p].size() - i * vector::kVectorSize);
      part_rows[p].push_back(vector::Batch::FromColumns(schema, std::move(part_columns[p][i]), n));
    }
    part_refs[p] = {};
  }
  std::vector<BatchList> outputs(parts);
  std::vector<HeldMemory> outputs_held;  // finished parts' rows, while the others run
  for (size_t p = 0; p < parts; ++p) outputs_held.emplace_back(memory);
  SLUICE_RETURN_NOT_OK(pool.ForEach(parts, [&](size_t p) -> Status {
    SLUICE_ASSIGN_OR_RAISE(outputs[p],
                           RunWindowOnPartitions(ex, op, std::move(part_rows[p]), memory));
    return outputs_held[p].Hold(MemoryBytes(outputs[p]));
  }));
  BatchStore out;
  for (BatchList& o : outputs) out.Append(BatchStore(std::move(o)));
  return out;
}

// What the window may hold while it runs over `bytes` of input rows in memory: the input (its
// columns are freed as the output is gathered), the output, each row's references and a
// value per call, and a call's strings or nested values about as large as the rows
// (measured: this is above what it reserves).
size_t InMemoryBytes(const plan::LogicalOperator& op, size_t bytes, uint64_t rows) {
  size_t total = 2 * bytes + rows * 8 * (3 + op.windows.size());
  for (const plan::WindowCall& call : op.windows)
    if (call.result_type.IsStringLike() || call.result_type.IsNested()) total += bytes;
  return total;
}

// Larger than memory: the input rows are split by the hash of the partition keys all calls
// share (`keys`) into a PartitionedSpill, and the window runs over one spilled partition at a
// time in memory; its output goes through a RowSpiller. A partition whose rows would pass a
// quarter of the room left is split again by the next hash bits; one whose rows all have one
// key hash cannot be split further: it runs over its sorted rows (window_stream.h) when the calls
// allow it, else in memory or fails with the usual memory error.
class SpilledWindow {
 public:
  // The input's columns: the output's first ones.
  static std::shared_ptr<const types::Schema> InputSchema(const plan::LogicalOperator& op) {
    return std::make_shared<const types::Schema>(std::vector<types::Field>(
        op.output.begin(), op.output.end() - static_cast<ptrdiff_t>(op.windows.size())));
  }

  SpilledWindow(Executor& ex, const plan::LogicalOperator& op, std::vector<plan::ExprPtr> keys)
      : ex_(ex),
        op_(op),
        memory_(ex.OperatorMemory(op)),
        keys_(std::move(keys)),
        schema_(InputSchema(op)),
        eval_(ex, ex.context()),
        streams_(CanStreamWindow(op)) {}

  Result<BatchStore> Run(BatchStore input) {
    PartitionedSpill spill(ex_.temp_directory(), schema_, 0);
    {
      HeldMemory held(memory_);  // the input's rows that are in memory, until they are spilled
      SLUICE_RETURN_NOT_OK(held.Hold(input.memory_bytes()));
      for (size_t i = 0; i < input.batch_count(); ++i) {
        SLUICE_RETURN_NOT_OK(ex_.context().CheckCancelled());
        SLUICE_ASSIGN_OR_RAISE(vector::Batch b, input.Read(i));
        if (b.selection() != nullptr) {
          SLUICE_ASSIGN_OR_RAISE(b, vector::Compact(b));
        }
        SLUICE_RETURN_NOT_OK(HashKeys(eval_, keys_, b, hashes_));
        SLUICE_RETURN_NOT_OK(spill.Append(b, hashes_));
      }
      input = BatchStore();
    }
    SLUICE_RETURN_NOT_OK(spill.FinishWriting());
    spilled_bytes_ += spill.bytes();
    RowSpiller output(memory_, ex_.temp_directory(), SpillBudget(memory_));
    BatchStore out;
    SLUICE_RETURN_NOT_OK(RunPartitions(spill, 0, /*one_hash=*/false, output, out));
    SLUICE_RETURN_NOT_OK(output.Finish());
    ex_.RecordSpill(op_, spilled_bytes_ + output.spilled_bytes());
    return out;
  }

 private:
  // Whether rows all have one hash of the keys (then splitting them cannot help).
  struct OneHash {
    std::optional<uint64_t> hash;
    bool so_far = true;
    void See(const std::vector<uint64_t>& hashes) {
      for (uint64_t h : hashes) {
        if (!hash) hash = h;
        so_far &= h == *hash;
      }
    }
  };

  // Runs the window over each partition of `spill` (split at `shift`) in turn. `one_hash`:
  // all of the spill's rows have one hash of the keys.
  Status RunPartitions(const PartitionedSpill& spill, int shift, bool one_hash, RowSpiller& output,
                       BatchStore& out) {
    const bool split = !one_hash && shift + 2 * kSpillBits <= 64;
    for (size_t p = 0; p < size_t{1} << kSpillBits; ++p) {
      SLUICE_RETURN_NOT_OK(ex_.context().CheckCancelled());
      const SpillFile* file = spill.file(p);
      if (file == nullptr) continue;
      const int64_t budget = SpillBudget(memory_);
      std::optional<HeldMemory> held(memory_);
      BatchList rows;
      size_t bytes = 0;
      uint64_t row_count = 0;
      std::unique_ptr<PartitionedSpill> again;
      OneHash seen;
      bool stream = false;
      auto spill_again = [&](const vector::Batch& batch) -> Status {
        SLUICE_RETURN_NOT_OK(HashKeys(eval_, keys_, batch, hashes_));
        seen.See(hashes_);
        return again->Append(batch, hashes_);
      };
      for (size_t b = 0; b < file->block_count(); ++b) {
        SLUICE_ASSIGN_OR_RAISE(vector::Batch batch, file->Read(b));
        if (again) {
          SLUICE_RETURN_NOT_OK(spill_again(batch));
          continue;
        }
        bytes += MemoryBytes(batch);
        row_count += batch.num_rows();
        rows.push_back(std::move(batch));
        if (!split) {
          // Rows that cannot be split: streamed once their work passes the budget.
          stream = streams_ && !held->TryHold(InMemoryBytes(op_, bytes, row_count), budget);
          if (stream) break;
          SLUICE_RETURN_NOT_OK(held->Hold(bytes));
          continue;
        }
        if (held->TryHold(InMemoryBytes(op_, bytes, row_count), budget)) continue;
        // Too big for the room left: split by the next hash bits.
        again =
            std::make_unique<PartitionedSpill>(ex_.temp_directory(), schema_, shift + kSpillBits);
        for (const vector::Batch& r : rows) SLUICE_RETURN_NOT_OK(spill_again(r));
        rows.clear();
        held.emplace(memory_);
      }
      if (stream) {
        rows.clear();
        held.reset();
        SLUICE_RETURN_NOT_OK(RunWindowStream(ex_, op_, spill.Partition(p), output, out));
        continue;
      }
      if (again) {
        held.reset();
        SLUICE_RETURN_NOT_OK(again->FinishWriting());
        spilled_bytes_ += again->bytes();
        SLUICE_RETURN_NOT_OK(RunPartitions(*again, shift + kSpillBits, seen.so_far, output, out));
        continue;
      }
      // Held as RunWindow holds its input (the rest is reserved as it is made).
      held.emplace(memory_);
      SLUICE_RETURN_NOT_OK(held->Hold(bytes));
      SLUICE_ASSIGN_OR_RAISE(BatchStore result,
                             RunInMemory(ex_, op_, keys_, std::move(rows), memory_));
      SLUICE_ASSIGN_OR_RAISE(BatchList result_rows, result.TakeAll());
      for (vector::Batch& r : result_rows) SLUICE_RETURN_NOT_OK(output.Add(std::move(r), out));
    }
    return Status::OK();
  }

  Executor& ex_;
  const plan::LogicalOperator& op_;
  memory::MemoryTracker& memory_;
  const std::vector<plan::ExprPtr> keys_;
  const std::shared_ptr<const types::Schema> schema_;  // of the input rows
  ExpressionEvaluator eval_;
  const bool streams_;  // a partition too big for memory can be streamed (window_stream.h)
  std::vector<uint64_t> hashes_;
  uint64_t spilled_bytes_ = 0;
};

}  // namespace

// In memory when the input is and the window's work fits a quarter of the room the query has
// left; else partition by partition through spill files (SpilledWindow); a window without
// partition keys shared by all its calls, over its sorted rows (window_stream.h) when its
// calls allow it.
Result<BatchStore> RunWindow(Executor& ex, const plan::LogicalOperator& op, BatchStore rows) {
  memory::MemoryTracker& memory = ex.OperatorMemory(op);
  std::vector<plan::ExprPtr> keys = CommonPartitionKeys(op);
  const int64_t work =
      static_cast<int64_t>(InMemoryBytes(op, rows.memory_bytes(), rows.row_count()));
  const bool fits = !rows.spilled() && memory.used() + work <= SpillBudget(memory);
  if (!fits && !keys.empty()) return SpilledWindow(ex, op, std::move(keys)).Run(std::move(rows));
  if (!fits && CanStreamWindow(op)) return RunWindowStream(ex, op, std::move(rows));
  SLUICE_ASSIGN_OR_RAISE(BatchList input, rows.TakeAll());
  HeldMemory held(memory);  // the input, then the same rows spread over parts
  SLUICE_RETURN_NOT_OK(held.Hold(MemoryBytes(input)));
  return RunInMemory(ex, op, keys, std::move(input), memory);
}

}  // namespace sluice::exec
