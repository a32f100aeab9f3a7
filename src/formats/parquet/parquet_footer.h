// Reading a Parquet file's footer: checks the magic bytes, finds the FileMetaData from
// the length before the trailing "PAR1", and parses it; errors name the file and byte
// offset. Also the text form of footer values (statistics) for `sluice inspect`.
// Stateless functions: thread-safe.
#pragma once

#include <string>

#include "formats/parquet/parquet_metadata.h"
#include "io/file_system.h"

namespace sluice::formats::parquet {

inline constexpr std::string_view kParquetMagic = "PAR1";

Result<FileMetaData> ReadParquetFooter(io::RandomAccessFile& file);

// A statistics value (PLAIN bytes, no length prefix) as text for the column's type:
// numbers, dates, timestamps in UTC, decimals, UTF-8 strings; hex for other bytes.
std::string FormatStatisticsValue(std::string_view bytes, const SchemaElement& column);

}  // namespace sluice::formats::parquet
