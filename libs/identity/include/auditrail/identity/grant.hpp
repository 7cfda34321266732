#pragma once

#include <auditrail/auth/signing_key.hpp>
#include <cstdint>
#include <optional>
#include <string>

namespace auditrail::pg {
class Connection;
}

namespace auditrail::identity {

struct GrantSettings {
    auth::SigningKey signing_key;  ///< signs the tokens
    std::string issuer = "auditrail";
    std::string audience = "auditrail";
    std::int64_t ttl_s = 3600;
};

/// The answer of the client-credentials grant (RFC 6749 §4.4): a token, or an error of §5.2.
struct GrantResult {
    int status = 200;         ///< 200, 400 (invalid_scope, ...) or 401 (invalid_client)
    std::string error;        ///< "" on success, else the RFC 6749 §5.2 code
    std::string description;  ///< error_description: never says whether the client exists
    std::string access_token;
    std::string scope;  ///< the granted scopes
    std::int64_t expires_in = 0;
    /// The client and its tenant: on success, and on invalid_client when the client exists (for the audit log;
    /// GrantJson never shows them).
    std::string client_id;
    std::string tenant;
    bool disabled = false;  ///< invalid_client because the client is disabled
};

/// Authenticates the client by its secret and mints a token for its tenant. `requested_scope` is narrowed
/// to nothing beyond the client's allowed scopes (asking for more is invalid_scope); absent, the token
/// carries every allowed scope. An unknown client costs the same hash as a known one.
GrantResult GrantClientCredentials(pg::Connection& connection, const std::string& client_id,
                                   const std::string& client_secret, const std::optional<std::string>& requested_scope,
                                   const GrantSettings& settings);

/// The RFC 6749 §5.1/§5.2 JSON body for a result.
std::string GrantJson(const GrantResult& result);

}  // namespace auditrail::identity
