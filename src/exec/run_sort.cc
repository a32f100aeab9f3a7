// Sort: every row's keys evaluated, rows ordered by a stable sort (ties keep input order,
// as Spark's sort keeps them within a partition), then gathered. A top-N sort (limit >= 0)
// orders only the first `limit` rows (a partial sort, ties broken by input order).
#include <algorithm>

#include "exec/executor.h"
#include "exec/expression_evaluator.h"
#include "vector/vector_ops.h"

namespace sluice::exec {

Result<BatchList> RunSort(Executor& ex, const plan::LogicalOperator& op, BatchList input) {
  auto schema = std::make_shared<const types::Schema>(op.output);
  SLUICE_ASSIGN_OR_RAISE(BatchList all, Rebatch(schema, input));
  ExpressionEvaluator eval(ex, ex.context());
  // keys[b][k]: key k of batch b.
  std::vector<std::vector<vector::Vector>> keys(all.size());
  struct RowRef {
    uint32_t batch, row;
  };
  std::vector<RowRef> refs;
  for (size_t b = 0; b < all.size(); ++b) {
    for (const plan::SortKey& k : op.sort_keys) {
      SLUICE_ASSIGN_OR_RAISE(vector::Vector v, eval.Evaluate(*k.expr, all[b], all[b].num_rows()));
      keys[b].push_back(std::move(v));
    }
    for (size_t r = 0; r < all[b].num_rows(); ++r)
      refs.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(r)});
  }
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
  if (op.limit >= 0 && static_cast<uint64_t>(op.limit) < refs.size()) {
    // refs are in input order, so comparing positions on equal keys keeps the sort stable.
    auto before = [&](const RowRef& x, const RowRef& y) {
      if (less(x, y)) return true;
      if (less(y, x)) return false;
      return x.batch != y.batch ? x.batch < y.batch : x.row < y.row;
    };
    std::partial_sort(refs.begin(), refs.begin() + op.limit, refs.end(), before);
    refs.resize(static_cast<size_t>(op.limit));
  } else {
    std::stable_sort(refs.begin(), refs.end(), less);
  }
  BatchList out;
  for (size_t start = 0; start < refs.size(); start += vector::kVectorSize) {
    const size_t n = std::min(vector::kVectorSize, refs.size() - start);
    SLUICE_ASSIGN_OR_RAISE(vector::Batch batch, vector::Batch::Make(schema, n));
    for (size_t c = 0; c < schema->size(); ++c)
      for (size_t i = 0; i < n; ++i) {
        const RowRef& ref = refs[start + i];
        SLUICE_RETURN_NOT_OK(
            vector::CopyRow(all[ref.batch].column(c), ref.row, batch.column(c), i));
      }
    batch.set_num_rows(n);
    out.push_back(std::move(batch));
  }
  return out;
}

}  // namespace sluice::exec
