#include "formats/json/json_records.h"

#include <algorithm>
#include <cstring>

namespace sluice::formats::json {
namespace {

bool IsBlank(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

}  // namespace

Status ForEachJsonRecord(std::string_view text, uint64_t begin, uint64_t end, bool multi_line,
                         const std::function<Status(const JsonRecord&)>& fn) {
  end = std::min<uint64_t>(end, text.size());
  if (multi_line) {
    const std::string_view all = text.substr(begin, end - begin);
    if (IsBlank(all)) return Status::OK();
    return fn(JsonRecord{all, begin, 0});
  }
  uint64_t line = 0;
  for (uint64_t pos = begin; pos < end; ++line) {
    const void* nl = std::memchr(text.data() + pos, '\n', end - pos);
    const uint64_t stop = nl ? static_cast<const char*>(nl) - text.data() : end;
    std::string_view record = text.substr(pos, stop - pos);
    if (!record.empty() && record.back() == '\r') record.remove_suffix(1);
    if (!IsBlank(record)) SLUICE_RETURN_NOT_OK(fn(JsonRecord{record, pos, line}));
    pos = stop + 1;
  }
  return Status::OK();
}

std::vector<uint64_t> SplitAtLines(std::string_view text, uint64_t begin, uint64_t target) {
  std::vector<uint64_t> starts{begin};
  target = std::max<uint64_t>(target, 1);
  // (Compared as lengths: begin + target may not fit in 64 bits.)
  while (starts.back() < text.size() && text.size() - starts.back() > target) {
    const uint64_t cut = starts.back() + target;
    // The range ends after the line break at or after its last byte.
    const void* nl = std::memchr(text.data() + cut - 1, '\n', text.size() - cut + 1);
    if (nl == nullptr) break;
    const uint64_t next = static_cast<const char*>(nl) - text.data() + 1;
    if (next >= text.size()) break;
    starts.push_back(next);
  }
  return starts;
}

uint64_t CountLines(std::string_view text, uint64_t begin, uint64_t end) {
  return std::count(text.begin() + begin, text.begin() + std::min<uint64_t>(end, text.size()),
                    '\n');
}

}  // namespace sluice::formats::json
