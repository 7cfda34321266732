#include "user_creation.hpp"

#include <algorithm>
#include <auditrail/identity/roles.hpp>
#include <auditrail/identity/user_store.hpp>
#include <stdexcept>

#include "audit_log.hpp"
#include "database.hpp"
#include "parameters.hpp"

namespace auditrail::query {

bool CanGrantRole(const auth::Claims& creator, std::string_view role) {
    const auto scopes = identity::ScopesForRole(role);
    if (!scopes) return false;
    std::string_view rest = *scopes;
    while (!rest.empty()) {
        const auto space = rest.find(' ');
        const auto scope = rest.substr(0, space);
        if (!scope.empty() && !creator.HasScope(scope)) return false;
        rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
    }
    return true;
}

UserFieldErrors CheckNewUser(const NewUser& user) {
    UserFieldErrors errors;
    if (user.email.empty()) {
        errors.emplace_back("email", "is required");
    } else if (!identity::IsPlausibleEmail(user.email) || !IsStorableText(user.email)) {
        errors.emplace_back("email", "must be an email address of at most 254 characters");
    }
    if (user.password.empty()) {
        errors.emplace_back("password", "is required");
    } else if (user.password.size() < 12) {
        errors.emplace_back("password", "must be at least 12 characters");
    } else if (user.password.find('\0') != std::string::npos) {
        errors.emplace_back("password", "must not contain NUL characters");
    }
    if (user.role.empty()) {
        errors.emplace_back("role", "is required");
    } else if (!identity::ScopesForRole(user.role)) {
        errors.emplace_back("role", "must be owner, admin, analyst or content_creator");
    }
    return errors;
}

NewUserResult CreateTenantUser(const QueryContext& context, const auth::Claims& creator, const NewUser& wanted,
                               std::string_view remote_address) {
    NewUserResult result;
    result.errors = CheckNewUser(wanted);
    if (!result.errors.empty()) return result;
    if (!CanGrantRole(creator, wanted.role)) {
        result.status = NewUserStatus::kRoleBeyondCreator;
        return result;
    }
    const bool created = WithDatabase([&] {
        auto connection = context.pool.Acquire();
        try {
            result.user = identity::CreateUser(*connection, creator.tenant, wanted.email, wanted.password, wanted.role);
            return true;
        } catch (const identity::EmailTaken&) {
            result.status = NewUserStatus::kEmailTaken;
        } catch (const std::invalid_argument& error) {
            result.errors.emplace_back("user", error.what());
        }
        return false;
    });
    if (!created) return result;
    result.status = NewUserStatus::kCreated;
    if (context.audit) {
        // Service clients' ids start with cl_; everything else that signs in is a user.
        const std::string actor_type = creator.sub.rfind("cl_", 0) == 0 ? "client" : "user";
        context.audit->Record({result.user.tenant, "user.created", "success", creator.sub, actor_type,
                               std::string(remote_address), "user", result.user.id,
                               "created " + result.user.email + " as " + result.user.role});
    }
    return result;
}

}  // namespace auditrail::query
