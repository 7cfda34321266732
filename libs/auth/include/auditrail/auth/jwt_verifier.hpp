#pragma once

#include <auditrail/auth/verify_result.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace auditrail::auth {

struct JwtSettings {
    std::string hs256_secret;          ///< raw bytes of the configured secret; required
    std::string issuer = "auditrail";  ///< expected `iss`
    std::string audience = "auditrail";  ///< expected in `aud` (string, or array containing it)
    std::int64_t leeway_s = 60;        ///< clock skew allowed for exp / nbf / iat
    std::size_t cache_capacity = 100000;  ///< verified tokens remembered (bounded)
};

/// Checks `Authorization: Bearer <JWT>` values per API.md §1. Thread-safe.
/// A token seen before is answered from a bounded cache (a hash lookup, no HMAC); the cache still
/// re-checks `exp` against `now_s`.
class JwtVerifier {
public:
    /// @throws std::invalid_argument when `hs256_secret` is empty or `leeway_s` is outside 0..60.
    explicit JwtVerifier(JwtSettings settings);
    ~JwtVerifier();
    JwtVerifier(const JwtVerifier&) = delete;
    JwtVerifier& operator=(const JwtVerifier&) = delete;

    /// `authorization` is the whole header value ("" when the header is absent).
    VerifyResult Verify(std::string_view authorization, std::int64_t now_s) const;

    /// How many verified tokens the cache holds now (at most `cache_capacity`); for metrics and tests.
    std::size_t CachedTokens() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace auditrail::auth
