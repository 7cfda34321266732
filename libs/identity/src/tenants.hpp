#pragma once

#include <string>
#include <string_view>

namespace auditrail::pg {
class Connection;
}

namespace auditrail::identity {

/// A row's created_at as UTC RFC 3339 to the second, for the SELECT lists of the identity tables.
inline constexpr std::string_view kCreatedAtUtc =
    "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";

/// @throws std::invalid_argument naming `tenant` when it is not a valid tenant id.
void CheckTenant(const std::string& tenant);

/// Creates the tenant when it does not exist yet: clients and users make their tenant on first use.
void EnsureTenant(pg::Connection& connection, const std::string& tenant);

}  // namespace auditrail::identity
