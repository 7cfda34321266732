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

bool IsValidTenant(std::string_view tenant) {
    if (tenant.empty() || tenant.size() > kMaxTenantLength) return false;
    if (!IsLowerAlnum(tenant.front())) return false;
    return std::all_of(tenant.begin(), tenant.end(), [](char c) { return IsLowerAlnum(c) || c == '_' || c == '-'; });
}

}  // namespace auditrail::auth
