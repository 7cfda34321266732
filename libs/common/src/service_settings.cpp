#include <auditrail/common/log.hpp>
#include <auditrail/common/service_settings.hpp>

#include <cstdlib>
#include <string>

namespace auditrail::common {

OptionSpec LogLevelSpec() { return {"log-level", "AUDITRAIL_LOG_LEVEL", "info", "debug, info, warn or error"}; }

void ApplyLogLevel(const Options& options) {
    const std::string& level = options.Get("log-level");
    if (level == "debug") {
        SetLogLevel(LogLevel::kDebug);
    } else if (level == "info") {
        SetLogLevel(LogLevel::kInfo);
    } else if (level == "warn") {
        SetLogLevel(LogLevel::kWarn);
    } else if (level == "error") {
        SetLogLevel(LogLevel::kError);
    } else {
        throw OptionError("--log-level (AUDITRAIL_LOG_LEVEL): '" + level + "' is not debug, info, warn or error");
    }
}

namespace {

void RefuseIfSet(const UnbuiltSetting& setting) {
    const char* value = std::getenv(setting.env);
    if (value != nullptr && *value != '\0') {
        throw OptionError(std::string(setting.env) + " is set, but this build does not support it: " +
                          setting.instead + ", and unset it");
    }
}

}  // namespace

void RefuseUnbuiltSettings(std::initializer_list<UnbuiltSetting> settings) {
    RefuseIfSet({"AUDITRAIL_TLS_CERT", "serve it behind a TLS proxy"});
    RefuseIfSet({"AUDITRAIL_TLS_KEY", "serve it behind a TLS proxy"});
    for (const UnbuiltSetting& setting : settings) RefuseIfSet(setting);
}

}  // namespace auditrail::common
