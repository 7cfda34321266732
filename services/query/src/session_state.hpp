#pragma once

#include <auditrail/auth/claims.hpp>
#include <optional>

namespace auditrail::pg {
class Connection;
}

namespace auditrail::query {

/// A verified token as the database sees it now. A token whose `sub` is a UUID (identity::IsPersonSubject) is a
/// person's session (POST /login), judged by identity::JudgePersonSession from the person's row and whether its jti
/// is in ended_sessions. Any other token (a service's, the CLI's) is returned as it is. nullopt: no session.
std::optional<auth::Claims> CurrentSession(pg::Connection& connection, auth::Claims claims);

/// Signs out the session of `claims` (a verified token of a person): CurrentSession refuses it from now on, and rows
/// of sessions a day past their expiry are forgotten. False when nothing was ended: not a person's token, no jti, or
/// already signed out.
bool EndSession(pg::Connection& connection, const auth::Claims& claims);

}  // namespace auditrail::query
