// Minimal leveled logging to stderr. The level is process-wide; thread-safe (each
// message is written with a single call).
#pragma once

#include <string_view>

namespace sluice {

enum class LogLevel { kDebug, kInfo, kWarning, kError, kSilent };

void SetLogLevel(LogLevel level);
LogLevel GetLogLevel();
void Log(LogLevel level, std::string_view message);

}  // namespace sluice
