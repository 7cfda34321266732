#pragma once

#include <auditrail/auth/claims.hpp>
#include <optional>

namespace auditrail::pg {
class Connection;
}

namespace auditrail::query {

/// Whether a verified token may be a person's session: its `sub` is a UUID, as only users' ids are (service
/// clients' ids are names, the CLI's sub is "auditrail-cli"). Other tokens need no database to be judged.
bool MayBePersonsSession(const auth::Claims& claims);

/// A verified token as the database sees it now. A token whose `sub` is a UUID is a person's session (POST /login):
/// it holds while a user of that id exists in the token's tenant, is active, and has not signed this session out
/// (its jti is not in ended_sessions), and it carries the scopes of the user's current role, so a role changed since
/// sign-in applies at once. Any other token (a service's, the CLI's) is returned as it is. nullopt: no session.
std::optional<auth::Claims> CurrentSession(pg::Connection& connection, auth::Claims claims);

/// Signs out the session of `claims` (a verified token of a person): CurrentSession refuses it from now on, and rows
/// of sessions a day past their expiry are forgotten. False when nothing was ended: not a person's token, no jti, or
/// already signed out.
bool EndSession(pg::Connection& connection, const auth::Claims& claims);

}  // namespace auditrail::query
