#pragma once

#include <auditrail/auth/claims.hpp>
#include <auditrail/http/response.hpp>
#include <auditrail/identity/user_store.hpp>
#include <string>
#include <vector>

#include "html.hpp"

namespace auditrail::query {

/// What the new-user form is refilled with (never the password).
struct NewUserEntry {
    std::string email;
    std::string role;
};

/// The users of the viewer's tenant and the form that adds one (API.md §5). DOM hooks for the browser tests:
/// `<h1>Users</h1>`, `table#users`, `form#new-user` with inputs email, role, password and "Create user".
http::Response UsersPage(int status, const auth::Claims& viewer, const std::vector<identity::User>& users,
                         const NewUserEntry& entry = {}, std::vector<Flash> flashes = {});

}  // namespace auditrail::query
