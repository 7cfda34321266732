#include "page_session.hpp"

#include <auditrail/auth/jwt_verifier.hpp>
#include <ctime>
#include <string>

#include "../query_context.hpp"
#include "../session_auth.hpp"
#include "html.hpp"
#include "page_database.hpp"

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

PageSession CheckPageSession(const http::Request& request, const QueryContext& context) {
    PageSession session;
    auto claims = PageViewer(request, context.verifier);
    if (!claims) {
        session.refusal = PageSignInRedirect();
        return session;
    }
    if (!context.session_check) {
        session.viewer = std::move(claims);
        return session;
    }
    try {
        session.viewer = context.session_check(*claims);
    } catch (const http::HttpError& error) {
        if (error.status != 503) throw;
        // Fails closed: a session that may have ended sees no page, and a form it sent is not acted on.
        session.refusal = request.method == "POST"
                              ? PageUnavailable(*claims, error,
                                                "Nothing was changed. Go back to find your entry as you left it, and "
                                                "send it again in a few seconds.")
                              : PageUnavailable(*claims, error);
        return session;
    }
    if (!session.viewer) session.refusal = PageSignInRedirect();
    return session;
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
