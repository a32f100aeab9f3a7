// Row-count estimates of plan operators, which the join order rule compares. Deliberately
// simple, textbook guesses: leaves are counted (VALUES, range) or guessed by their table
// source without reading rows; each filter conjunct keeps a fixed share of the rows; a
// grouping keeps a tenth; a join on an equality gives as many rows as its larger input
// (a foreign key into a dimension), a cross join the product. Pure functions: thread-safe.
#pragma once

#include <optional>

#include "plan/logical_operator.h"

namespace sluice::optimizer {

// The rows `op` is guessed to give; none when a table below it has no estimate.
std::optional<double> EstimateRows(const plan::LogicalOperator& op);

// Whether a join conjunct over an input row `left_width` columns wide is an equality of a
// left-side expression and a right-side one (a hash join key).
bool IsEquiJoinConjunct(const plan::Expression& conjunct, size_t left_width);

}  // namespace sluice::optimizer
