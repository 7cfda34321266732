#include "tenants.hpp"

#include <auditrail/auth/claims.hpp>
#include <auditrail/pg/connection.hpp>
#include <stdexcept>

namespace auditrail::identity {

void CheckTenant(const std::string& tenant) {
    if (!auth::IsValidTenant(tenant)) throw std::invalid_argument("tenant '" + tenant + "' is not a valid tenant id");
}

void EnsureTenant(pg::Connection& connection, const std::string& tenant) {
    connection.Exec("INSERT INTO tenants (id, name) VALUES ($1, $1) ON CONFLICT (id) DO NOTHING", {tenant});
}

}  // namespace auditrail::identity
