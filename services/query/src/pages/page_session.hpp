#pragma once

#include <auditrail/auth/claims.hpp>
#include <auditrail/http/request.hpp>
#include <auditrail/http/response.hpp>
#include <optional>
#include <string_view>

namespace auditrail::auth {
class JwtVerifier;
}

namespace auditrail::query {

struct QueryContext;

/// Who is looking at a page: the claims of a valid bearer token when an Authorization header came (a tool), else
/// of a valid session cookie (a browser), or nothing (neither, expired, badly signed). Pages answer nothing with
/// PageSignInRedirect(), never with a JSON 401; they check the viewer's scopes themselves.
std::optional<auth::Claims> PageViewer(const http::Request& request, const auth::JwtVerifier& verifier);

/// A page's viewer checked against the database as well, or the answer to give instead.
struct PageSession {
    /// PageViewer's claims, through CurrentSession (session_state.hpp): a person's session holds while the person is
    /// active and has not signed out, with the scopes of the person's current role.
    std::optional<auth::Claims> viewer;
    /// Without a viewer: the sign-in redirect, or a 503 page when the database cannot say whether the session holds.
    http::Response refusal;
};
PageSession CheckPageSession(const http::Request& request, const QueryContext& context);

/// 303 to /login (the session is missing or over).
http::Response PageSignInRedirect();

/// 403 as a page: the viewer's role does not allow `what`.
http::Response PageForbidden(const auth::Claims& viewer, std::string_view what);

/// 404 as a page, saying what was not found.
http::Response PageNotFound(const auth::Claims& viewer, std::string_view what);

}  // namespace auditrail::query
