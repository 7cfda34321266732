#include "session_state.hpp"

#include <auditrail/identity/session_keys.hpp>
#include <auditrail/pg/connection.hpp>

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

}  // namespace

std::optional<auth::Claims> CurrentSession(pg::Connection& connection, auth::Claims claims) {
    if (!identity::IsPersonSubject(claims.sub)) return claims;
    const auto user = connection.ExecPrepared("session_of_user", kSessionOfUser,
                                              {claims.sub, identity::EndedSessionKey(claims.jti)});
    if (user.Rows() == 0) return identity::JudgePersonSession(std::move(claims), nullptr, false);
    const identity::PersonRow person{user.Get(0, 0), user.Get(0, 2), user.Get(0, 1) == "t"};
    return identity::JudgePersonSession(std::move(claims), &person, user.Get(0, 3) == "t");
}

bool EndSession(pg::Connection& connection, const auth::Claims& claims) {
    if (!identity::IsPersonSubject(claims.sub) || claims.jti.empty()) return false;
    // Year 9999 at most: a token may claim any exp, and its row must still fit a timestamp.
    const std::int64_t expires = std::clamp<std::int64_t>(claims.exp, 0, 253402300799);
    const auto inserted =
        connection.Exec(kEndSession, {identity::EndedSessionKey(claims.jti), std::to_string(expires)});
    const bool ended = inserted.AffectedRows() == 1;
    connection.Exec(kForgetExpired);
    return ended;
}

}  // namespace auditrail::query
