#pragma once

#include <auditrail/auth/signing_key.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace auditrail::query {

/// How the token endpoint and the sign-in pages behave (API.md §1, §5).
struct IdentitySettings {
    /// Lifetime of tokens from POST /v1/oauth/token.
    std::int64_t token_ttl_s = 3600;
    /// Lifetime of a session cookie from POST /login (also its Max-Age).
    std::int64_t session_ttl_s = 8 * 3600;
    /// Failed sign-ins / client authentications allowed per account (email or client id) within `failure_window`.
    std::size_t account_failures = 5;
    /// Failed sign-ins / client authentications allowed per source address within `failure_window`.
    std::size_t address_failures = 20;
    /// The sliding window the failures are counted in.
    std::chrono::milliseconds failure_window{15 * 60 * 1000};
    /// Accounts and addresses tracked at most (the oldest are forgotten first).
    std::size_t max_tracked = 100000;
    /// Record sign-ins, token grants and user changes as events of the tenant (category `auditrail`).
    bool audit = true;
    /// The key that signs tokens and session cookies (the private key of --jwt-signing-key, else the HS256
    /// secret), with their iss and aud; QueryService fills them in. Without a key the token endpoint and
    /// /login answer 503.
    auth::SigningKey signing_key;
    std::string issuer = "auditrail";
    std::string audience = "auditrail";
};

}  // namespace auditrail::query
