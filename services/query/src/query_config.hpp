#pragma once

#include <auditrail/auth/jwt_verifier.hpp>
#include <auditrail/health/settings.hpp>
#include <auditrail/http/server_options.hpp>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

#include "export_writers.hpp"
#include "identity_settings.hpp"

namespace auditrail::query {

struct QueryConfig {
    http::ServerOptions server;
    auth::JwtSettings jwt;
    /// libpq URI of the primary.
    std::string database_url;
    /// Database connections at most.
    std::size_t pool_size = 8;
    /// How long a request waits for a free connection before answering 503.
    std::chrono::milliseconds pool_timeout{5000};
    /// Longest a search, lookup or event-types query may run (exports have none).
    std::chrono::milliseconds statement_timeout{25000};
    /// Where xlsx exports are assembled.
    XlsxSettings xlsx;
    /// Weights, targets and band edges of the health score (HEALTH.md), checked with health::CheckSettings.
    health::HealthSettings health;
    /// How old a tenant's health snapshot (the default at-risk list) may get before it is scored again; 0: off.
    std::chrono::seconds health_snapshot_interval{300};
    /// Token endpoint and sign-in (the signing fields are filled from `jwt` by QueryService).
    IdentitySettings identity = {};
};

/// Reads flags and AUDITRAIL_* variables. Returns nothing when --help was printed.
/// @throws common::OptionError with one clear line for a bad setting.
std::optional<QueryConfig> ParseQueryConfig(int argc, char** argv);

}  // namespace auditrail::query
