// WhereFilter: a row condition given as SQL text (the --where of cat, validate and
// convert): any SQL boolean expression over a file's columns (OR, NOT, functions, ...),
// bound with the session's settings. Its simple conjuncts are the readers' pushdown
// (main/scan_pushdown); the whole condition then keeps a batch's rows where it is true.
// Immutable once made: Apply is thread-safe.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "formats/column_predicate.h"
#include "functions/function_context.h"
#include "plan/expression.h"
#include "types/schema.h"
#include "vector/batch.h"

namespace sluice::main {

class WhereFilter {
 public:
  // Errors name the position in `text` with a caret, and unknown columns the nearest names.
  static Result<std::shared_ptr<WhereFilter>> Make(std::string_view text,
                                                   const types::Schema& schema,
                                                   const types::TimeZone& zone,
                                                   bool case_sensitive);

  const std::vector<formats::ColumnPredicate>& pushdown() const { return pushdown_; }
  // The live rows of `batch` where the condition is true, as a new batch.
  Result<vector::Batch> Apply(const vector::Batch& batch) const;

 private:
  explicit WhereFilter(types::TimeZone zone) : zone_(std::move(zone)) {}
  types::TimeZone zone_;
  functions::FunctionContext ctx_;
  plan::ExprPtr condition_;
  std::vector<formats::ColumnPredicate> pushdown_;
};

}  // namespace sluice::main
