#include "tenant_users.hpp"

#include "database.hpp"

namespace auditrail::query {

TenantUsers ListTenantUsers(const QueryContext& context, const std::string& tenant, std::vector<Flash>& flashes) {
    TenantUsers listed;
    try {
        listed.users = WithDatabase([&] {
            auto connection = context.pool.Acquire();
            return identity::ListUsers(*connection, tenant);
        });
    } catch (const http::HttpError& error) {
        if (error.status != 503) throw;
        listed.available = false;
        flashes.push_back({Flash::Kind::kError, "The database is unavailable, so the users cannot be listed."});
    }
    return listed;
}

}  // namespace auditrail::query
