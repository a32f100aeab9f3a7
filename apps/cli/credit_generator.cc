#include "credit_generator.h"

#include <cstdio>
#include <memory>

#include "formats/parquet/parquet_writer.h"
#include "split_mix64.h"
#include "types/datetime_format.h"
#include "vector/batch.h"

namespace sluice::cli {
namespace {

struct CreditRow {
  char id[16];
  int32_t dims[3];
};

// A credit's dims on a day: each keeps its value for a period of 20..119 days of its own,
// so snapshots change slowly and differently per credit.
CreditRow MakeRow(uint64_t seed, uint64_t credit, int64_t day) {
  static constexpr uint64_t kRanges[3] = {10, 100, 10000};
  CreditRow row;
  std::snprintf(row.id, sizeof(row.id), "CR%08llu", static_cast<unsigned long long>(credit + 1));
  for (int k = 0; k < 3; ++k) {
    const uint64_t key = (seed * 4 + k) * 0x9e3779b97f4a7c15ULL + credit;
    const uint64_t period = 20 + MixHash(key, 1) % 100;
    const uint64_t epoch = (static_cast<uint64_t>(day) + MixHash(key, 2) % period) / period;
    row.dims[k] = static_cast<int32_t>(MixHash(key, epoch + 3) % kRanges[k]);
  }
  return row;
}

Status WriteCsv(io::FileSystem& fs, const std::string& path, uint64_t seed, uint64_t credits,
                int64_t day) {
  SLUICE_ASSIGN_OR_RAISE(auto file, fs.OpenWrite(path));
  const std::string date = types::FormatDate(static_cast<int32_t>(day));
  std::string buffer = "id,record_date,dim1,dim2,dim3\n";
  for (uint64_t c = 0; c < credits; ++c) {
    const CreditRow row = MakeRow(seed, c, day);
    char line[96];
    std::snprintf(line, sizeof(line), "%s,%s,%d,%d,%d\n", row.id, date.c_str(), row.dims[0],
                  row.dims[1], row.dims[2]);
    buffer += line;
  }
  SLUICE_RETURN_NOT_OK(file->Append(buffer));
  return file->Close();
}

Status WriteParquet(io::FileSystem& fs, const std::string& path,
                    const std::shared_ptr<const types::Schema>& schema, uint64_t seed,
                    uint64_t credits, int64_t day) {
  SLUICE_ASSIGN_OR_RAISE(
      auto writer, formats::parquet::ParquetWriter::Open(fs, path, *schema,
                                                         formats::parquet::ParquetWriteOptions{}));
  SLUICE_ASSIGN_OR_RAISE(auto batch, vector::Batch::Make(schema));
  for (uint64_t c = 0; c < credits; ++c) {
    const CreditRow row = MakeRow(seed, c, day);
    const size_t r = batch.num_rows();
    batch.column(0).data<vector::StringRef>()[r] = batch.column(0).heap().Add(row.id);
    batch.column(1).data<int32_t>()[r] = static_cast<int32_t>(day);
    for (int k = 0; k < 3; ++k) batch.column(2 + k).data<int32_t>()[r] = row.dims[k];
    batch.set_num_rows(r + 1);
    if (batch.num_rows() == batch.capacity() || c + 1 == credits) {
      SLUICE_RETURN_NOT_OK(writer->Write(batch));
      batch.Reset();
    }
  }
  return writer->Finish().status();
}

}  // namespace

Status GenerateCredits(io::FileSystem& fs, const std::string& out_dir,
                       const CreditGeneratorOptions& options) {
  if (options.days < 1 || options.credits < 2)
    return Status::Invalid("--days must be at least 1 and --credits at least 2");
  SLUICE_ASSIGN_OR_RAISE(auto schema,
                         types::ParseDdlSchema("id STRING, record_date DATE, dim1 INT, dim2 INT, "
                                               "dim3 INT"));
  auto shared_schema = std::make_shared<const types::Schema>(std::move(schema));
  // Credits 0..N/2-1 exist from the first day; the others appear one after another, evenly
  // spread over the days, so the credits of a day are always 0..alive-1.
  const uint64_t initial = options.credits / 2, added = options.credits - initial;
  for (int d = 0; d < options.days; ++d) {
    const int64_t day = options.start_day + d;
    if (options.skip_days.count(static_cast<int32_t>(day))) continue;
    const uint64_t alive = initial + added * (d + 1) / options.days;
    const std::string dir =
        out_dir + "/record_date=" + types::FormatDate(static_cast<int32_t>(day));
    SLUICE_RETURN_NOT_OK(fs.CreateDirs(dir));
    SLUICE_RETURN_NOT_OK(
        options.parquet
            ? WriteParquet(fs, dir + "/part-0.parquet", shared_schema, options.seed, alive, day)
            : WriteCsv(fs, dir + "/part-0.csv", options.seed, alive, day));
  }
  return Status::OK();
}

}  // namespace sluice::cli
