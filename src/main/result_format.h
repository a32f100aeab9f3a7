// Printing a query's result (a schema and its batches) as `sluice sql` shows it: Spark's
// HiveResult text (what the spark-sql CLI and Spark's golden files print), a terminal
// table, CSV or JSON lines. Pure functions over const data: thread-safe.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "common/status.h"
#include "exec/batch_store.h"
#include "types/schema.h"
#include "types/time_zone.h"
#include "vector/batch.h"

namespace sluice::main {

enum class ResultFormat { kTable, kTsv, kTsvWithSchema, kCsv, kJson };

struct ResultFormatOptions {
  const types::TimeZone* zone;  // the session time zone; never null
};

// Spark's HiveResult.hiveResultString text of one value (top level: NULL -> "NULL").
std::string HiveText(const vector::Vector& v, size_t row, const ResultFormatOptions& o);
// Spark's DataType.catalogString of a schema: struct<a:int,count(b):bigint,m:map<string,int>>
std::string CatalogString(const types::Schema& schema);
// Writes all rows in the format to `out`.
Status WriteResult(const types::Schema& schema, const exec::BatchStore& batches,
                   ResultFormat format, const ResultFormatOptions& o, std::ostream& out);

}  // namespace sluice::main
