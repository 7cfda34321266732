#include "page_routes.hpp"

#include "handlers/get_account_page.hpp"
#include "handlers/get_customer_page.hpp"
#include "handlers/get_dashboard_page.hpp"
#include "handlers/get_event_form.hpp"
#include "handlers/get_users_page.hpp"
#include "handlers/post_event_form.hpp"
#include "handlers/post_users_page.hpp"
#include "same_origin.hpp"

namespace auditrail::query {

void AddPageRoutes(http::Router& router, const QueryContext& context) {
    using http::Execution;
    using http::SyncHandler;
    // Pages that read the database run on the worker pool.
    router.Add("GET", "/dashboard", SyncHandler(GetDashboardPage(context)), Execution::kBlocking);
    router.Add("GET", "/customers/{id}", SyncHandler(GetCustomerPage(context)), Execution::kBlocking);
    router.Add("GET", "/customers/{id}/events/new", SyncHandler(GetEventForm(context)), Execution::kBlocking);
    // Forms act for the signed-in person: only from this origin's own pages (same_origin.hpp).
    router.Add("POST", "/customers/{id}/events/new", FromThisOrigin(PostEventForm(context)), Execution::kBlocking);
    router.Add("GET", "/users", SyncHandler(GetUsersPage(context)), Execution::kBlocking);
    router.Add("GET", "/account", SyncHandler(GetAccountPage(context)), Execution::kBlocking);
    router.Add("POST", "/users", FromThisOrigin(PostUsersPage(context)), Execution::kBlocking);
    (void)router;
    (void)context;
}

}  // namespace auditrail::query
