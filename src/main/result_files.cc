#include "main/result_files.h"

#include <sstream>

#include "main/result_format.h"

namespace sluice::main {

Status WriteResultFiles(std::shared_ptr<io::FileSystem> fs, const types::Schema& schema,
                        const exec::BatchStore& batches, const std::string& path,
                        formats::DatasetWriteOptions options) {
  const auto ends_with = [&](const std::string& e) {
    return path.size() >= e.size() && path.compare(path.size() - e.size(), e.size(), e) == 0;
  };
  if (ends_with(".json") || ends_with(".jsonl")) {
    std::ostringstream out;
    ResultFormatOptions text;
    text.zone = &options.session_time_zone;
    SLUICE_RETURN_NOT_OK(WriteResult(schema, batches, ResultFormat::kJson, text, out));
    return fs->WriteAll(path, out.str());
  }
  SLUICE_ASSIGN_OR_RAISE(std::unique_ptr<formats::DatasetWriter> writer,
                         formats::DatasetWriter::Open(fs, path, schema, std::move(options)));
  if (writer->skipped()) return Status::OK();
  for (size_t i = 0; i < batches.batch_count(); ++i) {
    Result<vector::Batch> b = batches.Read(i);
    Status st = b.ok() ? writer->Write(0, *b) : b.status();
    if (!st.ok()) {
      writer->Abort();
      return st;
    }
  }
  return writer->Commit().status();
}

}  // namespace sluice::main
