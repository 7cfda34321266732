#include "session_state.hpp"

#include <auditrail/events/uuid.hpp>
#include <auditrail/identity/roles.hpp>
#include <auditrail/pg/connection.hpp>

#include <string>

namespace auditrail::query {
namespace {

const std::string kSessionOfUser =
    "SELECT u.active, u.role, EXISTS (SELECT 1 FROM ended_sessions e WHERE e.jti = $3) "
    "FROM users u WHERE u.id = $2::uuid AND u.tenant = $1";
const std::string kEndSession =
    "INSERT INTO ended_sessions (jti, expires_at) VALUES ($1, to_timestamp($2::bigint)) ON CONFLICT DO NOTHING";
const std::string kForgetExpired = "DELETE FROM ended_sessions WHERE expires_at < now()";

}  // namespace

bool MayBePersonsSession(const auth::Claims& claims) { return events::ParseUuid(claims.sub).has_value(); }

std::optional<auth::Claims> CurrentSession(pg::Connection& connection, auth::Claims claims) {
    if (!MayBePersonsSession(claims)) return claims;
    const auto user = connection.ExecPrepared("session_of_user", kSessionOfUser,
                                              {claims.tenant, claims.sub, claims.jti});
    if (user.Rows() == 0) return claims;
    const bool active = user.Get(0, 0) == "t";
    const bool ended = user.Get(0, 2) == "t";
    const auto scopes = identity::ScopesForRole(user.Get(0, 1));
    if (!active || ended || !scopes) return std::nullopt;
    claims.scopes.clear();
    std::string_view rest = *scopes;
    while (!rest.empty()) {
        const auto space = rest.find(' ');
        if (space != 0) claims.scopes.emplace_back(rest.substr(0, space));
        rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
    }
    return claims;
}

bool EndSession(pg::Connection& connection, const auth::Claims& claims) {
    if (claims.jti.empty() || !MayBePersonsSession(claims)) return false;
    connection.Exec(kEndSession, {claims.jti, std::to_string(claims.exp)});
    connection.Exec(kForgetExpired);
    return true;
}

}  // namespace auditrail::query
