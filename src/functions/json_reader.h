// Reading JSON text into vectors of a given type, as Spark's JacksonParser does for
// from_json: objects into STRUCT (fields by name, others ignored) or MAP, arrays into ARRAY
// (a lone object read as a one-element array of structs), numbers only into numeric
// columns, any JSON value into a STRING column (as its text), dates and timestamps from
// strings with the options' patterns, intervals from strings (ReadIntervalText). Parsing goes
// through simdjson's DOM.
// A JsonReader holds a parser: one per thread.
#pragma once

#include <simdjson.h>

#include <string>
#include <string_view>
#include <utility>

#include "common/status.h"
#include "functions/json_options.h"
#include "types/time_zone.h"
#include "vector/vector.h"

namespace sluice::functions {

class JsonReader {
 public:
  JsonReader(const DateTimeOptions& formats, const JsonLeniency& lenient,
             const types::TimeZone& zone, ParseMode mode)
      : formats_(formats), lenient_(lenient), zone_(zone), mode_(mode) {}

  // Parses `text` into row `row` of `out`. A record that does not parse or does not match
  // the type gives, in PERMISSIVE mode, NULL for a top-level ARRAY or MAP and for a STRUCT
  // the fields that were read with NULL for the others (Spark 3.5's partial results);
  // in FAILFAST mode an error naming the record. A datetime matching its pattern but out of
  // range fails in any mode (ParseDateTimeText).
  Status Read(std::string_view text, vector::Vector& out, size_t row);
  // Reads one parsed value into row `row` of `out` by the same rules (a JSON null is a
  // NULL row); false, the row perhaps half written, when the value does not fit the type.
  // The JSON files reader reads each top-level field with it. A datetime matching its
  // pattern but out of range is an error here too, as in Spark's files reader.
  Result<bool> ReadValue(simdjson::dom::element e, vector::Vector& out, size_t row) {
    const bool ok = Convert(e, out, row);
    if (!error_.ok()) return std::exchange(error_, Status::OK());
    return ok;
  }

 private:
  bool Convert(simdjson::dom::element e, vector::Vector& out, size_t row);
  bool ConvertExactNumber(std::string_view number, vector::Vector& out, size_t row);
  bool ConvertStruct(simdjson::dom::object o, vector::Vector& out, size_t row, bool partial);

  const DateTimeOptions& formats_;
  const JsonLeniency lenient_;
  const types::TimeZone& zone_;
  ParseMode mode_;
  // An error that fails the query whatever the mode (a datetime Spark 3.5 refuses to read).
  Status error_;
  simdjson::dom::parser parser_;
};

// Parses `text` as one JSON document (nullopt when it is not valid JSON, even with the
// leniency given). `parser` keeps the document's memory: the element is valid until the
// parser's next use. Lenient text is rewritten as standard JSON first (only when the text
// does not parse as it is): single-quoted strings double-quoted, leading zeros dropped,
// NaN/Infinity tokens made strings, which the numeric readers accept. With exact_numbers,
// numbers of more than 15 digits are kept as marked text, which the reader and the text
// writers read exactly (a double would round them; simdjson refuses integers past 2^64).
std::optional<simdjson::dom::element> ParseJson(simdjson::dom::parser& parser,
                                                std::string_view text,
                                                const JsonLeniency& lenient = {});

// Appends `e` as compact JSON text (numbers as Jackson writes them).
void AppendJsonElement(simdjson::dom::element e, std::string* out);
// A value as get_json_object and json_tuple return it: strings unquoted, anything else as
// compact JSON.
std::string JsonElementText(simdjson::dom::element e);

}  // namespace sluice::functions
