#pragma once

#include <auditrail/auth/claims.hpp>
#include <auditrail/auth/jwt_verifier.hpp>
#include <cstdint>
#include <limits>
#include <string_view>

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

/// Checks a compact JWS (`header.payload.signature`): structure, header (`alg` must be HS256),
/// HMAC-SHA256 signature, then the claims that do not depend on the clock (types, `iss`, `aud`,
/// `tenant`). Returns "" and fills `out` on success, else a short reason that never contains the token.
std::string_view DecodeJwt(std::string_view token, const JwtSettings& settings, VerifiedToken& out);

}  // namespace auditrail::auth
