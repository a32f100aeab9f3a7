// JsonRecordDecoder: one JSON record (a line of a JSON-lines file, or a multiLine file's
// whole document) parsed, and its objects read into rows of a batch as Spark's JSON source
// reads them: top-level fields to columns by name (case-insensitive unless case_sensitive;
// an exact match wins), fields not in the schema ignored, missing ones NULL, values through
// functions::JsonReader's conversions (nested STRUCT, ARRAY, MAP, dates and timestamps by
// the options' patterns). The corrupt-record column, when the schema has it, is left to
// the caller. One decoder per thread (it holds a simdjson parser).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "formats/json/json_read_options.h"
#include "functions/json_reader.h"
#include "vector/batch.h"

namespace sluice::formats::json {

// Why a record, or one of its fields, could not be read.
struct RecordProblem {
  std::string column;  // empty when the whole record is at fault
  std::string reason;
};

class JsonRecordDecoder {
 public:
  // `read_columns` are the columns of `schema` filled from the records (not partition
  // columns, not the corrupt-record column). The decoder keeps references to `schema` and
  // `options`.
  JsonRecordDecoder(const types::Schema& schema, const std::vector<size_t>& read_columns,
                    const JsonReadOptions& options);

  // `text` as a JSON document; nullopt when it is not JSON (with the options' leniency). The
  // element is valid until the next Parse.
  std::optional<simdjson::dom::element> Parse(std::string_view text);

  // Reads `o` into row `row` of the read columns. False when a field's value does not fit
  // its column's type: that column is NULL, the other fields are kept (Spark's partial
  // results), and `problem` says which field and why. An error for a value Spark refuses
  // to read in any mode (a datetime matching its pattern but out of range).
  Result<bool> ReadObject(simdjson::dom::object o, vector::Batch& batch, size_t row,
                          RecordProblem* problem);
  // Every read column of row `row` NULL (a record that is not JSON, or not an object).
  void SetNullRow(vector::Batch& batch, size_t row);

 private:
  // The column a field name goes to, or -1; `exact` says whether the name is the column's.
  int ColumnOf(std::string_view name, bool* exact) const;

  const types::Schema& schema_;
  const std::vector<size_t>& read_columns_;
  const bool case_sensitive_;
  std::unordered_map<std::string, size_t> exact_;   // name -> column
  std::unordered_map<std::string, size_t> folded_;  // lower-cased name -> column
  functions::JsonReader reader_;
  simdjson::dom::parser parser_;
  const functions::JsonLeniency leniency_;
  // Per column, how a field of the current object matched it: an exact name wins over
  // names that differ in case only, whatever their order.
  enum class Match : uint8_t { kNone, kFolded, kExact };
  std::vector<Match> present_;
};

// "a number", "a string", ...: how a problem names a JSON value's kind.
std::string JsonKindName(simdjson::dom::element e);

}  // namespace sluice::formats::json
