#pragma once

#include <auditrail/auth/claims.hpp>
#include <auditrail/http/request.hpp>

#include <functional>
#include <optional>
#include <string_view>

namespace auditrail::auth {
class JwtVerifier;
}

namespace auditrail::http {

/// For a service that keeps sessions: what the caller of a verified token is now. nullopt when the session is
/// over (signed out, the person deactivated), else the claims with the scopes they hold now. May throw HttpError
/// (503 when it cannot tell).
using SessionCheck = std::function<std::optional<auth::Claims>(auth::Claims)>;

/// Checks the request's bearer token, then (with `check`) its session, and that it carries `scope` (API.md §1).
/// @throws HttpError 401 (with `WWW-Authenticate`, `error="invalid_token"` when a token came, or its session is
/// over) or 403 `insufficient_scope`.
auth::Claims Authenticate(const Request& request, const auth::JwtVerifier& verifier, std::string_view scope,
                          const SessionCheck* check = nullptr);

}  // namespace auditrail::http
