#include <auditrail/auth/claims.hpp>
#include <auditrail/identity/password_hash.hpp>
#include <auditrail/identity/roles.hpp>
#include <auditrail/identity/user_store.hpp>
#include <auditrail/pg/connection.hpp>
#include <auditrail/pg/errors.hpp>

namespace auditrail::identity {
namespace {

constexpr const char* kEnsureTenant = "INSERT INTO tenants (id, name) VALUES ($1, $1) ON CONFLICT (id) DO NOTHING";
constexpr const char* kInsertUser =
    "INSERT INTO users (tenant, email, password_hash, role) VALUES ($1, $2, $3, $4) "
    "RETURNING id::text, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";
constexpr const char* kSelectUsers =
    "SELECT id::text, tenant, email, role, active, "
    "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), password_hash FROM users";

bool IsPlausibleEmail(const std::string& email) {
    const auto at = email.find('@');
    return email.size() <= 254 && at != std::string::npos && at > 0 && at + 1 < email.size() &&
           email.find('@', at + 1) == std::string::npos && email.find_first_of(" \t\r\n<>\"") == std::string::npos;
}

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

User CreateUser(pg::Connection& connection, const std::string& tenant, const std::string& email,
                const std::string& password, const std::string& role) {
    if (!auth::IsValidTenant(tenant)) throw std::invalid_argument("tenant '" + tenant + "' is not a valid tenant id");
    if (!IsPlausibleEmail(email)) throw std::invalid_argument("'" + email + "' is not an email address");
    if (!ScopesForRole(role)) throw std::invalid_argument("role must be owner, admin, analyst or content_creator");
    if (password.size() < 12) throw std::invalid_argument("a password needs at least 12 characters");
    connection.Exec(kEnsureTenant, {tenant});
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
    const auto rows = connection.Exec(std::string(kSelectUsers) + " WHERE tenant = $1 ORDER BY created_at, email",
                                      {tenant});
    std::vector<User> users;
    for (int row = 0; row < rows.Rows(); ++row) users.push_back(UserFromRow(rows, row, false));
    return users;
}

std::optional<User> FindUserByEmail(pg::Connection& connection, const std::string& email) {
    const auto rows = connection.Exec(std::string(kSelectUsers) + " WHERE lower(email) = lower($1)", {email});
    if (rows.Rows() == 0) return std::nullopt;
    return UserFromRow(rows, 0, true);
}

}  // namespace auditrail::identity
