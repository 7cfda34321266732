#pragma once

#include <auditrail/auth/claims.hpp>
#include <auditrail/http/request.hpp>

#include <string_view>

namespace auditrail::auth {
class JwtVerifier;
}

namespace auditrail::http {

/// Checks the request's bearer token and that it carries `scope` (API.md §1).
/// @throws HttpError 401 (with `WWW-Authenticate`, `error="invalid_token"` when a token came) or 403
/// `insufficient_scope`.
auth::Claims Authenticate(const Request& request, const auth::JwtVerifier& verifier, std::string_view scope);

}  // namespace auditrail::http
