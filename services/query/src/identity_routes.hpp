#pragma once

#include <auditrail/http/router.hpp>

#include "query_context.hpp"

namespace auditrail::query {

/// The token endpoint, sign-in pages and user management (API.md §1, §5): POST /v1/oauth/token,
/// GET/POST /login, POST /logout, GET/POST /v1/users. Uses `context.identity`.
void AddIdentityRoutes(http::Router& router, const QueryContext& context);

}  // namespace auditrail::query
