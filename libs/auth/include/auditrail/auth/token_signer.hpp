#pragma once

#include <cstdint>
#include <string>

namespace auditrail::auth {

struct TokenRequest {
    std::string tenant;
    std::string scope;  ///< space-separated
    std::string sub = "auditrail-cli";
    std::string issuer = "auditrail";
    std::string audience = "auditrail";
    std::int64_t ttl_s = 3600;
    std::int64_t now_s = 0;  ///< 0: the current time
};

/// An HS256 JWT with iss, aud, sub, tenant, scope, iat, exp = iat + ttl_s, and a random jti.
/// The request is not validated (tests use it to mint bad tokens); strings are JSON-escaped.
/// @throws std::invalid_argument when `secret` is empty; std::runtime_error when OpenSSL fails.
std::string SignHs256(const TokenRequest& request, const std::string& secret);

}  // namespace auditrail::auth
