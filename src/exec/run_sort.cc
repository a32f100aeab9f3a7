// Sort: every row's keys evaluated and encoded into a fixed-width entry that compares with
// memcmp (sort_key_encoder.h; it ends with the row's reference, so ties keep input order,
// as Spark's sort keeps them within a partition), entries sorted, rows gathered column by
// column. The entries are cut into one run per worker, the runs sorted at once and merged,
// and the output batches gathered at once. A top-N sort (limit >= 0) keeps only each
// batch's first `limit` entries, then each run's, then the merged first ones.
// The input is read a batch at a time. While what sorting it holds (its keys, entries and
// output, and the rows read back from disk) fits the operator's budget, it is sorted in
// memory; otherwise it is cut into chunks that fit, each sorted and written to a spill file
// as a run, and the runs are merged (sort_run_merger.h). A top-N sort stays in memory when its
// first `limit` rows fit: over a spilled input, the rows it keeps shrink to them as they grow;
// else it is the external sort, each run and merge keeping only its first `limit` rows.
#include <algorithm>
#include <cstdint>
#include <cstring>

#include "exec/gather_rows.h"
#include "exec/held_memory.h"
#include "exec/pipeline.h"
#include "exec/sort_key_encoder.h"
#include "exec/sort_run_merger.h"
#include "parallel/thread_pool.h"
#include "vector/vector_ops.h"

namespace sluice::exec {

namespace {

// Rows for one in-memory sort: batches without selection and their keys' values.
struct SortInput {
  BatchList batches;
  std::vector<std::vector<vector::Vector>> keys;  // [batch][key]
  size_t rows = 0, batch_bytes = 0, key_bytes = 0;

  void Add(vector::Batch batch, std::vector<vector::Vector> batch_keys) {
    rows += batch.num_rows();
    batch_bytes += MemoryBytes(batch);
    key_bytes += SortKeyBytes(batch_keys, batch);
    batches.push_back(std::move(batch));
    keys.push_back(std::move(batch_keys));
  }
};

Result<vector::Batch> ReadRows(const BatchStore& input, size_t i) {
  SLUICE_ASSIGN_OR_RAISE(vector::Batch batch, input.Read(i));
  if (batch.selection() != nullptr) return vector::Compact(batch);
  return batch;
}

// Sorts the rows of `in` (only the first `limit` must be kept). Reserves in `held` `base`
// bytes plus the entries, then the output.
Result<BatchList> SortRows(const plan::LogicalOperator& op, SortInput in, size_t base, size_t limit,
                           HeldMemory& held) {
  const BatchList& all = in.batches;
  auto schema = std::make_shared<const types::Schema>(op.output);
  parallel::ThreadPool& pool = parallel::ThreadPool::Default();
  size_t bytes = base;
  SLUICE_RETURN_NOT_OK(held.Hold(bytes));
  std::vector<std::vector<const vector::Vector*>> keys(op.sort_keys.size());
  for (size_t b = 0; b < all.size(); ++b)
    for (size_t k = 0; k < op.sort_keys.size(); ++k) keys[k].push_back(&in.keys[b][k]);
  const SortKeyEncoder encoder = MakeSortKeyEncoder(op, std::move(keys));
  const size_t width = encoder.width();
  // A top-N keeps only each batch's first `limit` entries (sorted in a batch-sized buffer).
  std::vector<size_t> starts(all.size() + 1, 0);
  for (size_t b = 0; b < all.size(); ++b)
    starts[b + 1] = starts[b] + std::min(limit, all[b].num_rows());
  const size_t count = starts.back();
  SLUICE_RETURN_NOT_OK(held.Hold(bytes + count * width));
  std::vector<uint8_t> entries(count * width);
  SLUICE_RETURN_NOT_OK(pool.ForEach(all.size(), [&](size_t b) {
    const size_t n = all[b].num_rows(), keep = starts[b + 1] - starts[b];
    uint8_t* to = entries.data() + starts[b] * width;
    if (keep == n) {
      encoder.Encode(static_cast<uint32_t>(b), n, to);
    } else {
      std::vector<uint8_t> batch(n * width);
      encoder.Encode(static_cast<uint32_t>(b), n, batch.data());
      encoder.Sort(batch.data(), 0, n, keep);
      if (keep > 0) std::memcpy(to, batch.data(), keep * width);  // LIMIT 0: no buffer
    }
    return Status::OK();
  }));

  // Runs of consecutive entries, sorted at once, then merged pairwise.
  constexpr size_t kMinRun = 16 * vector::kVectorSize;
  const size_t runs = std::max<size_t>(1, std::min(pool.size(), count / kMinRun));
  std::vector<size_t> bounds;
  for (size_t i = 0; i <= runs; ++i) bounds.push_back(count * i / runs);
  std::vector<size_t> kept(runs);
  SLUICE_RETURN_NOT_OK(pool.ForEach(runs, [&](size_t i) {
    kept[i] = std::min(limit, bounds[i + 1] - bounds[i]);
    encoder.Sort(entries.data(), bounds[i], bounds[i + 1], kept[i]);
    return Status::OK();
  }));
  if (limit < count) {
    // Each run's first entries, side by side.
    size_t at = 0;
    for (size_t i = 0; i < runs; ++i) {
      std::memmove(entries.data() + at * width, entries.data() + bounds[i] * width,
                   kept[i] * width);
      bounds[i] = at;
      at += kept[i];
    }
    bounds[runs] = at;
  }
  for (size_t step = 1; step < runs; step *= 2) {
    const size_t merges = (runs + 2 * step - 1) / (2 * step);
    SLUICE_RETURN_NOT_OK(pool.ForEach(merges, [&](size_t m) {
      const size_t first = m * 2 * step, middle = std::min(runs, first + step),
                   last = std::min(runs, first + 2 * step);
      encoder.Merge(entries.data(), bounds[first], bounds[middle], bounds[last]);
      return Status::OK();
    }));
  }

  std::vector<uint64_t> refs(std::min(limit, count));
  for (size_t i = 0; i < refs.size(); ++i) refs[i] = encoder.Ref(entries.data() + i * width);
  entries = {};
  const size_t batches = (refs.size() + vector::kVectorSize - 1) / vector::kVectorSize;
  BatchList out(batches);
  SLUICE_RETURN_NOT_OK(pool.ForEach(batches, [&](size_t i) -> Status {
    const size_t start = i * vector::kVectorSize;
    const size_t n = std::min(vector::kVectorSize, refs.size() - start);
    SLUICE_ASSIGN_OR_RAISE(out[i], GatherRows(all, schema, refs.data() + start, n));
    return Status::OK();
  }));
  SLUICE_RETURN_NOT_OK(held.Hold(bytes + refs.size() * sizeof(uint64_t) + MemoryBytes(out)));
  return out;
}

// The bytes of an entry of op's keys, of which `keys` are one batch's.
size_t EntryWidth(const plan::LogicalOperator& op, const std::vector<vector::Vector>& keys) {
  std::vector<std::vector<const vector::Vector*>> one(keys.size());
  for (size_t k = 0; k < keys.size(); ++k) one[k].push_back(&keys[k]);
  return MakeSortKeyEncoder(op, std::move(one)).width();
}

}  // namespace

Result<BatchStore> RunSort(Executor& ex, const plan::LogicalOperator& op, BatchStore input) {
  memory::MemoryTracker& memory = ex.OperatorMemory(op);
  // The input's rows in memory stay there until the sort returns; rows read back from disk
  // are held by the sort as it reads them.
  auto input_held = std::make_unique<HeldMemory>(memory);
  SLUICE_RETURN_NOT_OK(input_held->Hold(input.memory_bytes()));
  const bool reads_back = input.spilled();
  ExpressionEvaluator eval(ex, ex.context());
  // What the sort holds for rows before sorting them: their keys, and the rows read back.
  auto held_bytes = [&](const SortInput& c) {
    return c.key_bytes + (reads_back ? c.batch_bytes : 0);
  };

  // A top-N whose rows fit: in memory. One whose first `limit` rows would not (estimated from
  // the first batch): the external sort, each run and merge keeping only their first rows.
  const size_t limit = op.limit >= 0 ? static_cast<size_t>(op.limit) : SIZE_MAX;
  bool top_n_fits = op.limit >= 0;
  if (top_n_fits && input.batch_count() > 0) {
    SLUICE_ASSIGN_OR_RAISE(vector::Batch batch, ReadRows(input, 0));
    SLUICE_ASSIGN_OR_RAISE(std::vector<vector::Vector> keys, EvaluateSortKeys(eval, op, batch));
    SortInput first;
    const size_t width = EntryWidth(op, keys);
    first.Add(std::move(batch), std::move(keys));
    // What sorting holds for the rows it keeps (up to twice `limit` before they shrink).
    const double per_row =
        static_cast<double>(held_bytes(first) + first.rows * width + first.batch_bytes) /
        static_cast<double>(std::max<size_t>(first.rows, 1));
    const double kept = static_cast<double>(
        std::min<uint64_t>(limit > UINT64_MAX / 2 ? UINT64_MAX : 2 * limit, input.row_count()));
    top_n_fits = per_row * kept <= static_cast<double>(SpillBudget(memory) - memory.used());
  }
  if (top_n_fits) {
    // Rows read back shrink to their first `limit` once sorting them would hold more than a
    // quarter of the room left, or they are 64 batches.
    const size_t room = static_cast<size_t>(SpillBudget(memory) - memory.used());
    HeldMemory held(memory);
    SortInput kept;
    size_t width = 0;
    for (size_t i = 0; i < input.batch_count(); ++i) {
      SLUICE_RETURN_NOT_OK(ex.context().CheckCancelled());
      SLUICE_ASSIGN_OR_RAISE(vector::Batch batch, ReadRows(input, i));
      SLUICE_ASSIGN_OR_RAISE(std::vector<vector::Vector> keys, EvaluateSortKeys(eval, op, batch));
      if (width == 0) width = EntryWidth(op, keys);
      kept.Add(std::move(batch), std::move(keys));
      const size_t base = held_bytes(kept);
      if (!reads_back || kept.rows <= 2 * limit ||
          (kept.rows < 64 * vector::kVectorSize && base + kept.rows * width <= room))
        continue;
      SLUICE_ASSIGN_OR_RAISE(BatchList first, SortRows(op, std::move(kept), base, limit, held));
      kept = SortInput();
      for (vector::Batch& b : first) {
        SLUICE_ASSIGN_OR_RAISE(std::vector<vector::Vector> keys, EvaluateSortKeys(eval, op, b));
        kept.Add(std::move(b), std::move(keys));
      }
    }
    const size_t base = held_bytes(kept);
    SLUICE_ASSIGN_OR_RAISE(BatchList first, SortRows(op, std::move(kept), base, limit, held));
    return BatchStore(std::move(first));
  }

  const int64_t budget = SpillBudget(memory);
  SortInput chunk;
  auto chunk_held = std::make_unique<HeldMemory>(memory);
  std::vector<std::unique_ptr<SpillFile>> runs;
  size_t width = 0;        // of an entry
  size_t block_bytes = 0;  // the most a run's block holds in memory with its keys and entries
  // What sorting a chunk holds: entries, and an output about as large as its input too.
  auto holdings = [&](const SortInput& c) {
    return held_bytes(c) + c.rows * width + c.batch_bytes;
  };
  auto write_run = [&]() -> Status {
    if (chunk.rows == 0) return Status::OK();
    const size_t key_bytes_per_row = chunk.key_bytes / chunk.rows, base = held_bytes(chunk);
    SLUICE_ASSIGN_OR_RAISE(BatchList sorted,
                           SortRows(op, std::move(chunk), base, limit, *chunk_held));
    chunk = SortInput();
    if (sorted.empty()) return Status::OK();  // LIMIT 0
    SLUICE_ASSIGN_OR_RAISE(std::unique_ptr<SpillFile> file,
                           SpillFile::Create(ex.temp_directory(), sorted[0].schema_ptr()));
    for (const vector::Batch& b : sorted) {
      SLUICE_RETURN_NOT_OK(file->Append(b));
      block_bytes =
          std::max(block_bytes, MemoryBytes(b) + b.num_rows() * (width + key_bytes_per_row));
    }
    SLUICE_RETURN_NOT_OK(file->FinishWriting());
    ex.RecordSpill(op, file->bytes());
    runs.push_back(std::move(file));
    chunk_held = std::make_unique<HeldMemory>(memory);
    return Status::OK();
  };
  for (size_t i = 0; i < input.batch_count(); ++i) {
    SLUICE_RETURN_NOT_OK(ex.context().CheckCancelled());
    SLUICE_ASSIGN_OR_RAISE(vector::Batch batch, ReadRows(input, i));
    SLUICE_ASSIGN_OR_RAISE(std::vector<vector::Vector> keys, EvaluateSortKeys(eval, op, batch));
    if (width == 0) width = EntryWidth(op, keys);
    SortInput next;  // the chunk's figures with this batch
    next.rows = chunk.rows + batch.num_rows();
    next.batch_bytes = chunk.batch_bytes + MemoryBytes(batch);
    next.key_bytes = chunk.key_bytes + SortKeyBytes(keys, batch);
    if (!chunk_held->TryHold(holdings(next), budget)) SLUICE_RETURN_NOT_OK(write_run());
    chunk.Add(std::move(batch), std::move(keys));
  }
  if (runs.empty()) {
    const size_t base = held_bytes(chunk);
    SLUICE_ASSIGN_OR_RAISE(BatchList sorted,
                           SortRows(op, std::move(chunk), base, limit, *chunk_held));
    return BatchStore(std::move(sorted));
  }
  SLUICE_RETURN_NOT_OK(write_run());
  if (runs.empty()) return BatchStore();  // LIMIT 0
  // Every row is in a run now: the input's memory and spill files can go before the merge.
  input = BatchStore();
  input_held.reset();
  chunk_held.reset();
  return MergeSortedRuns(ex, op, std::move(runs), block_bytes);
}

}  // namespace sluice::exec
