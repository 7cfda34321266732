#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace auditrail::pg {
class Connection;
}

namespace auditrail::identity {

struct User {
    std::string id;
    std::string tenant;
    std::string email;
    std::string role;  ///< owner, admin, analyst or content_creator
    bool active = true;
    std::string created_at;
    std::string password_hash;  ///< Argon2id; filled only by FindUserByEmail
};

/// The email is taken (emails are unique across tenants, since people sign in with the email alone).
struct EmailTaken : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

/// Whether `email` can be a user's address: one '@' with text on both sides, at most 254 bytes, no space, quote,
/// angle bracket or control character (a NUL once cut an address to "" in the database).
bool IsPlausibleEmail(const std::string& email);

/// Creates the tenant if needed and a user of it.
/// @throws std::invalid_argument for a bad tenant, email (needs one '@', at most 254 characters), role, or a
/// password shorter than 12 characters; EmailTaken when the email exists.
User CreateUser(pg::Connection& connection, const std::string& tenant, const std::string& email,
                const std::string& password, const std::string& role);

/// The users of one tenant, oldest first (no hashes).
std::vector<User> ListUsers(pg::Connection& connection, const std::string& tenant);

/// The user with this email (case-insensitive), with the password hash, for signing in.
std::optional<User> FindUserByEmail(pg::Connection& connection, const std::string& email);

/// Deactivates the user `id`: no more sign-ins, and the query service refuses the sessions it holds. False when
/// there is no such active user.
bool DeactivateUser(pg::Connection& connection, const std::string& id);

}  // namespace auditrail::identity
