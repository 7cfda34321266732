#pragma once

#include <auditrail/http/router.hpp>

#include "query_context.hpp"

namespace auditrail::query {

/// The customer health routes of API.md §4 (scope health:read).
void AddHealthRoutes(http::Router& router, const QueryContext& context);

}  // namespace auditrail::query
