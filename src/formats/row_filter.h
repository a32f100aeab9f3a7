// RowFilter: keeps the rows of a Batch that satisfy every predicate of a conjunction
// (=, <, <=, >, >=, IN, IS [NOT] NULL; no comparison with NULL is true) by narrowing the
// batch's selection. Readers apply it to each batch before their sink sees it.
// Immutable after Make: thread-safe to share.
#pragma once

#include <vector>

#include "formats/column_predicate.h"
#include "vector/batch.h"

namespace sluice::formats {

class RowFilter {
 public:
  // Literals are read by their columns' types in `schema`, the schema of the batches;
  // columns are found by name as in BoundPredicates::Make.
  static Result<RowFilter> Make(std::vector<ColumnPredicate> predicates,
                                const types::Schema& schema,
                                const types::TimeZone& session_time_zone,
                                bool case_sensitive = false);

  bool empty() const { return predicates_.size() == 0; }
  void Apply(vector::Batch* batch) const;

 private:
  BoundPredicates predicates_;
};

}  // namespace sluice::formats
