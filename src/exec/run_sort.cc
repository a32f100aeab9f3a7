// Sort: every row's keys evaluated, rows ordered by a stable sort (ties keep input order,
// as Spark's sort keeps them within a partition), then gathered. The row references are
// cut into one run per worker, the runs sorted at once and merged (stably), and the
// output batches gathered at once. A top-N sort (limit >= 0) keeps only each run's first
// `limit` rows (a partial sort, ties broken by input order), then the merged first ones.
// It reserves for its input, keys and row references, then its output.
#include <algorithm>

#include "exec/held_memory.h"
#include "exec/pipeline.h"
#include "parallel/thread_pool.h"
#include "vector/vector_ops.h"

namespace sluice::exec {

namespace {

struct RowRef {
  uint32_t batch, row;
};

}  // namespace

Result<BatchList> RunSort(Executor& ex, const plan::LogicalOperator& op, BatchList all) {
  auto schema = std::make_shared<const types::Schema>(op.output);
  for (vector::Batch& b : all)
    if (b.selection() != nullptr) {
      SLUICE_ASSIGN_OR_RAISE(b, vector::Compact(b));
    }
  HeldMemory held(ex.OperatorMemory(op));
  size_t bytes = MemoryBytes(all);
  SLUICE_RETURN_NOT_OK(held.Hold(bytes));
  ExpressionEvaluator eval(ex, ex.context());
  // keys[b][k]: key k of batch b.
  std::vector<std::vector<vector::Vector>> keys(all.size());
  std::vector<RowRef> refs;
  for (size_t b = 0; b < all.size(); ++b) {
    for (const plan::SortKey& k : op.sort_keys) {
      SLUICE_ASSIGN_OR_RAISE(vector::Vector v, eval.Evaluate(*k.expr, all[b], all[b].num_rows()));
      keys[b].push_back(std::move(v));
    }
    for (size_t r = 0; r < all[b].num_rows(); ++r)
      refs.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(r)});
    for (const vector::Vector& k : keys[b]) bytes += k.memory_bytes();
    SLUICE_RETURN_NOT_OK(held.Hold(bytes + refs.capacity() * sizeof(RowRef)));
  }
  bytes += refs.capacity() * sizeof(RowRef);
  auto less = [&](const RowRef& x, const RowRef& y) {
    for (size_t k = 0; k < op.sort_keys.size(); ++k) {
      const plan::SortKey& key = op.sort_keys[k];
      int c =
          vector::CompareValues(keys[x.batch][k], x.row, keys[y.batch][k], y.row, key.nulls_first);
      if (c != 0) {
        // NULL placement is already in `c`; only non-NULL order flips when descending.
        const bool any_null = keys[x.batch][k].IsNull(x.row) || keys[y.batch][k].IsNull(y.row);
        if (key.descending && !any_null) c = -c;
        return c < 0;
      }
    }
    return false;
  };

  // Runs of consecutive references, sorted at once, then merged pairwise: a stable merge
  // of neighbouring runs keeps ties in input order.
  constexpr size_t kMinRun = 16 * vector::kVectorSize;
  const size_t workers = parallel::ThreadPool::Default().size();
  const size_t runs = std::max<size_t>(1, std::min(workers, refs.size() / kMinRun));
  std::vector<size_t> bounds;
  for (size_t i = 0; i <= runs; ++i) bounds.push_back(refs.size() * i / runs);
  const size_t limit = op.limit >= 0 ? static_cast<size_t>(op.limit) : refs.size();
  // refs are in input order, so comparing positions on equal keys keeps a partial sort stable.
  auto before = [&](const RowRef& x, const RowRef& y) {
    if (less(x, y)) return true;
    if (less(y, x)) return false;
    return x.batch != y.batch ? x.batch < y.batch : x.row < y.row;
  };
  std::vector<size_t> kept(runs);
  SLUICE_RETURN_NOT_OK(parallel::ThreadPool::Default().ForEach(runs, [&](size_t i) {
    auto first = refs.begin() + bounds[i], last = refs.begin() + bounds[i + 1];
    kept[i] = std::min<size_t>(limit, last - first);
    if (kept[i] < static_cast<size_t>(last - first))
      std::partial_sort(first, first + kept[i], last, before);
    else
      std::stable_sort(first, last, less);
    return Status::OK();
  }));
  if (limit < refs.size()) {
    // Each run's first rows, side by side.
    size_t at = 0;
    for (size_t i = 0; i < runs; ++i) {
      std::move(refs.begin() + bounds[i], refs.begin() + bounds[i] + kept[i], refs.begin() + at);
      bounds[i] = at;
      at += kept[i];
    }
    bounds[runs] = at;
    refs.resize(at);
  }
  for (size_t width = 1; width < runs; width *= 2) {
    const size_t merges = (runs + 2 * width - 1) / (2 * width);
    SLUICE_RETURN_NOT_OK(parallel::ThreadPool::Default().ForEach(merges, [&](size_t m) {
      const size_t first = m * 2 * width, middle = std::min(runs, first + width),
                   last = std::min(runs, first + 2 * width);
      std::inplace_merge(refs.begin() + bounds[first], refs.begin() + bounds[middle],
                         refs.begin() + bounds[last], less);
      return Status::OK();
    }));
  }

  refs.resize(std::min(limit, refs.size()));

  const size_t batches = (refs.size() + vector::kVectorSize - 1) / vector::kVectorSize;
  BatchList out(batches);
  SLUICE_RETURN_NOT_OK(parallel::ThreadPool::Default().ForEach(batches, [&](size_t i) -> Status {
    const size_t start = i * vector::kVectorSize;
    const size_t n = std::min(vector::kVectorSize, refs.size() - start);
    SLUICE_ASSIGN_OR_RAISE(out[i], vector::Batch::Make(schema, n));
    for (size_t c = 0; c < schema->size(); ++c)
      for (size_t r = 0; r < n; ++r) {
        const RowRef& ref = refs[start + r];
        SLUICE_RETURN_NOT_OK(
            vector::CopyRow(all[ref.batch].column(c), ref.row, out[i].column(c), r));
      }
    out[i].set_num_rows(n);
    return Status::OK();
  }));
  SLUICE_RETURN_NOT_OK(held.Hold(bytes + MemoryBytes(out)));
  return out;
}

}  // namespace sluice::exec
