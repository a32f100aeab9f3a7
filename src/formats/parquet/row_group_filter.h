// RowGroupFilter: a conjunction of simple column predicates (=, <, <=, >, >=, IN, IS NULL,
// IS NOT NULL) checked against row-group statistics and Hive partition values, so that a
// reader skips row groups, and whole files, in which no row can match. It only skips;
// rows of the groups it keeps are not filtered (that is the query engine's work).
// Immutable after Make: thread-safe.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "formats/parquet/parquet_metadata.h"
#include "types/decimal.h"
#include "types/schema.h"
#include "types/time_zone.h"

namespace sluice::formats::parquet {

struct ColumnPredicate {
  enum class Op { kEq, kLt, kLe, kGt, kGe, kIn, kIsNull, kIsNotNull };
  std::string column;
  Op op = Op::kEq;
  std::vector<std::string> values;  // literals as text, read as the column's type
};

class RowGroupFilter {
 public:
  // Values compare within one kind: integers (dates, timestamps in microseconds, decimals
  // unscaled), floating point, or bytes.
  using Scalar = std::variant<types::Int128, double, std::string>;

  // Parses every literal by the column's type in `schema`; errors name the predicate.
  static Result<RowGroupFilter> Make(std::vector<ColumnPredicate> predicates,
                                     const types::Schema& schema,
                                     const types::TimeZone& session_time_zone);

  bool empty() const { return predicates_.empty(); }
  // False when the statistics prove that no row of the chunk satisfies predicate `i`.
  bool MayMatch(size_t i, const SchemaElement& element, const ColumnMetaData& chunk) const;
  // The same for a partition column whose value (nullopt for NULL) every row shares.
  bool MayMatchValue(size_t i, const std::optional<std::string>& raw) const;
  const std::vector<ColumnPredicate>& predicates() const { return predicates_; }

 private:
  bool Compare(size_t i, const std::optional<Scalar>& min, const std::optional<Scalar>& max,
               bool has_nulls, bool all_null) const;

  std::vector<ColumnPredicate> predicates_;
  std::vector<types::LogicalType> types_;
  std::vector<std::vector<Scalar>> literals_;
  types::TimeZone session_time_zone_ = types::TimeZone::Utc();
};

}  // namespace sluice::formats::parquet
