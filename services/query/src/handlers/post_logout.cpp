#include "post_logout.hpp"

#include <string>

#include "../audit_log.hpp"
#include "../pages/page_database.hpp"
#include "../pages/page_session.hpp"
#include "../session_auth.hpp"
#include "../session_state.hpp"

namespace auditrail::query {
namespace {

const std::string kClearCookie = std::string(kSessionCookie) + "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0";

}  // namespace

http::Response PostLogout::operator()(http::Request& request) const {
    const auto viewer = PageViewer(request, context_.verifier);
    if (viewer) {
        bool ended = false;
        try {
            // Only a session that still holds is ended (and recorded): signing out twice is no second event.
            ended = WithDatabase([&] {
                auto connection = context_.pool.Acquire();
                const auto live = CurrentSession(*connection, *viewer);
                return live && EndSession(*connection, *live);
            });
        } catch (const http::HttpError& error) {
            if (error.status != 503) throw;
            // This browser is signed out all the same (a shared machine must not stay signed in); only a copy of
            // the cookie elsewhere outlives it.
            return PageUnavailable(*viewer, error,
                                   "This browser is signed out, but the sign-out could not be recorded, so a copy of "
                                   "the session elsewhere stays valid until it expires. Sign in and out again in a "
                                   "few minutes to end it everywhere.")
                .With("Set-Cookie", kClearCookie);  // the page itself is no-store
        }
        if (ended && context_.audit) {
            context_.audit->Record({viewer->tenant, "auth.logout", "success", viewer->sub, "user",
                                    request.remote_address, "user", viewer->sub, "signed out"});
        }
    }
    http::Response response;
    response.status = 303;
    response.content_type = "text/plain; charset=utf-8";
    response.With("Location", "/login")
        .With("Cache-Control", "no-store")
        .With("Set-Cookie", kClearCookie);
    return response;
}

}  // namespace auditrail::query
