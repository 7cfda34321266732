#include "post_logout.hpp"

#include <string>

#include "../audit_log.hpp"
#include "../pages/page_database.hpp"
#include "../pages/page_session.hpp"
#include "../session_auth.hpp"
#include "../session_state.hpp"

namespace auditrail::query {

http::Response PostLogout::operator()(http::Request& request) const {
    const auto viewer = PageViewer(request, context_.verifier);
    if (viewer) {
        bool ended = false;
        try {
            ended = WithDatabase([&] {
                auto connection = context_.pool.Acquire();
                return EndSession(*connection, *viewer);
            });
        } catch (const http::HttpError& error) {
            if (error.status != 503) throw;
            return PageUnavailable(*viewer, error);
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
        .With("Set-Cookie", std::string(kSessionCookie) + "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
    return response;
}

}  // namespace auditrail::query
