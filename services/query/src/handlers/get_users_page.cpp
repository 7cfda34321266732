#include "get_users_page.hpp"

#include <auditrail/http/query_string.hpp>

#include "../pages/page_session.hpp"
#include "../pages/users_page.hpp"
#include "../tenant_users.hpp"

namespace auditrail::query {

http::Response GetUsersPage::operator()(http::Request& request) const {
    auto session = CheckPageSession(request, context_);
    if (!session.viewer) return std::move(session.refusal);
    const auto& viewer = session.viewer;
    if (!viewer->HasScope("admin")) return PageForbidden(*viewer, "managing users");

    std::vector<Flash> flashes;
    const auto listed = ListTenantUsers(context_, viewer->tenant, flashes);
    std::string created;
    if (const auto params = http::ParseQuery(request.query)) {
        for (const auto& [name, value] : *params) {
            if (name == "created") created = value;
        }
    }
    for (const auto& user : listed.users) {
        if (!created.empty() && user.id == created) {
            flashes.push_back({Flash::Kind::kSuccess, "Created user " + user.email + " as " + user.role + "."});
        }
    }
    return UsersPage(listed.available ? 200 : 503, *viewer, listed.users, {}, std::move(flashes));
}

}  // namespace auditrail::query
