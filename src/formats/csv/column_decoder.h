// ColumnDecoder: turns the text of one CSV field into a typed value in a Vector, with
// Spark's rules for each type and the reader's options (nanValue, dateFormat,
// timestampFormat, the session time zone). Immutable: thread-safe to share.
#pragma once

#include <string>
#include <string_view>

#include "formats/csv/csv_options.h"
#include "types/schema.h"
#include "vector/vector.h"

namespace sluice::formats::csv {

class ColumnDecoder {
 public:
  // Fails for types a CSV file cannot hold (ARRAY, MAP, STRUCT, INTERVAL), as Spark does.
  static Result<ColumnDecoder> Make(const types::Field& field, const CsvOptions& options);

  // Writes row `row`; false when `text` is not a value of the type. `stable` says the
  // bytes outlive the vector (they are pinned in its heap), so strings need no copy.
  bool Decode(std::string_view text, bool stable, vector::Vector* out, size_t row) const {
    return decode_(*this, text, stable, out, row);
  }
  // "an INT", "a TIMESTAMP (yyyy-MM-dd HH:mm:ss)": for reject reasons.
  std::string Expected() const;

 private:
  using DecodeFn = bool (*)(const ColumnDecoder&, std::string_view, bool, vector::Vector*, size_t);
  // One function per type, chosen once in Make: no type switch per value.
  template <types::TypeId kId>
  static bool DecodeAs(const ColumnDecoder& self, std::string_view text, bool stable,
                       vector::Vector* out, size_t row);

  ColumnDecoder(types::LogicalType type, const CsvOptions* options, DecodeFn decode)
      : type_(std::move(type)), options_(options), decode_(decode) {}
  bool DecodeFloating(std::string_view text, double* out) const;

  types::LogicalType type_;
  const CsvOptions* options_;
  DecodeFn decode_;
};

}  // namespace sluice::formats::csv
