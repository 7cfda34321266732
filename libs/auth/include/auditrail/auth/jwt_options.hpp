#pragma once

#include <auditrail/auth/jwt_verifier.hpp>
#include <auditrail/common/options.hpp>
#include <vector>

namespace auditrail::auth {

/// The settings every service takes for verifying tokens: --jwt-secret, --jwt-keys, --jwt-issuer,
/// --jwt-audience (and their AUDITRAIL_JWT_* variables).
std::vector<common::OptionSpec> JwtOptionSpecs();

/// Reads them back. @throws common::OptionError when neither a secret nor a key file is given.
JwtSettings JwtSettingsFrom(const common::Options& options);

}  // namespace auditrail::auth
