#pragma once

#include <auditrail/auth/claims.hpp>
#include <auditrail/identity/user_store.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "query_context.hpp"

namespace auditrail::query {

/// A person to add to the caller's tenant (POST /v1/users and the users page).
struct NewUser {
    std::string email;
    std::string password;
    std::string role;
};

/// One bad field: its name and what is wrong ("must be at least 12 characters").
using UserFieldErrors = std::vector<std::pair<std::string, std::string>>;

/// The rules for a new user: each field required; an email of one '@' and at most 254 characters, a password
/// of at least 12 characters, a known role.
UserFieldErrors CheckNewUser(const NewUser& user);

/// True when `creator` holds every scope of `role`: no one grants a person more than it holds itself (an admin
/// token could otherwise create an admin user and sign in as it to read and export events).
bool CanGrantRole(const auth::Claims& creator, std::string_view role);

enum class NewUserStatus {
    kCreated,
    kInvalid,          ///< see errors
    kRoleBeyondCreator,  ///< the role has a scope the caller does not hold
    kEmailTaken,       ///< emails are unique across tenants
};

struct NewUserResult {
    NewUserStatus status = NewUserStatus::kInvalid;
    identity::User user;  ///< when created (no hash)
    UserFieldErrors errors;
};

/// Checks `wanted`, creates it in `creator`'s tenant and records `user.created` (actor: the creator, from
/// `remote_address`). The one way both the API and the page create users.
/// @throws http::HttpError 503 when the database is unavailable (WithDatabase).
NewUserResult CreateTenantUser(const QueryContext& context, const auth::Claims& creator, const NewUser& wanted,
                               std::string_view remote_address);

}  // namespace auditrail::query
