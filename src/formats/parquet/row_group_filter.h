// RowGroupFilter: a conjunction of simple column predicates (=, <, <=, >, >=, IN, IS NULL,
// IS NOT NULL) checked against row-group statistics and Hive partition values, so that a
// reader skips row groups, and whole files, in which no row can match. Statistics are
// checked first (ChunkStatistics::Of): writers have shipped wrong ones, and a skip is only
// right when they are. Immutable after Make: thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "formats/column_predicate.h"
#include "formats/parquet/parquet_metadata.h"

namespace sluice::formats::parquet {

using formats::ColumnPredicate;

// What the statistics of a flat (not nested, not repeated) column chunk prove about its
// values: nothing unknown is assumed.
struct ChunkStatistics {
  std::optional<BoundPredicates::Scalar> min, max;  // in the column's order
  bool has_nulls = true;
  bool all_null = false;

  // The chunk's statistics, or nothing known when they contradict themselves or the
  // row group of `num_rows` rows (a value count that is not the row count, more NULLs
  // than values, NULLs in a REQUIRED column, min above max, a bound outside the column's
  // integer range, min/max beside only NULLs). min/max are used only in an order the
  // file defines for them: `type_defined_order` is the file's ColumnOrder for the leaf.
  static ChunkStatistics Of(const SchemaElement& element, const ColumnMetaData& chunk,
                            int64_t num_rows, bool type_defined_order);
};

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
  bool MayMatch(size_t i, const ChunkStatistics& stats) const {
    return predicates_.MayMatch(i, stats.min, stats.max, stats.has_nulls, stats.all_null);
  }
  // The same for a partition column whose value (nullopt for NULL) every row shares.
  bool MayMatchValue(size_t i, const std::optional<std::string>& raw) const;

 private:
  BoundPredicates predicates_;
};

}  // namespace sluice::formats::parquet
