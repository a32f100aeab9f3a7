// ColumnPredicate: one simple condition on a column (=, <, <=, >, >=, IN, IS NULL,
// IS NOT NULL) with its literals as text: what the readers use to skip partitions, row
// groups and rows. They come from SQL conditions (main/scan_pushdown derives them from a
// bound condition's conjuncts). BoundPredicates types the literals by their columns and decides
// whether values with a given min, max and NULLs can satisfy a predicate (for statistics, a
// partition value, or one row: min = max). SQL's rule holds: no comparison with NULL is
// true. Immutable after Make: thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "types/decimal.h"
#include "types/schema.h"
#include "types/time_zone.h"

namespace sluice::formats {

struct ColumnPredicate {
  enum class Op { kEq, kLt, kLe, kGt, kGe, kIn, kIsNull, kIsNotNull };
  std::string column;
  Op op = Op::kEq;
  std::vector<std::string> values;  // literals as text, read as the column's type
};

class BoundPredicates {
 public:
  // Values compare within one kind: integers (dates as days, timestamps in microseconds,
  // decimals unscaled, booleans as 0/1), floating point (NaN above every number), or bytes.
  using Scalar = std::variant<types::Int128, double, std::string>;

  // Parses every literal by the column's type in `schema`; errors name the predicate.
  // Columns are found by name as spark.sql.caseSensitive = `case_sensitive` says.
  static Result<BoundPredicates> Make(std::vector<ColumnPredicate> predicates,
                                      const types::Schema& schema,
                                      const types::TimeZone& session_time_zone,
                                      bool case_sensitive = false);

  size_t size() const { return predicates_.size(); }
  const ColumnPredicate& predicate(size_t i) const { return predicates_[i]; }
  // The schema field predicate `i` is on.
  size_t field(size_t i) const { return fields_[i]; }
  // False when no set of values with this min and max (nullopt: unknown), holding NULLs
  // or not, or only NULLs, can satisfy predicate `i`.
  bool MayMatch(size_t i, const std::optional<Scalar>& min, const std::optional<Scalar>& max,
                bool has_nulls, bool all_null) const;
  // Orders two values of one kind: -1, 0 or 1.
  static int Compare(const Scalar& a, const Scalar& b);
  // Whether one value (nullopt for NULL) satisfies predicate `i`.
  bool Matches(size_t i, const std::optional<Scalar>& value) const {
    return MayMatch(i, value, value, !value, !value);
  }

 private:
  std::vector<ColumnPredicate> predicates_;
  std::vector<size_t> fields_;
  std::vector<std::vector<Scalar>> literals_;
};

}  // namespace sluice::formats
