#pragma once

// Settings both services take alike.

#include <auditrail/common/options.hpp>
#include <initializer_list>

namespace auditrail::common {

/// --log-level (AUDITRAIL_LOG_LEVEL): debug, info (the default), warn or error.
OptionSpec LogLevelSpec();

/// Sets the log level from --log-level. @throws OptionError for any other value.
void ApplyLogLevel(const Options& options);

/// A setting OPERATIONS.md names for a feature this build does not have, and what to do instead.
struct UnbuiltSetting {
    const char* env;
    const char* instead;
};

/// Refuses to start when one of `settings`, or AUDITRAIL_TLS_CERT or AUDITRAIL_TLS_KEY (no service serves HTTPS), is
/// set in the environment, rather than run without what the operator asked for (plain HTTP when AUDITRAIL_TLS_CERT
/// says HTTPS). @throws OptionError naming the first one set.
void RefuseUnbuiltSettings(std::initializer_list<UnbuiltSetting> settings);

}  // namespace auditrail::common
