#include "common/logging.h"

#include <atomic>
#include <cstdio>
#include <string>

namespace sluice {
namespace {
std::atomic<LogLevel> g_level{LogLevel::kWarning};
const char* LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarning:
      return "warning";
    case LogLevel::kError:
      return "error";
    case LogLevel::kSilent:
      return "";
  }
  return "";
}
}  // namespace

void SetLogLevel(LogLevel level) { g_level = level; }
LogLevel GetLogLevel() { return g_level; }

void Log(LogLevel level, std::string_view message) {
  if (level < g_level || level == LogLevel::kSilent) return;
  std::string line = std::string("sluice ") + LevelName(level) + ": " + std::string(message) + "\n";
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace sluice
