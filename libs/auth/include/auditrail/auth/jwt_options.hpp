#pragma once

#include <auditrail/auth/jwt_verifier.hpp>
#include <auditrail/common/options.hpp>
#include <string>
#include <vector>

namespace auditrail::auth {

/// The settings every service takes for verifying tokens: --jwt-secret, --jwt-keys, --jwt-issuer,
/// --jwt-audience (and their AUDITRAIL_JWT_* variables).
std::vector<common::OptionSpec> JwtOptionSpecs();

/// Reads them back. @throws common::OptionError when neither a secret nor a key file is given, or the secret is
/// shorter than an HS256 key may be (RefuseShortSecret).
JwtSettings JwtSettingsFrom(const common::Options& options);

/// @throws common::OptionError naming --jwt-secret when `secret` is given but shorter than 32 bytes (RFC 7518 §3.2:
/// a shorter HS256 key can be guessed offline from any token signed with it).
void RefuseShortSecret(const std::string& secret);

}  // namespace auditrail::auth
