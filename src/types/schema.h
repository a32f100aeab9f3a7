// Schema: an ordered list of named, typed columns. Immutable after construction:
// thread-safe to share.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "types/logical_type.h"

namespace sluice::types {

class Schema {
 public:
  Schema() = default;
  explicit Schema(std::vector<Field> fields) : fields_(std::move(fields)) {}

  const std::vector<Field>& fields() const { return fields_; }
  size_t size() const { return fields_.size(); }
  const Field& field(size_t i) const { return fields_[i]; }

  // Column lookup ignores ASCII case unless `case_sensitive`, as Spark's
  // spark.sql.caseSensitive (false by default) decides. The first match wins.
  std::optional<size_t> FindField(std::string_view name, bool case_sensitive = false) const;
  Schema AddField(Field field) const;

  // "id INT, ts TIMESTAMP, amount DECIMAL(12,2)": what `sluice schema` prints.
  std::string ToDdl() const;
  // Spark's StructType JSON document.
  std::string ToJson() const;

  bool operator==(const Schema& other) const { return fields_ == other.fields_; }

 private:
  std::vector<Field> fields_;
};

// Whether two column names are the same under spark.sql.caseSensitive = `case_sensitive`.
bool SameColumnName(std::string_view a, std::string_view b, bool case_sensitive);

// Parses a Spark DDL string: "a INT, b DECIMAL(10,2) NOT NULL, `c d` ARRAY<STRING>".
Result<Schema> ParseDdlSchema(std::string_view ddl);
// Parses one type name as written in DDL: "DECIMAL(12,2)", "map<string,int>".
Result<LogicalType> ParseDdlType(std::string_view text);
// Parses a Spark StructType JSON document; also accepts a document without the
// top-level "type": "struct" and fields without "metadata".
Result<Schema> ParseStructTypeJson(std::string_view json);
// Either of the above, chosen by the first non-blank character ('{' means JSON).
Result<Schema> ParseSchema(std::string_view text);

}  // namespace sluice::types
