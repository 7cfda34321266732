#pragma once

#include <string>
#include <string_view>

namespace auditrail::identity {

/// An Argon2id hash in the PHC string form ($argon2id$v=19$m=...,t=...,p=...$salt$hash), with a fresh
/// random salt. Parameters follow OWASP's minimum for Argon2id (19 MiB, 2 passes, 1 lane).
/// @throws std::runtime_error when hashing fails.
std::string HashSecret(std::string_view secret);

/// True when `secret` matches `encoded` (constant-time inside libargon2). False for a malformed hash.
bool VerifySecret(std::string_view encoded, std::string_view secret);

/// `bytes` random bytes from OpenSSL's CSPRNG, base64url without padding.
std::string RandomToken(std::size_t bytes);

}  // namespace auditrail::identity
