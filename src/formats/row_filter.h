// RowFilter: keeps the rows of a Batch that satisfy every predicate of a conjunction
// (=, <, <=, >, >=, IN, IS [NOT] NULL; no comparison with NULL is true) by narrowing the
// batch's selection. Readers apply it to each batch before their sink sees it.
// Immutable after Make: thread-safe to share.
#pragma once

#include <optional>
#include <vector>

#include "formats/column_predicate.h"
#include "vector/batch.h"

namespace sluice::formats {

// One row's value in the kind BoundPredicates compares (nullopt for NULL): what a predicate
// sees of a value read into a vector, whoever reads it.
std::optional<BoundPredicates::Scalar> ScalarOfRow(const vector::Vector& v, size_t row);

// Whether a partition column's folder value (nullopt for NULL), read as the readers read it
// (FillPartitionColumn into `field`'s type), may satisfy predicate `i`, so that pruning and
// reading agree. A value the reader refuses may match: the read, not the pruning, reports it.
bool PartitionValueMayMatch(const BoundPredicates& predicates, size_t i, const types::Field& field,
                            const std::optional<std::string>& raw,
                            const types::TimeZone& session_time_zone);

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
  const BoundPredicates& predicates() const { return predicates_; }

 private:
  BoundPredicates predicates_;
};

}  // namespace sluice::formats
