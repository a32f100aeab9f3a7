#include "types/interval.h"

#include <cstdlib>

namespace sluice::types {

std::string FormatInterval(const Interval& v) {
  std::string out;
  auto add = [&out](int64_t n, const char* unit) {
    if (n == 0) return;
    if (!out.empty()) out += ' ';
    out += std::to_string(n) + " " + unit;
  };
  add(v.months / 12, "years");
  add(v.months % 12, "months");
  add(v.days, "days");
  int64_t micros = v.micros;
  add(micros / 3600000000LL, "hours");
  micros %= 3600000000LL;
  add(micros / 60000000LL, "minutes");
  micros %= 60000000LL;
  if (micros != 0) {
    if (!out.empty()) out += ' ';
    int64_t secs = micros / 1000000;
    int64_t frac = std::llabs(micros % 1000000);
    std::string text = (micros < 0 && secs == 0 ? "-" : "") + std::to_string(secs);
    if (frac != 0) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "%06lld", static_cast<long long>(frac));
      std::string f(buf);
      while (f.back() == '0') f.pop_back();
      text += "." + f;
    }
    out += text + " seconds";
  }
  return out.empty() ? "0 seconds" : out;
}

}  // namespace sluice::types
