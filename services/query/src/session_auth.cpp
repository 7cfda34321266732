#include "session_auth.hpp"

#include <auditrail/http/header_values.hpp>

#include <optional>

namespace auditrail::query {

std::string CookieValue(const http::Request& request, std::string_view name) {
    std::optional<std::string_view> found;
    for (const auto& [header, value] : request.headers) {
        if (header != "cookie") continue;
        std::string_view rest = value;
        while (!rest.empty()) {
            const auto end = rest.find(';');
            const auto pair = http::TrimmedOws(rest.substr(0, end));
            rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
            const auto equals = pair.find('=');
            if (equals == std::string_view::npos || http::TrimmedOws(pair.substr(0, equals)) != name) continue;
            // Cookies are not kept apart by port, and a browser sends the one with the longer path first: a page
            // on another port of this host (or a sibling domain) can plant one beside ours for a path of its
            // choosing. Which one the person meant cannot be told, so two of a name count as none.
            if (found) return {};
            found = http::TrimmedOws(pair.substr(equals + 1));
        }
    }
    return found ? std::string(*found) : std::string();
}

}  // namespace auditrail::query
