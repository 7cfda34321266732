#include "post_oauth_token.hpp"

#include <auditrail/common/json.hpp>
#include <auditrail/identity/grant.hpp>

#include "../audit_log.hpp"
#include "../database.hpp"
#include "../form_body.hpp"

namespace auditrail::query {
namespace {

/// An RFC 6749 §5.2 answer; tokens and errors alike are never cached (§5.1).
http::Response TokenAnswer(int status, std::string body) {
    auto response = http::Json(status, std::move(body));
    response.With("Cache-Control", "no-store").With("Pragma", "no-cache");
    if (status == 401) response.With("WWW-Authenticate", "Basic realm=\"auditrail\"");
    return response;
}

http::Response Error(int status, std::string_view error, std::string_view description) {
    return TokenAnswer(status, "{\"error\":" + common::JsonString(error) +
                                   ",\"error_description\":" + common::JsonString(description) + "}");
}

}  // namespace

http::Response PostOauthToken::operator()(http::Request& request) const {
    if (!IsFormBody(request)) {
        return Error(400, "invalid_request", "the body must be application/x-www-form-urlencoded");
    }
    const auto form = ParseForm(request.body);
    if (!form) {
        return Error(400, "invalid_request", "malformed form body, a repeated parameter, or a value that is not text");
    }
    const auto grant_type = FormField(*form, "grant_type");
    if (!grant_type) return Error(400, "invalid_request", "grant_type is required");
    if (*grant_type != "client_credentials") {
        return Error(400, "unsupported_grant_type", "only client_credentials is supported");
    }

    // Client authentication: Basic or the form fields, never both (RFC 6749 §2.3).
    const auto authorization = request.Header("authorization");
    const auto form_id = FormField(*form, "client_id");
    const auto form_secret = FormField(*form, "client_secret");
    std::string client_id;
    std::string client_secret;
    if (!authorization.empty()) {
        // RFC 6749 §5.2: an authentication method the server does not support is invalid_client (401).
        if (!IsBasic(authorization)) return Error(401, "invalid_client", "clients authenticate with HTTP Basic");
        if (form_secret) return Error(400, "invalid_request", "use either HTTP Basic or client_secret, not both");
        const auto basic = ParseBasic(authorization);
        if (!basic) return Error(401, "invalid_client", "client authentication failed");
        if (form_id && *form_id != basic->user) return Error(400, "invalid_request", "client_id differs from Basic");
        client_id = basic->user;
        client_secret = basic->password;
    } else {
        if (!form_id || !form_secret) return Error(401, "invalid_client", "client authentication is required");
        client_id = *form_id;
        client_secret = *form_secret;
    }

    const auto& settings = state_->settings;
    if (settings.signing_key.Empty()) {
        return Error(503, "temporarily_unavailable", "this service has no token signing key configured");
    }
    const std::string account = "client:" + client_id;
    if (const auto wait = state_->TakeAttempt(account, request.remote_address)) {
        auto answer = Error(429, "slow_down", "too many failed attempts; try again later");
        return answer.With("Retry-After", std::to_string(wait->count()));
    }

    identity::GrantSettings grant;
    grant.signing_key = settings.signing_key;
    grant.issuer = settings.issuer;
    grant.audience = settings.audience;
    grant.ttl_s = settings.token_ttl_s;
    identity::GrantResult result;
    try {
        result = WithDatabase([&] {
            auto connection = context_.pool.Acquire();
            return identity::GrantClientCredentials(*connection, client_id, client_secret, FormField(*form, "scope"),
                                                    grant);
        });
    } catch (http::HttpError& error) {
        state_->NotAFailure(account, request.remote_address);  // no answer on the credentials (503)
        error.headers.emplace_back("Cache-Control", "no-store");  // as every answer of this endpoint
        throw;
    } catch (...) {
        state_->NotAFailure(account, request.remote_address);
        throw;
    }
    if (result.error == "invalid_client") {
        // Already counted by TakeAttempt.
        // Only a known client has a tenant to record the failure in.
        if (!result.tenant.empty() && context_.audit) {
            context_.audit->Record({result.tenant, "oauth.token_refused", "failure", result.client_id, "client",
                                    request.remote_address, "client", result.client_id,
                                    result.disabled ? "client disabled" : "wrong client secret"});
        }
    } else if (!result.error.empty()) {
        state_->NotAFailure(account, request.remote_address);  // the credentials were right; the request was not
    } else {
        state_->Succeeded(account, request.remote_address);
        if (context_.audit) {
            context_.audit->Record({result.tenant, "oauth.token_granted", "success", result.client_id, "client",
                                    request.remote_address, "client", result.client_id, "scope: " + result.scope});
        }
    }
    return TokenAnswer(result.error.empty() ? 200 : result.status, identity::GrantJson(result));
}

}  // namespace auditrail::query
