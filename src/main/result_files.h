// Writing a query's rows to files: a folder of part files (Hive partitions, save modes) or
// one file when the path has a .parquet / .csv extension, through formats::DatasetWriter;
// `.json` / `.jsonl` paths get JSON lines. Used by `sluice sql --output` and DataFrame::Write.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "dataset/dataset_writer.h"
#include "exec/batch_store.h"
#include "io/file_system.h"
#include "vector/batch.h"

namespace sluice::main {

Status WriteResultFiles(std::shared_ptr<io::FileSystem> fs, const types::Schema& schema,
                        const exec::BatchStore& batches, const std::string& path,
                        formats::DatasetWriteOptions options);

}  // namespace sluice::main
