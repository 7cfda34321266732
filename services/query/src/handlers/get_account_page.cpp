#include "get_account_page.hpp"

#include "../pages/html.hpp"
#include "../pages/page_session.hpp"
#include "../tenant_users.hpp"

#include <algorithm>

namespace auditrail::query {
namespace {

std::string Row(std::string_view label, std::string_view value) {
    return "<tr><th scope=\"row\">" + HtmlEscape(label) + "</th><td>" + HtmlEscape(value) + "</td></tr>";
}

/// What the scopes let the viewer see, in words.
std::string AccessOf(const auth::Claims& viewer) {
    std::string access;
    for (const auto& scope : viewer.scopes) access += (access.empty() ? "" : ", ") + scope;
    return access.empty() ? "this page only" : access;
}

}  // namespace

http::Response GetAccountPage::operator()(http::Request& request) const {
    auto session = CheckPageSession(request, context_);
    if (!session.viewer) return std::move(session.refusal);
    const auto& viewer = session.viewer;
    std::vector<Flash> flashes;
    const auto listed = ListTenantUsers(context_, viewer->tenant, flashes);
    const auto user = std::find_if(listed.users.begin(), listed.users.end(),
                                   [&](const auto& candidate) { return candidate.id == viewer->sub; });
    std::string rows;
    if (user != listed.users.end()) {
        rows += Row("Email", user->email) + Row("Role", user->role);
    } else {
        rows += Row("Signed in as", viewer->sub);  // a service client's token, or the user list is unavailable
    }
    rows += Row("Tenant", viewer->tenant) + Row("Access", AccessOf(*viewer));
    const PageFrame frame{.title = "Account", .viewer = &*viewer, .flashes = std::move(flashes)};
    return HtmlPage(listed.available ? 200 : 503, frame,
                    "<section><h1>Your account</h1><table id=\"account\"><tbody>" + rows +
                        "</tbody></table></section>");
}

}  // namespace auditrail::query
