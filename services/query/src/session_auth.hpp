#pragma once

#include <auditrail/http/request.hpp>
#include <string>
#include <string_view>

namespace auditrail::query {

/// The session cookie's name (set by POST /login).
inline constexpr std::string_view kSessionCookie = "auditrail_session";

/// The value of cookie `name` in the request's Cookie header, or "" when absent.
std::string CookieValue(const http::Request& request, std::string_view name);

}  // namespace auditrail::query
