#pragma once

#include <auditrail/auth/claims.hpp>
#include <auditrail/http/request.hpp>
#include <string>
#include <string_view>

namespace auditrail::auth {
class JwtVerifier;
}

namespace auditrail::query {

/// The session cookie's name (set by POST /login).
inline constexpr std::string_view kSessionCookie = "auditrail_session";

/// The value of cookie `name` in the request's Cookie header, or "" when absent.
std::string CookieValue(const http::Request& request, std::string_view name);

/// Authenticates a page request: by the bearer token when an Authorization header came (exactly as
/// http::Authenticate), else by the session cookie, which holds the same kind of token.
/// @throws HttpError 401 when neither authenticates, 403 `insufficient_scope` when `scope` is missing.
auth::Claims AuthenticateRequest(const http::Request& request, const auth::JwtVerifier& verifier,
                                 std::string_view scope);

}  // namespace auditrail::query
