#include <auditrail/identity/roles.hpp>

#include <set>
#include <vector>

namespace auditrail::identity {
namespace {

std::vector<std::string_view> Split(std::string_view text) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = std::min(text.find(' ', start), text.size());
        if (end > start) parts.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

}  // namespace

std::optional<std::string> ScopesForRole(std::string_view role) {
    if (role == "owner") return std::string(kAllScopes);
    if (role == "admin") return std::string("events:read events:export health:read admin");
    if (role == "analyst") return std::string("health:read");
    if (role == "content_creator") return std::string();
    return std::nullopt;
}

bool ScopesWithin(std::string_view requested, std::string_view allowed) {
    const auto granted = Split(allowed);
    const std::set<std::string_view> allowed_set(granted.begin(), granted.end());
    for (auto scope : Split(requested)) {
        if (!allowed_set.count(scope)) return false;
    }
    return true;
}

bool IsKnownScopeList(std::string_view scopes) {
    const auto parts = Split(scopes);
    std::set<std::string_view> seen;
    for (auto scope : parts) {
        if (!ScopesWithin(scope, kAllScopes) || !seen.insert(scope).second) return false;
    }
    return !parts.empty();
}

std::string NormalizeScopes(std::string_view scopes) {
    std::string normal;
    for (auto scope : Split(scopes)) {
        if (!normal.empty()) normal.push_back(' ');
        normal.append(scope);
    }
    return normal;
}

}  // namespace auditrail::identity
