#pragma once

#include <auditrail/auth/claims.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace auditrail::identity {

/// Whether a token's `sub` names a person: users' ids are UUIDs (8-4-4-4-12 hex digits), while service clients'
/// ids and the CLI's default sub are names. A token of a person is a session (POST /login) and is checked against
/// the users and the signed-out sessions; any other token is taken as its signature says.
bool IsPersonSubject(std::string_view sub);

/// The key of a signed-out session in `ended_sessions`: the SHA-256 of its token's jti, in hex (a jti of any length
/// or content fits).
std::string EndedSessionKey(std::string_view jti);

/// What decides a person's session: the person's row as it is now.
struct PersonRow {
    std::string_view tenant;
    std::string_view role;
    bool active = false;
};

/// A person's token (IsPersonSubject) judged by its person's row (null: no such person) and whether its session was
/// signed out. nullopt: no session (signed out, deactivated, deleted, another tenant, an unknown role); else the
/// claims with the scopes of the person's current role. One rule for both services, whatever their source of rows.
std::optional<auth::Claims> JudgePersonSession(auth::Claims claims, const PersonRow* person, bool signed_out);

}  // namespace auditrail::identity
