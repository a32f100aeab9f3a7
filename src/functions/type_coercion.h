// Spark 3.5's implicit type rules (non-ANSI TypeCoercion.scala and DecimalPrecision.scala):
// the common type of two or more values (UNION, COALESCE, CASE, IN), the type both sides of
// a comparison are cast to, and the result types of decimal arithmetic.
// Pure functions: thread-safe.
#pragma once

#include <optional>
#include <vector>

#include "types/logical_type.h"

namespace sluice::functions {

// findTightestCommonType: the type both convert to without losing anything (numeric
// widening, an integer type into a DECIMAL wide enough, DATE and TIMESTAMP, NULL with
// anything, nested types element-wise); nullopt when there is none.
std::optional<types::LogicalType> TightestCommonType(const types::LogicalType& a,
                                                     const types::LogicalType& b);
// findWiderTypeForTwo: TightestCommonType, then decimal widening (integer types as
// DECIMAL(3|5|10|20,0); max(s1,s2) + max(p1-s1,p2-s2) capped at 38; FLOAT/DOUBLE with a
// DECIMAL -> DOUBLE), then STRING with any other atomic type but BOOLEAN and BINARY ->
// STRING; nested types element-wise (STRUCT fields by position, names equal ignoring case).
std::optional<types::LogicalType> WiderType(const types::LogicalType& a,
                                            const types::LogicalType& b);
// findWiderCommonType: types holding strings first, so the result does not depend on order.
std::optional<types::LogicalType> WiderType(const std::vector<types::LogicalType>& types);

// The type both sides of a binary comparison are cast to (PromoteStrings,
// DecimalPrecision, BooleanEquality, ImplicitTypeCasts): a STRING against another atomic
// type takes that type (against a DECIMAL: DOUBLE), DATE against TIMESTAMP compares as
// TIMESTAMP, numbers widen as in WiderType. `equality` (=, <=>) also lets a BOOLEAN meet a
// number, as that number's type. nullopt when the two cannot be compared.
std::optional<types::LogicalType> ComparisonType(const types::LogicalType& a,
                                                 const types::LogicalType& b,
                                                 bool equality = false);

// Result type of DECIMAL(p1,s1) op DECIMAL(p2,s2) for op in + - * / % (an integer operand
// counts as DecimalForIntegral), with spark.sql.decimalOperations.allowPrecisionLoss
// (true by default: the scale gives way, down to 6, to keep integer digits).
types::LogicalType DecimalResultType(char op, const types::LogicalType& a,
                                     const types::LogicalType& b, bool allow_precision_loss);
// DECIMAL type for an integral type (TINYINT -> DECIMAL(3,0), ... BIGINT -> DECIMAL(20,0)).
types::LogicalType DecimalForIntegral(types::TypeId id);
// DecimalType.isWiderThan: every value of `other` (a DECIMAL or integer type) fits `decimal`.
bool DecimalIsWiderThan(const types::LogicalType& decimal, const types::LogicalType& other);

}  // namespace sluice::functions
