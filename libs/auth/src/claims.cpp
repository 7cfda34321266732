#include <algorithm>
#include <auditrail/auth/claims.hpp>

namespace auditrail::auth {
namespace {

constexpr std::size_t kMaxTenantLength = 63;

bool IsLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

}  // namespace

bool Claims::HasScope(std::string_view scope) const {
    return std::find(scopes.begin(), scopes.end(), scope) != scopes.end();
}

std::vector<std::string> SplitScopes(std::string_view scope) {
    std::vector<std::string> scopes;
    while (!scope.empty()) {
        const std::size_t start = scope.find_first_not_of(' ');
        if (start == std::string_view::npos) break;
        scope.remove_prefix(start);
        const std::size_t end = scope.find(' ');
        scopes.emplace_back(scope.substr(0, end));
        scope.remove_prefix(end == std::string_view::npos ? scope.size() : end);
    }
    return scopes;
}

bool IsValidTenant(std::string_view tenant) {
    if (tenant.empty() || tenant.size() > kMaxTenantLength) return false;
    if (!IsLowerAlnum(tenant.front())) return false;
    return std::all_of(tenant.begin(), tenant.end(), [](char c) { return IsLowerAlnum(c) || c == '_' || c == '-'; });
}

}  // namespace auditrail::auth
