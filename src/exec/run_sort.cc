// Sort: every row's keys evaluated and encoded into a fixed-width entry that compares with
// memcmp (sort_key_encoder.h; it ends with the row's reference, so ties keep input order,
// as Spark's sort keeps them within a partition), entries sorted, rows gathered column by
// column. The entries are cut into one run per worker, the runs sorted at once and merged,
// and the output batches gathered at once. A top-N sort (limit >= 0) keeps only each
// batch's first `limit` entries, then each run's, then the merged first ones.
// It reserves for its input, keys and entries, then its output.
#include <algorithm>
#include <cstring>

#include "exec/gather_rows.h"
#include "exec/held_memory.h"
#include "exec/pipeline.h"
#include "exec/sort_key_encoder.h"
#include "parallel/thread_pool.h"
#include "vector/vector_ops.h"

namespace sluice::exec {

Result<BatchStore> RunSort(Executor& ex, const plan::LogicalOperator& op, BatchStore input) {
  SLUICE_ASSIGN_OR_RAISE(BatchList all, input.TakeAll());
  auto schema = std::make_shared<const types::Schema>(op.output);
  for (vector::Batch& b : all)
    if (b.selection() != nullptr) {
      SLUICE_ASSIGN_OR_RAISE(b, vector::Compact(b));
    }
  parallel::ThreadPool& pool = parallel::ThreadPool::Default();
  HeldMemory held(ex.OperatorMemory(op));
  size_t bytes = MemoryBytes(all);
  SLUICE_RETURN_NOT_OK(held.Hold(bytes));
  ExpressionEvaluator eval(ex, ex.context());
  // values[b][k]: key k of batch b; keys[k][b] points to it.
  std::vector<std::vector<vector::Vector>> values(all.size());
  std::vector<std::vector<const vector::Vector*>> keys(op.sort_keys.size());
  size_t rows = 0;
  for (size_t b = 0; b < all.size(); ++b) {
    for (size_t k = 0; k < op.sort_keys.size(); ++k) {
      SLUICE_ASSIGN_OR_RAISE(vector::Vector v,
                             eval.Evaluate(*op.sort_keys[k].expr, all[b], all[b].num_rows()));
      bytes += v.memory_bytes();
      values[b].push_back(std::move(v));
    }
    rows += all[b].num_rows();
    SLUICE_RETURN_NOT_OK(held.Hold(bytes));
  }
  for (size_t b = 0; b < all.size(); ++b)
    for (size_t k = 0; k < op.sort_keys.size(); ++k) keys[k].push_back(&values[b][k]);
  std::vector<SortOrder> orders;
  for (const plan::SortKey& k : op.sort_keys) orders.push_back({k.descending, k.nulls_first});
  const SortKeyEncoder encoder(std::move(orders), std::move(keys));
  const size_t width = encoder.width();
  const size_t limit = op.limit >= 0 ? static_cast<size_t>(op.limit) : rows;
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
  return BatchStore(std::move(out));
}

}  // namespace sluice::exec
