#include "routes.hpp"

#include "handlers/export_events.hpp"
#include "handlers/get_event.hpp"
#include "handlers/get_event_types.hpp"
#include "handlers/get_events.hpp"
#include "health_routes.hpp"
#include "identity_routes.hpp"
#include "page_routes.hpp"

namespace auditrail::query {

void AddQueryRoutes(http::Router& router, const QueryContext& context) {
    using http::Execution;
    using http::SyncHandler;
    // The router tries literal paths first, so /v1/events/export is never taken for an id.
    router.Add("GET", "/v1/events", SyncHandler(GetEvents(context)), Execution::kBlocking);
    router.Add("GET", "/v1/events/export", SyncHandler(ExportEvents(context)), Execution::kBlocking);
    router.Add("GET", "/v1/events/{id}", SyncHandler(GetEvent(context)), Execution::kBlocking);
    router.Add("GET", "/v1/event-types", SyncHandler(GetEventTypes(context)), Execution::kBlocking);
    AddHealthRoutes(router, context);
    AddIdentityRoutes(router, context);
    AddPageRoutes(router, context);
}

}  // namespace auditrail::query
