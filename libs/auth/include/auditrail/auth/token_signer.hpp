#pragma once

#include <cstdint>
#include <string>
#include <string_view>

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

/// The same claims, signed RS256 (RSASSA-PKCS1-v1_5 SHA-256) with an RSA private key of at least 2048 bits
/// given as unencrypted PEM (`PRIVATE KEY` or `RSA PRIVATE KEY`). The header carries `kid` unless it is "".
/// The key is parsed on every call: fine for a token endpoint, which signs far less often than it verifies.
/// @throws std::invalid_argument when the PEM is not such a key; std::runtime_error when OpenSSL fails.
std::string SignRs256(const TokenRequest& request, std::string_view private_key_pem, std::string_view kid = {});

/// The same claims, signed ES256 (ECDSA P-256 SHA-256, JOSE r||s signature) with a P-256 private key given as
/// unencrypted PEM (`PRIVATE KEY` or `EC PRIVATE KEY`). The header carries `kid` unless it is "".
/// @throws std::invalid_argument when the PEM is not such a key; std::runtime_error when OpenSSL fails.
std::string SignEs256(const TokenRequest& request, std::string_view private_key_pem, std::string_view kid = {});

}  // namespace auditrail::auth
