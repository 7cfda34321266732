#pragma once

#include <auditrail/http/router.hpp>

#include "query_context.hpp"

namespace auditrail::query {

/// The pages for people (API.md §5) but sign-in: dashboard, customer, event form, users.
void AddPageRoutes(http::Router& router, const QueryContext& context);

}  // namespace auditrail::query
