#pragma once

#include <auditrail/auth/jwt_verifier.hpp>
#include <auditrail/http/server_options.hpp>

#include <optional>
#include <string>

namespace auditrail::query {

struct QueryConfig {
    http::ServerOptions server;
    auth::JwtSettings jwt;
    /// libpq URI of the primary.
    std::string database_url;
};

/// Reads flags and AUDITRAIL_* variables. Returns nothing when --help was printed.
/// @throws common::OptionError with one clear line for a bad setting.
std::optional<QueryConfig> ParseQueryConfig(int argc, char** argv);

}  // namespace auditrail::query
