#include "session_auth.hpp"

#include <optional>

namespace auditrail::query {
namespace {

std::string_view Trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

}  // namespace

std::string CookieValue(const http::Request& request, std::string_view name) {
    std::optional<std::string_view> found;
    for (const auto& [header, value] : request.headers) {
        if (header != "cookie") continue;
        std::string_view rest = value;
        while (!rest.empty()) {
            const auto end = rest.find(';');
            const auto pair = Trim(rest.substr(0, end));
            rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
            const auto equals = pair.find('=');
            if (equals == std::string_view::npos || Trim(pair.substr(0, equals)) != name) continue;
            // Cookies are not kept apart by port, and a browser sends the one with the longer path first: a page
            // on another port of this host (or a sibling domain) can plant one beside ours for a path of its
            // choosing. Which one the person meant cannot be told, so two of a name count as none.
            if (found) return {};
            found = Trim(pair.substr(equals + 1));
        }
    }
    return found ? std::string(*found) : std::string();
}

}  // namespace auditrail::query
