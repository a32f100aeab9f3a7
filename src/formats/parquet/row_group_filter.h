// RowGroupFilter: a conjunction of simple column predicates (=, <, <=, >, >=, IN, IS NULL,
// IS NOT NULL) checked against row-group statistics and Hive partition values, so that a
// reader skips row groups, and whole files, in which no row can match.
// Immutable after Make: thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "formats/column_predicate.h"
#include "formats/parquet/parquet_metadata.h"

namespace sluice::formats::parquet {

using formats::ColumnPredicate;

class RowGroupFilter {
 public:
  // Parses every literal by the column's type in `schema`; errors name the predicate.
  static Result<RowGroupFilter> Make(std::vector<ColumnPredicate> predicates,
                                     const types::Schema& schema,
                                     const types::TimeZone& session_time_zone,
                                     bool case_sensitive) {
    RowGroupFilter f;
    SLUICE_ASSIGN_OR_RAISE(f.predicates_, BoundPredicates::Make(std::move(predicates), schema,
                                                                session_time_zone, case_sensitive));
    return f;
  }

  size_t size() const { return predicates_.size(); }
  const ColumnPredicate& predicate(size_t i) const { return predicates_.predicate(i); }
  // False when the statistics prove that no row of the chunk satisfies predicate `i`.
  bool MayMatch(size_t i, const SchemaElement& element, const ColumnMetaData& chunk) const;
  // The same for a partition column whose value (nullopt for NULL) every row shares.
  bool MayMatchValue(size_t i, const std::optional<std::string>& raw) const;

 private:
  BoundPredicates predicates_;
};

}  // namespace sluice::formats::parquet
