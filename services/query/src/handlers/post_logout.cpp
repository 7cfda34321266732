#include "post_logout.hpp"

#include <string>

#include "../session_auth.hpp"

namespace auditrail::query {

http::Response PostLogout::operator()(http::Request& /*request*/) const {
    http::Response response;
    response.status = 303;
    response.content_type = "text/plain; charset=utf-8";
    response.With("Location", "/login")
        .With("Cache-Control", "no-store")
        .With("Set-Cookie", std::string(kSessionCookie) + "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
    return response;
}

}  // namespace auditrail::query
