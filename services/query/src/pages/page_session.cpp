#include "page_session.hpp"

#include <auditrail/auth/jwt_verifier.hpp>
#include <ctime>
#include <string>

#include "../session_auth.hpp"
#include "html.hpp"

namespace auditrail::query {

std::optional<auth::Claims> PageViewer(const http::Request& request, const auth::JwtVerifier& verifier) {
    // A bearer token wins over the cookie, as on the API routes; the cookie holds the same kind of token. Another
    // scheme (a proxy's Basic) is not ours: the cookie is used, instead of a sign-in page for ever.
    std::string credential(request.Header("authorization"));
    const bool bearer = credential.size() > 7 && (credential.compare(0, 7, "Bearer ") == 0 ||
                                                  credential.compare(0, 7, "bearer ") == 0);
    if (!bearer) {
        credential.clear();
        const std::string cookie = CookieValue(request, kSessionCookie);
        if (cookie.empty()) return std::nullopt;
        credential = "Bearer " + cookie;
    }
    auto result = verifier.Verify(credential, std::time(nullptr));
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
