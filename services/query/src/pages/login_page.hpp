#pragma once

#include <auditrail/http/response.hpp>
#include <string>
#include <string_view>

namespace auditrail::query {

/// `text` with & < > " ' replaced by character references, safe inside HTML text and quoted attributes.
std::string HtmlEscape(std::string_view text);

/// The sign-in form (no external assets), with `error` shown above it when not empty and `email` refilled.
/// Answered with `status`, text/html, no-store, and framing refused.
http::Response LoginPage(int status, std::string_view error = {}, std::string_view email = {});

}  // namespace auditrail::query
