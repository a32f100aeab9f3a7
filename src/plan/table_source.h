// TableSource: rows the plan reads from outside it (files, a stored table). The binder
// only needs the schema; the executor opens a scan of the chosen columns and reads its
// morsels, the parts of the rows that one thread reads alone (a CSV byte range, a Parquet
// row group), on as many threads as it likes.
// Implementations are immutable once opened: thread-safe to read from.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "functions/function_context.h"
#include "plan/expression.h"
#include "types/schema.h"
#include "vector/batch.h"

namespace sluice::plan {

// Takes one batch, valid during the call only; it may carry a selection.
using BatchConsumer = std::function<Status(const vector::Batch& batch)>;

// One read of a table source. Its morsels, in order, are the table's rows in order.
class TableScan {
 public:
  virtual ~TableScan() = default;
  virtual size_t morsel_count() const = 0;
  // Hands morsel `i`'s rows to `consume` in order, on the calling thread; returning an
  // error from `consume` stops the read with that error. Thread-safe: different morsels
  // may be read at once.
  virtual Status ReadMorsel(size_t i, const BatchConsumer& consume) = 0;
  // Once every morsel was read, or the scan stopped early: reports what the scan rejected.
  virtual Status Finish() = 0;
};

class TableSource {
 public:
  virtual ~TableSource() = default;
  virtual const types::Schema& schema() const = 0;
  // For EXPLAIN and errors: the table name or the path.
  virtual std::string description() const = 0;
  // A scan of the given columns (positions in schema(), in that order). `filters` are
  // conditions over those columns (by position in `columns`) that every row the caller
  // keeps meets: the scan may leave out rows failing them (and skip files or row groups
  // that cannot match); the caller still checks them.
  virtual Result<std::unique_ptr<TableScan>> OpenScan(
      const functions::FunctionContext& ctx, const std::vector<size_t>& columns,
      const std::vector<ExprPtr>& filters) const = 0;
  // A guess of the table's row count that reads no rows (the optimizer orders joins by
  // it); none when unknown.
  virtual std::optional<int64_t> EstimatedRows() const { return std::nullopt; }
};

}  // namespace sluice::plan
