// Fuzzes the datetime pattern compiler and parsers: the first bytes up to a NUL are a
// pattern, the rest a value. Also checks that what a pattern formats, it parses back.
#include <cstdint>
#include <string>

#include "types/datetime_format.h"
#include "types/decimal.h"
#include "types/schema.h"
#include "types/text_parsing.h"

using namespace sluice::types;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  size_t nul = input.find('\0');
  std::string pattern = input.substr(0, nul);
  std::string value = nul == std::string::npos ? input : input.substr(nul + 1);
  ParsedDateTime p;
  ParseIsoTimestamp(value, &p);
  ParseIsoDate(value, &p);
  Int128 d;
  ParseDecimal(value, 38, 10, &d);
  double x;
  ParseDouble(value, &x);
  (void)ParseDdlSchema(value);
  (void)ParseStructTypeJson(value);
  auto format = DateTimeFormat::Compile(pattern);
  if (!format.ok()) return 0;
  if (format->Parse(value, &p)) {
    int64_t local;
    if (!p.ToLocalMicros(&local)) __builtin_trap();
    format->Format(local, p.offset_seconds, "UTC");
  }
  return 0;
}
