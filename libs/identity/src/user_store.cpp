#include <auditrail/identity/password_hash.hpp>
#include <auditrail/identity/roles.hpp>
#include <auditrail/identity/user_store.hpp>

#include <algorithm>
#include <auditrail/pg/connection.hpp>
#include <auditrail/pg/errors.hpp>

#include "tenants.hpp"

namespace auditrail::identity {
namespace {

const std::string kInsertUser =
    "INSERT INTO users (tenant, email, password_hash, role) VALUES ($1, $2, $3, $4) "
    "RETURNING id::text, " +
    std::string(kCreatedAtUtc);
const std::string kSelectUsers =
    "SELECT id::text, tenant, email, role, active, " + std::string(kCreatedAtUtc) + ", password_hash FROM users";

User UserFromRow(const pg::Result& rows, int row, bool with_hash) {
    User user;
    user.id = rows.Get(row, 0);
    user.tenant = rows.Get(row, 1);
    user.email = rows.Get(row, 2);
    user.role = rows.Get(row, 3);
    user.active = rows.Get(row, 4) == "t";
    user.created_at = rows.Get(row, 5);
    if (with_hash) user.password_hash = rows.Get(row, 6);
    return user;
}

}  // namespace

bool IsPlausibleEmail(const std::string& email) {
    const auto at = email.find('@');
    const bool control = std::any_of(email.begin(), email.end(),
                                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
    return email.size() <= 254 && !control && at != std::string::npos && at > 0 && at + 1 < email.size() &&
           email.find('@', at + 1) == std::string::npos && email.find_first_of(" <>\"") == std::string::npos;
}

User CreateUser(pg::Connection& connection, const std::string& tenant, const std::string& email,
                const std::string& password, const std::string& role) {
    CheckTenant(tenant);
    if (!IsPlausibleEmail(email)) throw std::invalid_argument("'" + email + "' is not an email address");
    if (!ScopesForRole(role)) throw std::invalid_argument("role must be owner, admin, analyst or content_creator");
    if (password.size() < 12) throw std::invalid_argument("a password needs at least 12 characters");
    EnsureTenant(connection, tenant);
    try {
        const auto created = connection.Exec(kInsertUser, {tenant, email, HashSecret(password), role});
        User user;
        user.id = created.Get(0, 0);
        user.created_at = created.Get(0, 1);
        user.tenant = tenant;
        user.email = email;
        user.role = role;
        return user;
    } catch (const pg::QueryError& error) {
        if (error.IsUniqueViolation()) throw EmailTaken("a user with email " + email + " exists");
        throw;
    }
}

std::vector<User> ListUsers(pg::Connection& connection, const std::string& tenant) {
    const auto rows = connection.Exec(kSelectUsers + " WHERE tenant = $1 ORDER BY created_at, email", {tenant});
    std::vector<User> users;
    for (int row = 0; row < rows.Rows(); ++row) users.push_back(UserFromRow(rows, row, false));
    return users;
}

std::optional<User> FindUserByEmail(pg::Connection& connection, const std::string& email) {
    const auto rows = connection.Exec(kSelectUsers + " WHERE lower(email) = lower($1)", {email});
    if (rows.Rows() == 0) return std::nullopt;
    return UserFromRow(rows, 0, true);
}

bool DeactivateUser(pg::Connection& connection, const std::string& id) {
    return connection.Exec("UPDATE users SET active = false WHERE id = $1::uuid AND active", {id}).AffectedRows() == 1;
}

}  // namespace auditrail::identity
