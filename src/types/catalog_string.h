// Spark's DataType.catalogString: the lower-case type names Spark prints in schemas and
// typeof(): int, decimal(10,2), array<string>, map<int,string>, struct<a:int,b:string>
// (field names raw, not quoted), void for the NULL type. Pure function: thread-safe.
#pragma once

#include <string>

#include "types/logical_type.h"

namespace sluice::types {

std::string CatalogString(const LogicalType& type);

}  // namespace sluice::types
