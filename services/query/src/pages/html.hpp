#pragma once

#include <auditrail/auth/claims.hpp>
#include <auditrail/http/response.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace auditrail::query {

/// `text` with & < > " ' replaced by character references, safe inside HTML text and quoted attributes.
/// Every value that did not come from this program's own literals goes through it.
std::string HtmlEscape(std::string_view text);

/// A message shown once at the top of a page (after a form was posted).
struct Flash {
    enum class Kind { kSuccess, kError };
    Kind kind = Kind::kSuccess;
    std::string text;
};

/// What surrounds a page's content: its title, who is looking (for the navigation and the sign-out
/// button; none on the sign-in page) and the flash messages.
struct PageFrame {
    std::string title;
    const auth::Claims* viewer = nullptr;
    std::vector<Flash> flashes{};  // {}: designated initializers may leave it out without -Wextra's warning
};

/// A whole HTML page: `content_html` (already escaped) inside the shared layout, with one inline style
/// sheet (no external assets; readable from phone to laptop). Answered with `status`, no-store, framing
/// refused and a Content-Security-Policy that allows nothing but inline styles, inline SVG and forms to
/// this origin.
http::Response HtmlPage(int status, const PageFrame& frame, std::string_view content_html);

/// 303 See Other to `location` (a path on this origin), not cached.
http::Response RedirectTo(std::string_view location);

}  // namespace auditrail::query
