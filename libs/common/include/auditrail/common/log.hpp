#pragma once

#include <initializer_list>
#include <string_view>
#include <utility>

namespace auditrail::common {

enum class LogLevel { kDebug, kInfo, kWarn, kError };

using LogField = std::pair<std::string_view, std::string_view>;

/// Writes one JSON object a line to standard error: {"time","level","message", fields...}.
/// Callers never pass tokens, secrets or passwords.
void Log(LogLevel level, std::string_view message, std::initializer_list<LogField> fields = {});

inline void LogInfo(std::string_view message, std::initializer_list<LogField> fields = {}) {
    Log(LogLevel::kInfo, message, fields);
}
inline void LogWarn(std::string_view message, std::initializer_list<LogField> fields = {}) {
    Log(LogLevel::kWarn, message, fields);
}
inline void LogError(std::string_view message, std::initializer_list<LogField> fields = {}) {
    Log(LogLevel::kError, message, fields);
}

/// Messages below this level are dropped (default kInfo).
void SetLogLevel(LogLevel level);

}  // namespace auditrail::common
