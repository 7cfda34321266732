#include <auditrail/common/json.hpp>
#include <auditrail/common/log.hpp>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <string>

namespace auditrail::common {
namespace {

std::atomic<LogLevel> g_min_level{LogLevel::kInfo};

const char* LevelName(LogLevel level) {
    switch (level) {
        case LogLevel::kDebug: return "debug";
        case LogLevel::kInfo: return "info";
        case LogLevel::kWarn: return "warn";
        case LogLevel::kError: return "error";
    }
    return "info";
}

std::string UtcNow() {
    using namespace std::chrono;
    const auto now = system_clock::now();
    const std::time_t secs = system_clock::to_time_t(now);
    const auto micros = duration_cast<microseconds>(now.time_since_epoch()).count() % 1000000;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<long long>(micros));
    return buf;
}

}  // namespace

void SetLogLevel(LogLevel level) { g_min_level.store(level); }

void Log(LogLevel level, std::string_view message, std::initializer_list<LogField> fields) {
    if (level < g_min_level.load(std::memory_order_relaxed)) return;
    std::string line = "{\"time\":\"" + UtcNow() + "\",\"level\":\"" + LevelName(level) + "\",\"message\":";
    AppendJsonString(line, message);
    for (const auto& [key, value] : fields) {
        line.push_back(',');
        AppendJsonString(line, key);
        line.push_back(':');
        AppendJsonString(line, value);
    }
    line += "}\n";
    // One write(2) per line keeps lines from different threads whole.
    [[maybe_unused]] auto written = ::write(STDERR_FILENO, line.data(), line.size());
}

}  // namespace auditrail::common
