#pragma once

#include <auditrail/http/request.hpp>
#include <string>
#include <string_view>

namespace auditrail::query {

/// The session cookie's name (set by POST /login).
inline constexpr std::string_view kSessionCookie = "auditrail_session";

/// The value of cookie `name` in the request's Cookie headers, or "" when absent or given more than once.
std::string CookieValue(const http::Request& request, std::string_view name);

}  // namespace auditrail::query
