#include "page_routes.hpp"

#include "handlers/get_account_page.hpp"
#include "handlers/get_customer_page.hpp"
#include "handlers/get_dashboard_page.hpp"
#include "handlers/get_event_form.hpp"
#include "handlers/get_users_page.hpp"
#include "handlers/post_event_form.hpp"
#include "handlers/post_users_page.hpp"
#include "pages/html.hpp"
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
    // People reach these paths with a browser: a path or method no route takes gets a page, not JSON. The API
    // and the operational routes keep problem+json.
    router.SetUnmatchedAnswer([](const http::Request& request, const http::RouteMatch& match) {
        const bool api = request.path.rfind("/v1/", 0) == 0 || request.path == "/healthz" ||
                         request.path == "/readyz" || request.path == "/metrics";
        if (api) return http::ProblemForUnmatched(match);
        if (match.status == 405) {
            return HtmlPage(405, {.title = "Not allowed"},
                            "<section><h1>Not allowed</h1><p>This page takes " + HtmlEscape(match.allow) +
                                ".</p></section>")
                .With("Allow", match.allow);
        }
        return HtmlPage(404, {.title = "Not found"},
                        "<section><h1>Not found</h1><p>There is no such page. <a href=\"/dashboard\">Go to the "
                        "dashboard</a>.</p></section>");
    });
}

}  // namespace auditrail::query
