#pragma once

#include <auditrail/http/response.hpp>
#include <string_view>

namespace auditrail::query {

/// The sign-in form, with `error` shown above it when not empty and `email` refilled.
http::Response LoginPage(int status, std::string_view error = {}, std::string_view email = {});

}  // namespace auditrail::query
