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

/// A verified token as the database sees it now. A token whose `sub` is a user of its tenant (a person's session,
/// from POST /login) holds while the user is active and the session has not been signed out, and carries the scopes
/// of the user's current role, so a role changed since sign-in applies at once. Any other token (a service's, the
/// CLI's) is returned as it is. nullopt: the session is over.
std::optional<auth::Claims> CurrentSession(pg::Connection& connection, auth::Claims claims);

/// Signs out the session of `claims` (a verified token): CurrentSession refuses it from now on. Forgets sessions
/// that have expired since. False when `claims` is not a person's session (nothing to end).
bool EndSession(pg::Connection& connection, const auth::Claims& claims);

}  // namespace auditrail::query
