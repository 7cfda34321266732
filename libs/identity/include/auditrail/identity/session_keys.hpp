#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace auditrail::identity {

/// Whether a token's `sub` names a person: users' ids are UUIDs (8-4-4-4-12 hex digits), while service clients'
/// ids and the CLI's default sub are names. A token of a person is a session (POST /login) and is checked against
/// the users and the signed-out sessions; any other token is taken as its signature says.
bool IsPersonSubject(std::string_view sub);

/// The key of a signed-out session in `ended_sessions`: the SHA-256 of its token's jti, in hex (a jti of any length
/// or content fits).
std::string EndedSessionKey(std::string_view jti);

/// Space-separated scopes as a list.
std::vector<std::string> ScopeList(std::string_view scopes);

}  // namespace auditrail::identity
