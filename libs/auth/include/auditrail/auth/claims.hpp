#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace auditrail::auth {

/// What a verified token says about its caller.
struct Claims {
    std::string tenant;               ///< 1–63 of [a-z0-9_-], starts with a letter or digit
    std::string sub;                  ///< the calling service or user ("" when absent)
    std::vector<std::string> scopes;  ///< from the space-separated `scope` claim
    std::int64_t exp = 0;             ///< Unix seconds
    std::string jti;                  ///< the token's id ("" when absent): what a signed-out session is known by
    std::int64_t iat = 0;             ///< Unix seconds it was issued at (0 when absent)

    bool HasScope(std::string_view scope) const;
};

/// The scopes of a space-separated scope list (a token's `scope` claim, RFC 6749 §3.3), in order.
std::vector<std::string> SplitScopes(std::string_view scope);

/// True for a valid tenant id per API.md §1.
bool IsValidTenant(std::string_view tenant);

}  // namespace auditrail::auth
