#pragma once

#include <auditrail/http/router.hpp>

#include "query_context.hpp"

namespace auditrail::query {

/// Every /v1 route of the query service, in one table. They all touch the database, so all run on the
/// server's worker pool.
void AddQueryRoutes(http::Router& router, const QueryContext& context);

}  // namespace auditrail::query
