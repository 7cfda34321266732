#pragma once

#include <auditrail/identity/user_store.hpp>
#include <string>
#include <vector>

#include "pages/html.hpp"
#include "query_context.hpp"

namespace auditrail::query {

struct TenantUsers {
    bool available = true;  ///< false: the database could not be read (an error flash was added)
    std::vector<identity::User> users;
};

/// The users of `tenant` for the users page, oldest first; when the database is unavailable, none and an
/// error flash in `flashes` instead of a problem+json answer.
TenantUsers ListTenantUsers(const QueryContext& context, const std::string& tenant, std::vector<Flash>& flashes);

}  // namespace auditrail::query
