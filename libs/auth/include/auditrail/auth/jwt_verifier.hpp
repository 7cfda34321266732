#pragma once

#include <auditrail/auth/key_set.hpp>
#include <auditrail/auth/verify_result.hpp>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace auditrail::auth {

struct JwtSettings {
    std::string hs256_secret;             ///< raw bytes of the HS256 secret; "" when only a key set is used
    std::string issuer = "auditrail";     ///< expected `iss`
    std::string audience = "auditrail";   ///< expected in `aud` (string, or array containing it)
    std::int64_t leeway_s = 60;           ///< clock skew allowed for exp / nbf / iat
    std::size_t cache_capacity = 100000;  ///< verified tokens remembered (bounded)
    /// PEM or JWKS public keys (AUDITRAIL_JWT_KEYS), read by the one-argument constructor; "" for none.
    /// Last, and initialised, so that `JwtSettings{secret}` stays valid and warning-free.
    std::string keys_file = {};
};

/// Checks `Authorization: Bearer <JWT>` values per API.md §1. Thread-safe.
/// A token seen before is answered from a bounded cache (a hash lookup, no signature check); the cache
/// still re-checks `exp` against `now_s`.
///
/// Which key checks a token:
/// - no key set (only `hs256_secret`): the HS256 secret, whatever the token's `kid` says (as before key sets);
/// - a token with a `kid`: only the key of that kid in the key set, else "unknown kid" (never a fallback);
/// - a token without `kid`: the HS256 secret when one is configured, else the key set's key when it holds
///   exactly one, else "token has no kid".
/// The token's `alg` must then be the selected key's algorithm ("algorithm not allowed" otherwise): `none`,
/// HS256 with an RSA or EC key (algorithm confusion), RS256 with an EC key and so on are all refused.
///
/// Key rotation: see KeySet. The key set is fixed for the verifier's life; to remove a key, build a new
/// verifier (its cache starts empty, so no token of the removed key is answered from memory).
class JwtVerifier {
  public:
    /// Uses `hs256_secret` and, when `keys_file` is set, the keys of `LoadKeySet(keys_file)`.
    /// @throws std::invalid_argument when no key is configured at all or `leeway_s` is outside 0..60;
    /// std::runtime_error (one line) when `keys_file` cannot be loaded.
    explicit JwtVerifier(JwtSettings settings);

    /// Uses `hs256_secret` (may be "") and `keys`; `settings.keys_file` is not read.
    /// @throws std::invalid_argument when both are empty or `leeway_s` is outside 0..60.
    JwtVerifier(JwtSettings settings, KeySet keys);
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

    void Init(JwtSettings settings, KeySet keys);
};

}  // namespace auditrail::auth
