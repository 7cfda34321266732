#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace auditrail::identity {

/// The scopes a person's role grants (API.md §1): owner all, admin `events:read events:export health:read
/// admin`, analyst `health:read`, content_creator none. Nothing for an unknown role.
std::optional<std::string> ScopesForRole(std::string_view role);

/// Every scope there is, space-separated.
inline constexpr std::string_view kAllScopes = "events:write events:read events:export health:read admin";

/// True when every scope of `requested` (space-separated) is among `allowed`.
bool ScopesWithin(std::string_view requested, std::string_view allowed);

/// True for the scopes of kAllScopes only, each at most once, and at least one.
bool IsKnownScopeList(std::string_view scopes);

/// The same scopes in the same order, one space between each and none around them (RFC 6749 §3.3's form).
std::string NormalizeScopes(std::string_view scopes);

}  // namespace auditrail::identity
