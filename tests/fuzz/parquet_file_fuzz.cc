// Fuzzes whole Parquet files through ParquetReader: footer, schema mapping (nested
// groups, legacy list layouts), column chunk offsets, pages, levels and the assembly of
// nested values. Seeds in tests/fuzz/seeds/parquet_file_fuzz are small valid files.
#include <cstdint>
#include <string>

#include "dataset/table_reader.h"
#include "formats/parquet/parquet_reader.h"
#include "io/memory_file_system.h"

using namespace sluice;
using namespace sluice::formats::parquet;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto fs = std::make_shared<io::MemoryFileSystem>();
  {
    auto file = fs->OpenWrite("/f.parquet");
    if (!file.ok()) return 0;
    if (!(*file)->Append(std::string_view(reinterpret_cast<const char*>(data), size)).ok() ||
        !(*file)->Close().ok()) {
      return 0;
    }
  }
  ParquetReadOptions options;
  auto reader = formats::OpenParquetReader(fs, {"/f.parquet"}, options);
  if (!reader.ok()) return 0;
  size_t rows = 0;
  (void)formats::ReadTable(
      **reader,
      [&](size_t, const vector::Batch& batch) {
        rows += batch.num_rows();
        return Status::OK();
      },
      true);
  return 0;
}
