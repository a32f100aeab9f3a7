// Fuzzes the Parquet metadata parsers: the footer (FileMetaData) and page headers, from
// untrusted bytes; also checks that serializing what parsed is stable (parse and
// serialize again gives the same bytes).
#include <cstdint>
#include <string>

#include "formats/parquet/parquet_metadata.h"

using namespace sluice::formats::parquet;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto footer = ParseFileMetaData(bytes);
  if (footer.ok()) {
    std::string once = SerializeFileMetaData(*footer);
    auto again = ParseFileMetaData(once);
    if (!again.ok() || SerializeFileMetaData(*again) != once) __builtin_trap();
  }
  size_t header_size = 0;
  auto header = ParsePageHeader(bytes, &header_size);
  if (header.ok() && header_size > size) __builtin_trap();
  return 0;
}
