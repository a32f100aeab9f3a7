// The comment a query's output column shows in DESCRIBE QUERY: a stored column's comment
// stays with the column while operators pass it on unchanged (projected, aliased, grouped
// by, filtered, joined), as Spark keeps an attribute's metadata; a computed value has none.
// Pure function over an immutable plan: thread-safe.
#pragma once

#include <string>

#include "plan/logical_operator.h"

namespace sluice::plan {

std::string ColumnComment(const LogicalOperator& op, size_t column);

}  // namespace sluice::plan
