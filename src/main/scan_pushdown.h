// Scan pushdown: the conjuncts of a bound SQL condition that the readers can use to skip
// partitions, Parquet row groups and CSV rows, as ColumnPredicates (column op literal,
// IN, IS [NOT] NULL over a column itself). The others are left to the executor, which
// evaluates the whole condition anyway: pushdown only saves work.
// Pure function: thread-safe.
#pragma once

#include <vector>

#include "formats/column_predicate.h"
#include "plan/expression.h"
#include "types/schema.h"
#include "types/time_zone.h"

namespace sluice::main {

// `conjuncts` read columns of `columns` by position.
std::vector<formats::ColumnPredicate> PushdownPredicates(
    const std::vector<plan::ExprPtr>& conjuncts, const std::vector<types::Field>& columns,
    const types::TimeZone& zone);

}  // namespace sluice::main
