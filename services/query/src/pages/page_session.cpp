#include "page_session.hpp"

#include <auditrail/auth/jwt_verifier.hpp>
#include <ctime>
#include <string>

#include "../session_auth.hpp"
#include "html.hpp"

namespace auditrail::query {

std::optional<auth::Claims> PageViewer(const http::Request& request, const auth::JwtVerifier& verifier) {
    // A bearer token wins over the cookie, as on the API routes; the cookie holds the same kind of token. No bearer
    // credentials at all (none, or a proxy's Basic) leave the cookie to speak, instead of a sign-in page for ever.
    const std::time_t now = std::time(nullptr);
    auto result = verifier.Verify(request.Header("authorization"), now);
    if (result.status == auth::VerifyStatus::kMissing) {
        const std::string cookie = CookieValue(request, kSessionCookie);
        if (cookie.empty()) return std::nullopt;
        result = verifier.Verify("Bearer " + cookie, now);
    }
    if (result.status != auth::VerifyStatus::kOk) return std::nullopt;
    return std::move(result.claims);
}

http::Response PageSignInRedirect() { return RedirectTo("/login"); }

http::Response PageForbidden(const auth::Claims& viewer, std::string_view what) {
    return HtmlPage(403, {.title = "Not allowed", .viewer = &viewer},
                    "<section><h1>Not allowed</h1><p>Your role does not allow " + HtmlEscape(what) +
                        ".</p></section>");
}

http::Response PageNotFound(const auth::Claims& viewer, std::string_view what) {
    return HtmlPage(404, {.title = "Not found", .viewer = &viewer},
                    "<section><h1>Not found</h1><p>" + HtmlEscape(what) + "</p></section>");
}

}  // namespace auditrail::query
