#pragma once

#include <auditrail/auth/claims.hpp>
#include <auditrail/auth/jwt_verifier.hpp>
#include <auditrail/auth/key_set.hpp>
#include <cstdint>
#include <limits>
#include <string_view>

#include "key.hpp"

namespace auditrail::auth {

/// Stands for an absent `nbf` / `iat`.
inline constexpr std::int64_t kNoTime = std::numeric_limits<std::int64_t>::min();

/// What the verifier keeps about a well-signed token: its claims (`claims.exp` is `exp`) and the
/// other time bounds, which are re-checked on every use.
struct VerifiedToken {
    Claims claims;
    std::int64_t nbf = kNoTime;
    std::int64_t iat = kNoTime;
};

/// The keys a verifier holds and how a token picks one (the rules are on JwtVerifier).
struct VerifierKeys {
    KeySet keys;         ///< selected by the token's `kid`
    KeyPtr default_key;  ///< for a token without `kid`: the HS256 secret, else the only key of `keys`; may be null
    bool kid_ignored = false;  ///< no key set: every token uses `default_key` (the HS256 secret), `kid` or not
};

/// Checks a compact JWS (`header.payload.signature`): structure, header, the key its `kid` selects, that `alg`
/// is that key's algorithm, the signature, then the claims that do not depend on the clock (types, `iss`,
/// `aud`, `tenant`). Returns "" and fills `out` on success, else a short reason that never contains the token.
std::string_view DecodeJwt(std::string_view token, const VerifierKeys& keys, const JwtSettings& settings,
                           VerifiedToken& out);

}  // namespace auditrail::auth
