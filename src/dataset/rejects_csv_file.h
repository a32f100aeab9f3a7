// RejectsCsvFile: a RejectSink that streams rejects to a file in the rejects CSV format
// (header file,line,byte_offset,column,reason,raw) through a buffer of bounded size.
// Thread-safe, as every RejectSink.
#pragma once

#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>

#include "formats/reject_sink.h"
#include "io/file_system.h"

namespace sluice::formats {

// The rejects CSV format: this header line, then one AppendRejectCsvLine per reject.
inline constexpr std::string_view kRejectsCsvHeader = "file,line,byte_offset,column,reason,raw\n";
void AppendRejectCsvLine(std::string* out, const RejectedRow& row);

// Close() flushes and closes the file.
class RejectsCsvFile final : public RejectSink {
 public:
  static Result<std::shared_ptr<RejectsCsvFile>> Open(io::FileSystem& fs, const std::string& path);
  Status Add(std::span<const RejectedRow> rows) override;
  Status Flush() override;
  Status Close();

 private:
  static constexpr size_t kBufferBytes = 1 << 20;
  RejectsCsvFile(std::unique_ptr<io::WritableFile> file, std::string path)
      : file_(std::move(file)), path_(std::move(path)) {}
  Status FlushLocked();

  std::mutex mu_;
  std::unique_ptr<io::WritableFile> file_;  // guarded by mu_
  std::string buffer_;                      // guarded by mu_
  Status failed_;                           // guarded by mu_: the first write error, kept
  std::string path_;
};

}  // namespace sluice::formats
