#include "formats/parquet/parquet_write_options.h"

#include "formats/parquet/parquet_codec.h"
#include "types/text_parsing.h"

namespace sluice::formats::parquet {

Result<ParquetWriteOptions> ParquetWriteOptions::FromMap(
    const std::map<std::string, std::string>& options) {
  ParquetWriteOptions o;
  auto positive = [](const std::string& key, const std::string& value) -> Result<int64_t> {
    int64_t v = 0;
    if (!types::ParseInteger(value, 1, INT64_MAX, &v)) {
      return Status::Invalid("option '" + key + "': expected a positive number, found '" + value +
                             "'");
    }
    return v;
  };
  for (const auto& [key, value] : options) {
    if (key == "compression" || key == "codec") {
      SLUICE_ASSIGN_OR_RAISE(o.codec, CompressionCodecFromName(value));
    } else if (key == "parquet.block.size") {
      SLUICE_ASSIGN_OR_RAISE(o.row_group_bytes, positive(key, value));
    } else if (key == "rowGroupRows") {
      SLUICE_ASSIGN_OR_RAISE(o.row_group_rows, positive(key, value));
    } else if (key == "parquet.page.size") {
      SLUICE_ASSIGN_OR_RAISE(o.page_bytes, positive(key, value));
    } else if (key == "parquet.dictionary.page.size") {
      SLUICE_ASSIGN_OR_RAISE(o.dictionary_bytes, positive(key, value));
    } else if (key == "parquet.enable.dictionary") {
      o.dictionary = value == "true";
    } else {
      return Status::Invalid(
          "unknown Parquet write option '" + key +
          "' (known: compression, parquet.block.size, rowGroupRows, parquet.page.size, "
          "parquet.dictionary.page.size, parquet.enable.dictionary)");
    }
  }
  return o;
}

}  // namespace sluice::formats::parquet
