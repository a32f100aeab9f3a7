// Fuzzes the JSON files reader end to end: records, lenient parsing, conversions, modes,
// inference. The first input byte picks the options; the rest is a file. Besides "no
// crash", it checks that parallel byte ranges give the rows and rejects one range gives.
#include <atomic>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dataset/table_reader.h"
#include "io/memory_file_system.h"

using namespace sluice;
using namespace sluice::formats::json;

namespace {

struct Outcome {
  bool ok = false;
  uint64_t rows = 0;
  std::vector<uint64_t> reject_lines;
};

Outcome Read(std::shared_ptr<io::FileSystem> fs, JsonReadOptions options, bool inferred,
             uint64_t range_bytes) {
  Outcome out;
  options.range_bytes = range_bytes;
  std::optional<types::Schema> schema;
  if (!inferred) {
    schema = *types::ParseDdlSchema(
        "a INT, b DOUBLE, c TIMESTAMP, d DECIMAL(10,2), e STRING, f DATE, g BOOLEAN, "
        "h ARRAY<STRUCT<x: BIGINT>>, m MAP<STRING, INT>, _corrupt_record STRING");
  }
  auto reader = formats::OpenJsonReader(fs, {"/f.json"}, options, schema);
  if (!reader.ok()) return out;
  auto rejects = std::make_shared<formats::CollectingRejectSink>();
  (*reader)->set_reject_sink(rejects);
  std::atomic<uint64_t> rows{0};
  Status st = formats::ReadTable(
      **reader,
      [&](size_t, const vector::Batch& batch) {
        rows += batch.num_selected();
        return Status::OK();
      },
      /*ordered=*/false);
  out.ok = st.ok();
  out.rows = rows;
  for (const formats::RejectedRow& r : rejects->Sorted()) out.reject_lines.push_back(r.line);
  if (out.ok && out.reject_lines.size() != (*reader)->stats().rows_rejected) __builtin_trap();
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const uint8_t pick = data[0];
  auto fs = std::make_shared<io::MemoryFileSystem>();
  fs->Store("/f.json", std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
  std::map<std::string, std::string> map;
  map["multiLine"] = pick & 1 ? "true" : "false";
  map["mode"] = pick & 2 ? "DROPMALFORMED" : pick & 4 ? "FAILFAST" : "PERMISSIVE";
  map["allowSingleQuotes"] = pick & 8 ? "false" : "true";
  map["allowNumericLeadingZeros"] = pick & 16 ? "true" : "false";
  if (pick & 32) map["prefersDecimal"] = "true";
  auto options = JsonReadOptions::FromMap(map, types::TimeZone::Utc());
  if (!options.ok()) __builtin_trap();
  const bool inferred = pick & 64;
  const Outcome whole = Read(fs, *options, inferred, UINT64_MAX);
  const Outcome ranged = Read(fs, *options, inferred, 1 + pick % 13);
  if (whole.ok != ranged.ok) __builtin_trap();
  if (whole.ok && (whole.rows != ranged.rows || whole.reject_lines != ranged.reject_lines))
    __builtin_trap();
  return 0;
}
