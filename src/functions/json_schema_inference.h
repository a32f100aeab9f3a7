// schema_of_json's inference, as Spark's JsonInferSchema: integers BIGINT (a DECIMAL when
// too long), other numbers DOUBLE (or DECIMAL with prefersDecimal), objects STRUCT with
// fields sorted by name, arrays of the elements' common type, NULL and empty arrays STRING
// in the end; primitivesAsString makes every primitive a STRING. Pure: thread-safe.
#pragma once

#include <simdjson.h>

#include "types/logical_type.h"

namespace sluice::functions {

struct JsonInferOptions {
  bool primitives_as_string = false;
  bool prefers_decimal = false;
};

// The type of `e`, NULL types already replaced by STRING.
types::LogicalType InferJsonType(simdjson::dom::element e, const JsonInferOptions& o);

// The steps of InferJsonType, for inference over many records (the JSON files reader):
// one value's type with NULL kept (null values, empty arrays), the type two records'
// types widen to (compatibleType), and NULL replaced by STRING at the end.
types::LogicalType InferJsonValueType(simdjson::dom::element e, const JsonInferOptions& o);
types::LogicalType MergeJsonTypes(const types::LogicalType& a, const types::LogicalType& b);
types::LogicalType CanonicalJsonType(const types::LogicalType& t);

}  // namespace sluice::functions
