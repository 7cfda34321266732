#include <auditrail/auth/token_signer.hpp>
#include <auditrail/common/json.hpp>
#include <auditrail/identity/client_store.hpp>
#include <auditrail/identity/grant.hpp>
#include <auditrail/identity/password_hash.hpp>
#include <auditrail/identity/roles.hpp>

namespace auditrail::identity {
namespace {

GrantResult Refuse(int status, std::string error, std::string description) {
    GrantResult result;
    result.status = status;
    result.error = std::move(error);
    result.description = std::move(description);
    return result;
}

/// Verified against for unknown clients so that their answer takes as long as a wrong secret's.
const std::string& DummyHash() {
    static const std::string hash = HashSecret("auditrail-no-such-client");
    return hash;
}

}  // namespace

GrantResult GrantClientCredentials(pg::Connection& connection, const std::string& client_id,
                                   const std::string& client_secret, const std::optional<std::string>& requested_scope,
                                   const GrantSettings& settings) {
    const auto client = client_id.empty() ? std::nullopt : FindClient(connection, client_id);
    const bool secret_ok = VerifySecret(client ? client->secret_hash : DummyHash(), client_secret);
    if (!client || !secret_ok || client->disabled) {
        auto refused = Refuse(401, "invalid_client", "client authentication failed");
        // For the tenant's audit log only; the answer (GrantJson) is the same whether the client exists.
        if (client) {
            refused.client_id = client->client_id;
            refused.tenant = client->tenant;
            refused.disabled = client->disabled;
        }
        return refused;
    }
    std::string scope = client->scopes;
    if (requested_scope) {
        if (!IsKnownScopeList(*requested_scope)) return Refuse(400, "invalid_scope", "unknown or empty scope");
        if (!ScopesWithin(*requested_scope, client->scopes)) {
            return Refuse(400, "invalid_scope", "the client may not request scope beyond: " + client->scopes);
        }
        scope = NormalizeScopes(*requested_scope);
    }
    auth::TokenRequest token;
    token.tenant = client->tenant;
    token.scope = scope;
    token.sub = client->client_id;
    token.issuer = settings.issuer;
    token.audience = settings.audience;
    token.ttl_s = settings.ttl_s;
    GrantResult result;
    result.access_token = settings.signing_key.Sign(token);
    result.scope = scope;
    result.expires_in = settings.ttl_s;
    result.client_id = client->client_id;
    result.tenant = client->tenant;
    return result;
}

std::string GrantJson(const GrantResult& result) {
    using common::JsonString;
    if (!result.error.empty()) {
        return "{\"error\":" + JsonString(result.error) + ",\"error_description\":" + JsonString(result.description) +
               "}";
    }
    return "{\"access_token\":" + JsonString(result.access_token) + ",\"token_type\":\"Bearer\",\"expires_in\":" +
           std::to_string(result.expires_in) + ",\"scope\":" + JsonString(result.scope) + "}";
}

}  // namespace auditrail::identity
