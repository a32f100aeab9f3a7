// Spark's implicit type rules (TypeCoercion, DecimalPrecision; non-ANSI).
// Pure functions: thread-safe.
#pragma once

#include <optional>
#include <vector>

#include "types/logical_type.h"

namespace sluice::functions {

std::optional<types::LogicalType> WiderType(const types::LogicalType& a,
                                            const types::LogicalType& b);
std::optional<types::LogicalType> WiderType(const std::vector<types::LogicalType>& types);
std::optional<types::LogicalType> ComparisonType(const types::LogicalType& a,
                                                 const types::LogicalType& b);
types::LogicalType DecimalResultType(char op, const types::LogicalType& a,
                                     const types::LogicalType& b, bool allow_precision_loss);
types::LogicalType DecimalForIntegral(types::TypeId id);

}  // namespace sluice::functions
