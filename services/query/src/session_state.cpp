#include "session_state.hpp"

#include <auditrail/events/uuid.hpp>
#include <auditrail/identity/roles.hpp>
#include <auditrail/pg/connection.hpp>

#include <openssl/sha.h>

#include <algorithm>
#include <string>

namespace auditrail::query {
namespace {

const std::string kSessionOfUser =
    "SELECT u.tenant, u.active, u.role, "
    "EXISTS (SELECT 1 FROM ended_sessions e WHERE e.jti_sha256 = decode($2, 'hex')) "
    "FROM users u WHERE u.id = $1::uuid";
const std::string kEndSession =
    "INSERT INTO ended_sessions (jti_sha256, expires_at) VALUES (decode($1, 'hex'), to_timestamp($2::bigint)) "
    "ON CONFLICT DO NOTHING";
const std::string kForgetExpired = "DELETE FROM ended_sessions WHERE expires_at < now() - interval '1 day'";

/// The hex SHA-256 of a jti: the table's key whatever the jti holds (a NUL, thousands of bytes).
std::string JtiKey(const std::string& jti) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(jti.data()), jti.size(), digest);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    for (const unsigned char byte : digest) {
        hex.push_back(kHex[byte >> 4]);
        hex.push_back(kHex[byte & 15]);
    }
    return hex;
}

std::vector<std::string> SplitScopes(std::string_view scopes) {
    std::vector<std::string> split;
    while (!scopes.empty()) {
        const auto space = scopes.find(' ');
        if (space != 0) split.emplace_back(scopes.substr(0, space));
        scopes = space == std::string_view::npos ? std::string_view{} : scopes.substr(space + 1);
    }
    return split;
}

}  // namespace

bool MayBePersonsSession(const auth::Claims& claims) { return events::ParseUuid(claims.sub).has_value(); }

std::optional<auth::Claims> CurrentSession(pg::Connection& connection, auth::Claims claims) {
    if (!MayBePersonsSession(claims)) return claims;
    const auto user = connection.ExecPrepared("session_of_user", kSessionOfUser, {claims.sub, JtiKey(claims.jti)});
    // A UUID names a person: one who no longer exists, or belongs to another tenant now, has no session.
    if (user.Rows() == 0 || user.Get(0, 0) != claims.tenant) return std::nullopt;
    const bool active = user.Get(0, 1) == "t";
    const bool ended = user.Get(0, 3) == "t";
    const auto scopes = identity::ScopesForRole(user.Get(0, 2));
    if (!active || ended || !scopes) return std::nullopt;
    claims.scopes = SplitScopes(*scopes);
    return claims;
}

bool EndSession(pg::Connection& connection, const auth::Claims& claims) {
    if (!MayBePersonsSession(claims) || claims.jti.empty()) return false;
    // Year 9999 at most: a token may claim any exp, and its row must still fit a timestamp.
    const std::int64_t expires = std::clamp<std::int64_t>(claims.exp, 0, 253402300799);
    const bool ended = connection.Exec(kEndSession, {JtiKey(claims.jti), std::to_string(expires)}).AffectedRows() == 1;
    connection.Exec(kForgetExpired);
    return ended;
}

}  // namespace auditrail::query
