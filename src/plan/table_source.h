// TableSource: rows the plan reads from outside it (files, a stored table). The binder
// only needs the schema; the executor reads the chosen columns.
// Implementations are immutable once opened: thread-safe to read from.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "functions/function_context.h"
#include "types/schema.h"
#include "vector/batch.h"

namespace sluice::plan {

class TableSource {
 public:
  virtual ~TableSource() = default;
  virtual const types::Schema& schema() const = 0;
  // For EXPLAIN and errors: the table name or the path.
  virtual std::string description() const = 0;
  // Every row of the given columns (positions in schema(), in that order).
  virtual Result<std::vector<vector::Batch>> Read(const functions::FunctionContext& ctx,
                                                  const std::vector<size_t>& columns) const = 0;
};

}  // namespace sluice::plan
