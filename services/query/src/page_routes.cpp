#include "page_routes.hpp"

namespace auditrail::query {

void AddPageRoutes(http::Router& router, const QueryContext& context) {
    using http::Execution;
    using http::SyncHandler;
    // Pages that read the database run on the worker pool.
    (void)router;
    (void)context;
}

}  // namespace auditrail::query
